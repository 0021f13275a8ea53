-- What the public needs to reach a station (issue 17): its own street address (road and number; the building's
-- address was often only "842号(示意)"), the station's public service line (an institution's number — the
-- existing `phone` stays the internal contact and is never published), opening hours by weekday (a JSON array of
-- seven days, Monday first, each a list of ["HH:MM", "HH:MM"] ranges; the free-text `hours` is still accepted and
-- read when this is null) and accessibility notes. Activities gain a signup note for the public.
ALTER TABLE stations ADD COLUMN address text;
ALTER TABLE stations ADD COLUMN public_phone text;
ALTER TABLE stations ADD COLUMN hours_week jsonb CHECK (hours_week IS NULL OR (jsonb_typeof(hours_week) = 'array' AND jsonb_array_length(hours_week) = 7));
ALTER TABLE stations ADD COLUMN accessibility text;
ALTER TABLE activities ADD COLUMN signup_note text;
