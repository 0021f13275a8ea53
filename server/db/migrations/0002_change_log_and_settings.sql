-- A change log filled by triggers, so any write (API, import, SQL console, another API process) tells
-- the coverage engine exactly which rows changed; and a settings table for tunables such as station reach.
CREATE TABLE change_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  table_name text NOT NULL,
  row_key text NOT NULL
);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- TG_ARGV[0] names the column that identifies what changed (e.g. enterprise_id for coverage links).
CREATE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO change_log (table_name, row_key) VALUES (TG_TABLE_NAME, to_jsonb(OLD) ->> TG_ARGV[0]);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (to_jsonb(NEW) ->> TG_ARGV[0]) IS DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[0])) THEN
    INSERT INTO change_log (table_name, row_key) VALUES (TG_TABLE_NAME, to_jsonb(NEW) ->> TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER districts_log AFTER INSERT OR UPDATE OR DELETE ON districts FOR EACH ROW EXECUTE FUNCTION log_change('code');
CREATE TRIGGER streets_log AFTER INSERT OR UPDATE OR DELETE ON streets FOR EACH ROW EXECUTE FUNCTION log_change('code');
CREATE TRIGGER grids_log AFTER INSERT OR UPDATE OR DELETE ON grids FOR EACH ROW EXECUTE FUNCTION log_change('id');
CREATE TRIGGER business_districts_log AFTER INSERT OR UPDATE OR DELETE ON business_districts FOR EACH ROW EXECUTE FUNCTION log_change('id');
CREATE TRIGGER buildings_log AFTER INSERT OR UPDATE OR DELETE ON buildings FOR EACH ROW EXECUTE FUNCTION log_change('id');
CREATE TRIGGER enterprises_log AFTER INSERT OR UPDATE OR DELETE ON enterprises FOR EACH ROW EXECUTE FUNCTION log_change('id');
CREATE TRIGGER stations_log AFTER INSERT OR UPDATE OR DELETE ON stations FOR EACH ROW EXECUTE FUNCTION log_change('id');
CREATE TRIGGER organisations_log AFTER INSERT OR UPDATE OR DELETE ON organisations FOR EACH ROW EXECUTE FUNCTION log_change('id');
CREATE TRIGGER organisation_coverage_log AFTER INSERT OR UPDATE OR DELETE ON organisation_coverage FOR EACH ROW EXECUTE FUNCTION log_change('enterprise_id');
CREATE TRIGGER instructor_assignments_log AFTER INSERT OR UPDATE OR DELETE ON instructor_assignments FOR EACH ROW EXECUTE FUNCTION log_change('enterprise_id');
CREATE TRIGGER settings_log AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH ROW EXECUTE FUNCTION log_change('key');
