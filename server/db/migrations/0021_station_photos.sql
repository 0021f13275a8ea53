-- A station's photo (issue 17): uploaded by an admin or an editor of its street, stored already processed —
-- decoded, turned upright, shrunk (long side ≤ 1600 px, thumbnail ≤ 400 px) and encoded again, so no EXIF
-- (GPS position, camera, time) survives. One photo per station; sha256 of the JPEG is its ETag.
CREATE TABLE station_photos (
  station_id integer PRIMARY KEY REFERENCES stations(id) ON DELETE CASCADE,
  jpeg bytea NOT NULL,
  thumb bytea NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  thumb_sha256 text NOT NULL CHECK (thumb_sha256 ~ '^[0-9a-f]{64}$'),
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);

-- Photos of published versions, by content: a version's page keeps showing the photo it was published with
-- after the station's photo is replaced. Written at publish, never changed or removed, like the versions.
CREATE TABLE publication_photos (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  jpeg bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER publication_photos_no_change BEFORE UPDATE OR DELETE ON publication_photos
  FOR EACH ROW EXECUTE FUNCTION publication_versions_immutable();
