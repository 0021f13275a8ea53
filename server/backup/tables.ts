// What a backup holds: every table of the product except ephemeral ones, in foreign-key order.
export const BACKUP_TABLES = [
  'districts', 'streets', 'grids', 'business_districts', 'buildings', 'enterprises', 'stations', 'station_photos', 'organisations',
  'organisation_coverage', 'instructors', 'instructor_assignments', 'activities', 'alliances', 'alliance_members', 'roads', 'water',
  'users', 'user_streets', 'api_tokens', 'settings', 'grid_change_sets', 'grid_version_floor', 'publications', 'publication_versions', 'publication_photos', 'audit_log',
] as const;
/** Sessions expire, the change log only feeds live caches, failed sign-ins are counted for minutes and the coverage
 *  snapshot is derived data tied to this store's change log: none belongs in a backup. */
export const NOT_BACKED_UP = ['sessions', 'change_log', 'schema_migrations', 'login_attempts', 'coverage_snapshot'];
