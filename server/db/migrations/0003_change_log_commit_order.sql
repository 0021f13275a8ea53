-- Change-log ids must become visible in id order, or a reader that has seen id 501 would never see an
-- id 500 whose transaction committed later. A transaction-scoped advisory lock taken by the first logged
-- change serialises writers until they commit (writes here are few; reads are not affected).
CREATE OR REPLACE FUNCTION log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7424242);
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO change_log (table_name, row_key) VALUES (TG_TABLE_NAME, to_jsonb(OLD) ->> TG_ARGV[0]);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (to_jsonb(NEW) ->> TG_ARGV[0]) IS DISTINCT FROM (to_jsonb(OLD) ->> TG_ARGV[0])) THEN
    INSERT INTO change_log (table_name, row_key) VALUES (TG_TABLE_NAME, to_jsonb(NEW) ->> TG_ARGV[0]);
  END IF;
  RETURN NULL;
END
$$;

CREATE INDEX change_log_at_idx ON change_log (at);
