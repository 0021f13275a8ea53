// PostgreSQL advisory lock keys, in one list so that two features never pick the same number.
// (The change log's own key, 7424242, is taken inside log_change() in SQL: see migration 0003.)

/** Held (per transaction) while one migration is applied, so processes starting together apply each once. */
export const MIGRATION_LOCK = 7424243;
/** Held (per session) while a process fills an empty database (demo territory, first admin, display token). */
export const FIRST_START_LOCK = 7424244;
