// Station photos of published versions: copied by content (publication_photos) when a version is stored, so the
// page keeps the photo it was published with; served beside the page as photos/<sha256>.jpg and put in the export.
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/store.js';
import { ApiError } from '../http/errors.js';
import { photoIsClean } from './leak-guard.js';
import type { PublicSnapshot } from './types.js';

const PHOTO_PATH = /^photos\/([0-9a-f]{64})\.jpg$/;

/** The content hashes of the photos a snapshot shows (versions published before photos existed show none). */
export function photoHashes(snapshot: Pick<PublicSnapshot, 'stations'>): string[] {
  const out = new Set<string>();
  for (const s of snapshot.stations) {
    for (const path of [s.photo?.src, s.photo?.thumb]) {
      const m = path ? PHOTO_PATH.exec(path) : null;
      if (m) out.add(m[1] as string);
    }
  }
  return [...out];
}

/**
 * Inside the publishing transaction: copies every photo the snapshot shows from station_photos, then reads each
 * back and checks it is a JPEG with no metadata (EXIF, XMP, comments). A photo replaced since the facts were
 * gathered is gone from station_photos: the publish stops (nothing stored) and is simply tried again.
 */
export async function freezePhotos(tx: Db, snapshot: Pick<PublicSnapshot, 'stations'>): Promise<void> {
  for (const sha of photoHashes(snapshot)) {
    await tx.execute(sql`INSERT INTO publication_photos (sha256, jpeg)
      SELECT ${sha}, jpeg FROM station_photos WHERE sha256 = ${sha}
      UNION ALL SELECT ${sha}, thumb FROM station_photos WHERE thumb_sha256 = ${sha}
      LIMIT 1 ON CONFLICT (sha256) DO NOTHING`);
    const bytes = await readPublishedPhoto(tx, sha);
    if (!bytes) throw new ApiError(409, 'conflict', 'A station photo was replaced while publishing; publish again');
    if (!photoIsClean(bytes)) throw new ApiError(422, 'unprocessable', 'Not published: a station photo still carries metadata (EXIF, XMP or comments); upload it again');
  }
}

export async function readPublishedPhoto(db: Db, sha: string): Promise<Uint8Array | null> {
  const [r] = await rows<{ b64: string }>(db, sql`SELECT encode(jpeg, 'base64') AS b64 FROM publication_photos WHERE sha256 = ${sha}`);
  return r ? new Uint8Array(Buffer.from(r.b64, 'base64')) : null;
}

/** The photo a page path names, if the published snapshot shows it. */
export function photoOfPath(path: string, snapshotJson: string): string | null {
  const m = PHOTO_PATH.exec(path);
  return m && snapshotJson.includes(`"${path}"`) ? (m[1] as string) : null;
}

/** Every photo file of a snapshot, keyed by its path beside the page (for the export). */
export async function photoFiles(db: Db, snapshotJson: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const sha of photoHashes(JSON.parse(snapshotJson) as PublicSnapshot)) {
    const bytes = await readPublishedPhoto(db, sha);
    if (bytes) files.set(`photos/${sha}.jpg`, bytes);
  }
  return files;
}
