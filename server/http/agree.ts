// Compile-time proof that a service's model type and the contract schema describing it agree (each is
// assignable to the other), so the API contract cannot drift from what the services return.
// Use in a contract: `type _SummaryAgrees = Expect<Agree<SummaryNode, Summary>>;` (or Fits, one way).
export type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export type Expect<T extends true> = T;
/** One way only: what a service returns fits what the schema promises (a schema shared by several services). */
export type Fits<Model, Schema> = [Model] extends [Schema] ? true : false;
