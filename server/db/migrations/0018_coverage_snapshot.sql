-- The persisted coverage model (issue 18 point 4, docs/adr/0017): the model's facts and every building's reach,
-- v8-serialised, gzipped and base64-encoded, with the change-log id it reflects. No change-log trigger: it is
-- derived data, rewritten by the coverage engine, never edited.
CREATE TABLE coverage_snapshot (
  key text PRIMARY KEY,
  version integer NOT NULL,
  config text NOT NULL,
  as_of date NOT NULL,
  change_id bigint NOT NULL,
  data text NOT NULL,
  saved_at timestamptz NOT NULL
);
