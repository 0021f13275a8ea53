-- Activities and alliances join the change log: a wall hears a new activity (its "this month" figure) and the
-- tile cache can keep their tiles until one of their rows changes (before, they were rendered for every request).
CREATE TRIGGER activities_log AFTER INSERT OR UPDATE OR DELETE ON activities FOR EACH ROW EXECUTE FUNCTION log_change('id');
CREATE TRIGGER alliances_log AFTER INSERT OR UPDATE OR DELETE ON alliances FOR EACH ROW EXECUTE FUNCTION log_change('id');
CREATE TRIGGER alliance_members_log AFTER INSERT OR UPDATE OR DELETE ON alliance_members FOR EACH ROW EXECUTE FUNCTION log_change('alliance_id');
