-- Issue 19: what a roster says comes back out unchanged.
-- An enterprise's address, contact person and phone belong to the internal record (the office calls them);
-- they are never published (publications gather named columns only, and the leak scan checks it).
ALTER TABLE enterprises ADD COLUMN address text;
ALTER TABLE enterprises ADD COLUMN contact_person text;
ALTER TABLE enterprises ADD COLUMN contact_phone text;
-- The coordinates exactly as the file gave them, in the system coord_source names (GCJ-02 numbers stay GCJ-02):
-- an export carries them, so a re-import converts the same numbers to the same point instead of converting the
-- stored WGS84 point again. NULL when the point was not imported (placed by the product or drawn).
ALTER TABLE enterprises ADD COLUMN source_lon double precision;
ALTER TABLE enterprises ADD COLUMN source_lat double precision;
ALTER TABLE stations ADD COLUMN source_lon double precision;
ALTER TABLE stations ADD COLUMN source_lat double precision;
ALTER TABLE activities ADD COLUMN source_lon double precision;
ALTER TABLE activities ADD COLUMN source_lat double precision;
