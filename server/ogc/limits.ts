import { BUDGETS } from '../http/budgets.js';

export const DEFAULT_LIMIT = 10;
/** Larger requests are clamped to this, as OGC API – Features allows. */
export const MAX_LIMIT = BUDGETS.ogcItemsPerPage;
