-- Tell every listening process (LISTEN change_log) that the change log grew. NOTIFY is delivered at
-- commit and folded to one per transaction, so a bulk import wakes listeners once. A trigger on the log
-- itself, not in log_change(), so that whichever migration last redefines log_change() keeps it.
CREATE FUNCTION notify_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('change_log', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER change_log_notify AFTER INSERT ON change_log FOR EACH STATEMENT EXECUTE FUNCTION notify_change_log();
