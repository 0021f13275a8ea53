// Layer functions stay pure, but rebuilding the same derived arrays on every call would make deck.gl
// re-tessellate and re-atlas unchanged layers. This caches a derived value per input object.
const caches = new WeakMap<object, Map<string, unknown>>();

export function memoOn<T>(input: object, key: string, compute: () => T): T {
  let byKey = caches.get(input);
  if (!byKey) {
    byKey = new Map();
    caches.set(input, byKey);
  }
  if (!byKey.has(key)) byKey.set(key, compute());
  return byKey.get(key) as T;
}

/** A stable id per function instance (coordinate transforms), usable in memo keys. */
const fnIds = new WeakMap<object, number>();
let nextFnId = 1;
export function fnKey(f: object): string {
  let id = fnIds.get(f);
  if (!id) {
    id = nextFnId++;
    fnIds.set(f, id);
  }
  return `fn${id}`;
}
