-- Versions only grow (issue 12): the highest version each grid id has ever had, kept by triggers, so a grid a
-- revert brings back (or any insert reusing an id) starts above every version an editor may still hold.
-- Without it a restored grid restarted at version 1 and a planner's stale save based on version 1 won.
CREATE TABLE grid_version_floor (
  grid_id integer PRIMARY KEY,
  version integer NOT NULL
);

-- Grids that exist now; grids deleted before this migration are known only from the history, and a change
-- set bumps a grid at most once: the street's number of change sets bounds any version they reached.
INSERT INTO grid_version_floor (grid_id, version) SELECT id, version FROM grids;
INSERT INTO grid_version_floor (grid_id, version)
  SELECT h.id, h.n + 1 FROM (
    SELECT (e ->> 'id')::int AS id, (SELECT count(*)::int FROM grid_change_sets c WHERE c.street_code = s.street_code) AS n
    FROM grid_change_sets s, jsonb_array_elements(s.before || s.after) e
  ) h
  WHERE NOT EXISTS (SELECT 1 FROM grids g WHERE g.id = h.id)
  ON CONFLICT (grid_id) DO UPDATE SET version = greatest(grid_version_floor.version, EXCLUDED.version);

-- An inserted grid whose id was used before starts above that id's highest version.
CREATE FUNCTION grid_version_above_floor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := greatest(NEW.version, coalesce((SELECT f.version + 1 FROM grid_version_floor f WHERE f.grid_id = NEW.id), 1));
  RETURN NEW;
END
$$;

CREATE FUNCTION grid_version_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r grids;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  INSERT INTO grid_version_floor (grid_id, version) VALUES (r.id, r.version)
    ON CONFLICT (grid_id) DO UPDATE SET version = greatest(grid_version_floor.version, EXCLUDED.version);
  RETURN NULL;
END
$$;

CREATE TRIGGER grids_version_floor BEFORE INSERT ON grids FOR EACH ROW EXECUTE FUNCTION grid_version_above_floor();
CREATE TRIGGER grids_version_record AFTER INSERT OR UPDATE OR DELETE ON grids FOR EACH ROW EXECUTE FUNCTION grid_version_record();
