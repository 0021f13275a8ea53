// Stations as the internal profile reads them (their public details and photo), and their photos: stored,
// replaced and removed in one transaction each, with one audit row.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Db, type Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { notFound } from '../http/errors.js';
import type { ProcessedPhoto } from './image/process.js';

export interface PhotoInfo {
  width: number;
  height: number;
  sha256: string;
  uploadedAt: string;
}

export interface StationCard {
  id: number;
  name: string;
  type: string;
  streetCode: string;
  buildingId: number | null;
  address: string | null;
  publicPhone: string | null;
  /** Internal contact (personal: withheld from readers who may not read people). */
  phone: string | null;
  hours: string | null;
  hoursWeek: unknown;
  services: string[];
  accessibility: string | null;
  photo: PhotoInfo | null;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const b64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

export async function stationCards(db: Db, filter: { buildingId?: number; streetCode?: string }): Promise<StationCard[]> {
  const where = filter.buildingId !== undefined ? sql`s.building_id = ${filter.buildingId}` : filter.streetCode ? sql`s.street_code = ${filter.streetCode}` : sql`TRUE`;
  const list = await rows<Omit<StationCard, 'photo'> & { pw: number | null; ph: number | null; psha: string | null; pat: string | null }>(
    db,
    sql`SELECT s.id, s.name, s.type, s.street_code AS "streetCode", s.building_id AS "buildingId", s.address, s.public_phone AS "publicPhone", s.phone,
               s.hours, s.hours_week AS "hoursWeek", s.services, s.accessibility,
               p.width AS pw, p.height AS ph, p.sha256 AS psha, to_char(p.uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS pat
        FROM stations s LEFT JOIN station_photos p ON p.station_id = s.id WHERE ${where} ORDER BY s.id LIMIT 500`,
  );
  return list.map(({ pw, ph, psha, pat, ...s }) => ({ ...s, photo: psha ? { width: pw as number, height: ph as number, sha256: psha, uploadedAt: pat as string } : null }));
}

export async function stationStreet(db: Db, id: number): Promise<string> {
  const [s] = await rows<{ streetCode: string }>(db, sql`SELECT street_code AS "streetCode" FROM stations WHERE id = ${id}`);
  if (!s) throw notFound(`No station ${id}`);
  return s.streetCode;
}

/** The stored JPEG (or its thumbnail) and its sha256, or null when the station has no photo. */
export async function readPhoto(db: Db, id: number, size: 'photo' | 'thumb'): Promise<{ bytes: Uint8Array; sha256: string } | null> {
  // Base64 through SQL: the same text on PGlite, its thread's port and postgres.js (their bytea values differ).
  const [r] = await rows<{ b64: string; sha256: string }>(
    db,
    size === 'thumb'
      ? sql`SELECT encode(thumb, 'base64') AS b64, thumb_sha256 AS sha256 FROM station_photos WHERE station_id = ${id}`
      : sql`SELECT encode(jpeg, 'base64') AS b64, sha256 FROM station_photos WHERE station_id = ${id}`,
  );
  return r ? { bytes: new Uint8Array(Buffer.from(r.b64, 'base64')), sha256: r.sha256 } : null;
}

export async function savePhoto(store: Store, actor: string, id: number, p: ProcessedPhoto): Promise<PhotoInfo> {
  const hash = sha256(p.photo);
  return store.write(async (tx) => {
    const [before] = await rows<{ sha256: string }>(tx, sql`SELECT sha256 FROM station_photos WHERE station_id = ${id} FOR UPDATE`);
    const [r] = await rows<{ uploadedAt: string }>(
      tx,
      sql`INSERT INTO station_photos (station_id, jpeg, thumb, sha256, thumb_sha256, width, height, uploaded_by)
          VALUES (${id}, decode(${b64(p.photo)}, 'base64'), decode(${b64(p.thumb)}, 'base64'), ${hash}, ${sha256(p.thumb)}, ${p.width}, ${p.height}, ${actor})
          ON CONFLICT (station_id) DO UPDATE SET jpeg = EXCLUDED.jpeg, thumb = EXCLUDED.thumb, sha256 = EXCLUDED.sha256, thumb_sha256 = EXCLUDED.thumb_sha256,
            width = EXCLUDED.width, height = EXCLUDED.height, uploaded_by = EXCLUDED.uploaded_by, uploaded_at = now()
          RETURNING to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "uploadedAt"`,
    );
    const info = { width: p.width, height: p.height, sha256: hash, uploadedAt: (r as { uploadedAt: string }).uploadedAt };
    await audit(tx, { actor, action: before ? 'update' : 'create', entity: 'station_photo', entityId: id, before: before ?? null, after: { sha256: hash, width: p.width, height: p.height, bytes: p.photo.length } });
    return info;
  });
}

export async function deletePhoto(store: Store, actor: string, id: number): Promise<void> {
  await store.write(async (tx) => {
    const [before] = await rows<{ sha256: string }>(tx, sql`DELETE FROM station_photos WHERE station_id = ${id} RETURNING sha256`);
    if (!before) throw notFound(`Station ${id} has no photo`);
    await audit(tx, { actor, action: 'delete', entity: 'station_photo', entityId: id, before });
  });
}
