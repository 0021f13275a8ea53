// Rendered tiles kept in memory, bounded in bytes (least recently used dropped first), and the change clock that
// says whether a kept tile is still current. A tile is kept with the version of its collection's tables read from the
// change log BEFORE it was rendered; a request reads the version again and uses a kept tile only when they are equal,
// so an edit committed before a request began is always in what that request gets (never a stale tile).
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { Mutex } from '../db/mutex.js';

/** Tables whose rows a collection's tiles show (the change log's table names). Derived figures: every table. */
export const TILE_TABLES: Readonly<Record<string, readonly string[] | 'all' | null>> = {
  districts: ['districts'],
  streets: ['streets'],
  grids: ['grids'],
  'business-districts': ['business_districts'],
  stations: ['stations'],
  roads: ['roads'],
  water: ['water'],
  // Coverage figures on buildings and enterprises follow enterprises, organisations, stations, roads, settings…
  buildings: 'all',
  enterprises: 'all',
  activities: ['activities'],
  alliances: ['alliances', 'alliance_members'],
};

/**
 * The change log as versions per table. Each call reads the log's newest id (one index probe); when it moved, the
 * tables named by the new rows take that id as their version. A log pruned past what was seen, or emptied, moves
 * the epoch: every version changes.
 */
export class ChangeClock {
  private seen = -1;
  private epoch = 0;
  private readonly byTable = new Map<string, number>();
  private readonly lock = new Mutex();

  constructor(private readonly store: Store) {}

  /** Current version of these tables ('all': any table), as a string to key a tile with. */
  async version(tables: readonly string[] | 'all'): Promise<string> {
    return (await this.read(tables)).version;
  }

  /** The version, and the change log's newest id as read for it: every edit committed before this call has an id
   *  at or below `head` (a coverage answer from a model that has seen `head` holds them all). */
  async read(tables: readonly string[] | 'all'): Promise<{ version: string; head: number }> {
    const [r] = await this.store.read((db) => rows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::float8 AS n FROM change_log`));
    const latest = r?.n ?? 0;
    await this.lock.run(() => this.advance(latest));
    if (tables === 'all') return { version: `${this.epoch}:${this.seen}`, head: latest };
    let v = 0;
    for (const t of tables) v = Math.max(v, this.byTable.get(t) ?? 0);
    return { version: `${this.epoch}:${v}`, head: latest };
  }

  private async advance(latest: number): Promise<void> {
    if (latest === this.seen) return;
    if (this.seen < 0 || latest < this.seen) {
      // First look, or the log was emptied/pruned below what was seen: nothing kept before can be trusted.
      this.epoch++;
      this.byTable.clear();
      this.seen = latest;
      return;
    }
    const from = this.seen;
    const [changed, oldest] = await this.store.read(async (db) => [
      await rows<{ t: string }>(db, sql`SELECT DISTINCT table_name AS t FROM change_log WHERE id > ${from} AND id <= ${latest}`),
      (await rows<{ n: number | null }>(db, sql`SELECT min(id)::float8 AS n FROM change_log`))[0]?.n ?? null,
    ]);
    if (this.seen !== from) return; // another request advanced it meanwhile (the lock makes this unlikely)
    if (oldest !== null && oldest > from + 1) {
      this.epoch++;
      this.byTable.clear();
    } else {
      for (const { t } of changed) this.byTable.set(t, latest);
    }
    this.seen = Math.max(this.seen, latest);
  }
}

export interface CachedTile {
  version: string;
  bytes: Uint8Array;
  gzip: Uint8Array | null;
  etag: string;
}

/** Least recently used first out, the total of bytes kept under a limit; an entry counts only under its version. */
export class VersionedCache<T extends { version: string }> {
  private readonly map = new Map<string, T>();
  private total = 0;
  readonly stats = { hits: 0, misses: 0, evictions: 0 };

  constructor(
    private readonly limitBytes: number,
    private readonly size: (entry: T) => number,
  ) {}

  get bytes(): number {
    return this.total;
  }

  get entries(): number {
    return this.map.size;
  }

  /** The kept entry for this key if it has this version. */
  get(key: string, version: string): T | undefined {
    const t = this.map.get(key);
    if (!t || t.version !== version) {
      this.stats.misses++;
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, t);
    this.stats.hits++;
    return t;
  }

  set(key: string, entry: T): void {
    this.delete(key);
    const n = this.size(entry);
    if (n > this.limitBytes) return;
    this.map.set(key, entry);
    this.total += n;
    while (this.total > this.limitBytes) {
      const oldest = this.map.keys().next().value as string;
      this.delete(oldest);
      this.stats.evictions++;
    }
  }

  /** Drops every kept entry (benchmarks measure a cold cache with it). */
  clear(): void {
    this.map.clear();
    this.total = 0;
  }

  private delete(key: string): void {
    const t = this.map.get(key);
    if (!t) return;
    this.map.delete(key);
    this.total -= this.size(t);
  }
}

/** Rendered tiles: plain and gzipped bytes counted. */
export class TileCache extends VersionedCache<CachedTile> {
  constructor(limitBytes: number) {
    super(limitBytes, (t) => t.bytes.byteLength + (t.gzip?.byteLength ?? 0) + 200);
  }
}

/** One page of a collection's items as a reader may see it, already serialised (a page of features, as JSON). */
export interface CachedItems {
  version: string;
  featuresJson: string;
  numberMatched: number;
  numberReturned: number;
}

/** Pages of items: their JSON counted at two bytes a character (V8 keeps non-Latin-1 strings as UTF-16). */
export class ItemsCache extends VersionedCache<CachedItems> {
  constructor(limitBytes: number) {
    super(limitBytes, (e) => e.featuresJson.length * 2 + 200);
  }
}
