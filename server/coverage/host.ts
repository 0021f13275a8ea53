// Keeps the coverage model current and answers the named questions (questions.ts). Runs in the coverage worker
// (worker.ts), off the request thread. Today's model is built once — or loaded from the persisted snapshot — and
// afterwards each question first reads the change log (filled by triggers) and applies only what changed. Past
// dates are views derived from today's model (domain/coverage/view.ts), one per date shared by its questions;
// views and answers are kept in caches capped in bytes and dropped at the next change.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { Mutex } from '../db/mutex.js';
import { CoverageModel } from '../domain/coverage/model.js';
import { DEFAULT_REACH_CONFIG, type ReachConfig } from '../domain/coverage/reach.js';
import { pastView, type PastView } from '../domain/coverage/view.js';
import { ReachConfigSchema } from './contract.js';
import { forEachEnterpriseSlice, loadAreas, loadBuildings, loadEnterprises, loadGround, loadRoads, loadStations } from './facts.js';
import { answer, BAND_AREA_QUESTIONS, type Answer, type Question } from './questions.js';
import { ByteCache, estimatedBytes } from './byte-cache.js';
import { loadSnapshot, saveSnapshot } from './snapshot.js';

/** The tables today's model is made of: changes elsewhere in the log (activities, alliances, grid history…) are
 *  not applied, and a large import of them does not count towards a rebuild. */
const MODEL_TABLES = ['districts', 'streets', 'grids', 'business_districts', 'buildings', 'enterprises', 'stations', 'organisations', 'organisation_coverage', 'instructor_assignments', 'settings', 'roads'];
/** Beyond this many changed rows a full rebuild is cheaper than applying them one by one. */
const INCREMENTAL_LIMIT = 20_000;
/** Past-date answers kept, in bytes (their JSON size). */
export const PAST_CACHE_BYTES = 32 * 1024 * 1024;
/** Past-date views kept (one per as-of date, shared by its questions), in bytes (view.ts's estimate). A city's view
 *  is about 10 MiB (100k buildings' counts); the demo's a few kB. */
export const PAST_VIEW_CACHE_BYTES = 48 * 1024 * 1024;
/** Band areas kept (issue 16: drawn from today's walks), in bytes. A street's three bands are 50–300 kB. */
export const BAND_AREA_CACHE_BYTES = 16 * 1024 * 1024;
/** Changes that move a band area: the walking graph, the stations, an area's buildings (its extent). */
const BAND_AREA_TABLES = ['roads', 'stations', 'buildings', 'streets', 'grids', 'business_districts', 'settings'];
/** The snapshot is written again after this many changes applied since the last one, or this long after it. */
const SNAPSHOT_EVERY_ROWS = 2_000;
const SNAPSHOT_EVERY_MS = 10 * 60_000;

export interface HostStats {
  fullBuilds: number;
  incrementalUpdates: number;
  rowsApplied: number;
  snapshotLoads: number;
  snapshotSaves: number;
  /** Past-date views derived (each one pass over today's model), one per as-of date while it stays cached. */
  pastViews: number;
  pastViewBytes: number;
  pastViewEntries: number;
  /** Band areas drawn (a cached one is not drawn again until a road, station, building or area changes). */
  bandAreaDraws: number;
  /** Reads of the change log's head before an answer (none for an asker that read it itself: a tile). */
  changeLogReads: number;
  pastCacheBytes: number;
  pastCacheEntries: number;
  /** The V8 heap of the thread the host runs in (the coverage worker's own isolate), in MiB. */
  heapUsedMiB: number;
}

export interface HostOptions {
  pastCacheBytes?: number;
  pastViewBytes?: number;
  /** Persist the model (default true). */
  snapshots?: boolean;
}

export class CoverageHost {
  private current: CoverageModel | null = null;
  private seen = 0;
  private readonly past: ByteCache<unknown>;
  private readonly views: ByteCache<PastView>;
  private readonly bandAreas = new ByteCache<unknown>(BAND_AREA_CACHE_BYTES);
  private readonly lock = new Mutex();
  private savedSeen = -1;
  private savedAt = 0;
  private readonly counters = { fullBuilds: 0, incrementalUpdates: 0, rowsApplied: 0, snapshotLoads: 0, snapshotSaves: 0, pastViews: 0, bandAreaDraws: 0, changeLogReads: 0 };

  constructor(
    private readonly store: Store,
    private readonly opts: HostOptions = {},
  ) {
    this.past = new ByteCache(opts.pastCacheBytes ?? PAST_CACHE_BYTES);
    this.views = new ByteCache(opts.pastViewBytes ?? PAST_VIEW_CACHE_BYTES);
  }

  stats(): HostStats {
    const heapUsedMiB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
    return { ...this.counters, pastCacheBytes: this.past.bytes, pastCacheEntries: this.past.size, pastViewBytes: this.views.bytes, pastViewEntries: this.views.size, heapUsedMiB };
  }

  async reachConfig(): Promise<ReachConfig> {
    const [r] = await this.store.read((db) => rows<{ value: unknown }>(db, sql`SELECT value FROM settings WHERE key = 'reach'`));
    const parsed = ReachConfigSchema.safeParse(r?.value);
    return parsed.success ? parsed.data : DEFAULT_REACH_CONFIG;
  }

  /** Brings today's model up to date (the first build, or a snapshot and its catch-up). */
  warm(today: string): Promise<void> {
    return this.lock.run(() => this.catchUp(today));
  }

  /** `seen`: a change-log id the asker read during its request; a model that has seen it is current for it. */
  ask<Q extends Question>(q: Q, today: string, seen?: number): Promise<Answer<Q>> {
    return this.lock.run(async () => {
      // Change-log ids only grow while a server holds the store (a restore needs it stopped), so a model that has
      // seen `seen` holds every edit the asker could know of: no read of the log (on PGlite, a turn in its queue).
      const current = this.current !== null && this.current.asOf === today && seen !== undefined && seen <= this.seen;
      if (!current) await this.catchUp(today);
      const model = this.current as CoverageModel;
      const asOf = 'asOf' in q ? q.asOf : undefined;
      const ctx = { config: model.config, network: model.network, today: { stations: model.stationList(), network: model.network } };
      if (BAND_AREA_QUESTIONS.has(q.q)) {
        const key = JSON.stringify(q);
        const hit = this.bandAreas.get(key);
        if (hit !== undefined) return hit as Answer<Q>;
        const a = answer(model, q, ctx);
        this.counters.bandAreaDraws++;
        this.bandAreas.set(key, a, estimatedBytes(a));
        return a;
      }
      if (!asOf || asOf === today) return answer(model, q, ctx);
      const key = JSON.stringify(q);
      const hit = this.past.get(key);
      if (hit !== undefined) return hit as Answer<Q>;
      // One view per date, shared by the date's questions (counts only, view.ts), within its own byte cap.
      let view = this.views.get(asOf);
      if (!view) {
        view = pastView(model, asOf);
        this.counters.pastViews++;
        this.views.set(asOf, view, view.bytes);
      }
      // A past view walks no network of its own: station bands are today's (they take no date).
      const a = answer(view, q, { config: model.config });
      this.past.set(key, a, estimatedBytes(a));
      return a;
    });
  }

  /** Past views and answers hold today's model as it was: dropped at any change of it. */
  private clearPast(): void {
    this.past.clear();
    this.views.clear();
  }

  /** Rebuilds everything from the store (the benchmark's full build). */
  rebuildNow(today: string): Promise<void> {
    return this.lock.run(() => this.rebuild(today));
  }

  private async latestChange(): Promise<number> {
    this.counters.changeLogReads++;
    const [r] = await this.store.read((db) => rows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::float8 AS n FROM change_log`));
    return r?.n ?? 0;
  }

  private async rebuild(today: string): Promise<void> {
    const latest = await this.latestChange();
    const config = await this.reachConfig();
    // Enterprises are placed slice by slice as they are read: the rows of the whole city are never held at once.
    // Nothing may hold the old model meanwhile (past views do): two city models do not fit.
    this.current = null;
    this.clearPast();
    this.current = await this.store.read(async (db) => {
      const model = new CoverageModel(await loadGround(db), config, today);
      // Nobody has the model before it is returned: its counts may be added to in place.
      await forEachEnterpriseSlice(db, (part) => model.bulk(() => part.forEach((e) => model.upsertEnterprise(e))));
      return model;
    });
    this.bandAreas.clear();
    this.seen = latest;
    this.counters.fullBuilds++;
    await this.persist(true);
  }

  /** The persisted model, if there is one for today that the change log can still catch up from. */
  private async restore(today: string): Promise<boolean> {
    if (this.opts.snapshots === false) return false;
    const snap = await loadSnapshot(this.store, await this.reachConfig(), today);
    if (!snap) return false;
    const [r] = await this.store.read((db) => rows<{ lo: number | null; hi: number | null }>(db, sql`SELECT min(id)::float8 AS lo, max(id)::float8 AS hi FROM change_log`));
    // Written against another change log (a restore), or the log was pruned past it: not usable.
    if ((r?.hi ?? 0) < snap.changeId || (r?.lo != null && r.lo > snap.changeId + 1)) return false;
    this.current = snap.model;
    this.bandAreas.clear();
    this.seen = snap.changeId;
    this.savedSeen = snap.changeId;
    this.savedAt = Date.now();
    this.clearPast();
    this.counters.snapshotLoads++;
    return true;
  }

  /** Writes the snapshot after a full build, or when enough changed since the last one. A failure is not fatal. */
  private async persist(force: boolean): Promise<void> {
    if (this.opts.snapshots === false || !this.current) return;
    const due = this.seen - this.savedSeen >= SNAPSHOT_EVERY_ROWS || (this.seen !== this.savedSeen && Date.now() - this.savedAt >= SNAPSHOT_EVERY_MS);
    if (!force && !due) return;
    try {
      await saveSnapshot(this.store, this.current, this.seen);
      this.savedSeen = this.seen;
      this.savedAt = Date.now();
      this.counters.snapshotSaves++;
    } catch (err) {
      console.error(`Coverage snapshot not saved: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async catchUp(today: string): Promise<void> {
    if (!this.current && (await this.restore(today))) return this.catchUp(today);
    if (!this.current || this.current.asOf !== today) return this.rebuild(today);
    const latest = await this.latestChange();
    if (latest === this.seen) return;
    const changes = await this.store.read((db) =>
      rows<{ id: number; table_name: string; row_key: string }>(
        db,
        sql`SELECT id::float8 AS id, table_name, row_key FROM change_log WHERE id > ${this.seen} AND id <= ${latest}
              AND table_name IN (${sql.join(MODEL_TABLES.map((t) => sql`${t}`), sql`, `)}) ORDER BY id LIMIT ${INCREMENTAL_LIMIT + 1}`,
      ),
    );
    // Pruned past what this engine has seen (it was idle for a long time): only a rebuild is safe.
    const [oldest] = await this.store.read((db) => rows<{ n: number | null }>(db, sql`SELECT min(id)::float8 AS n FROM change_log`));
    const pruned = oldest?.n != null && oldest.n > this.seen + 1;
    const contiguous = !pruned && changes.length <= INCREMENTAL_LIMIT;
    const tables = new Set(changes.map((c) => c.table_name));
    const reachChanged = changes.some((c) => c.table_name === 'settings' && c.row_key === 'reach');
    if (!contiguous || reachChanged || tables.has('districts')) return this.rebuild(today);
    if (changes.length === 0) {
      // Only rows the model is not made of changed (activities, water…): nothing to apply, past answers still hold.
      this.seen = latest;
      return;
    }
    await this.applyChanges(this.current, changes);
    this.seen = latest;
    this.clearPast();
    if (changes.some((c) => BAND_AREA_TABLES.includes(c.table_name))) this.bandAreas.clear();
    this.counters.incrementalUpdates++;
    this.counters.rowsApplied += changes.length;
    await this.persist(false);
  }

  /** Loads what changed once, then applies it to today's model. */
  private async applyChanges(m: CoverageModel, changes: { table_name: string; row_key: string }[]): Promise<void> {
    const keys = (table: string) => [...new Set(changes.filter((c) => c.table_name === table).map((c) => Number(c.row_key)))].filter(Number.isFinite);
    const enterpriseIds = new Set([...keys('enterprises'), ...keys('organisation_coverage'), ...keys('instructor_assignments')]);
    const orgIds = keys('organisations');
    const buildingIds = keys('buildings');
    const stationIds = keys('stations');
    await this.store.read(async (db) => {
      if (changes.some((c) => ['streets', 'grids', 'business_districts'].includes(c.table_name))) m.syncAreas(await loadAreas(db));
      // A road edit re-walks only the buildings a walk over that road could reach (CoverageModel.setRoads).
      if (changes.some((c) => c.table_name === 'roads')) m.setRoads(await loadRoads(db));
      if (orgIds.length) {
        const covered = await rows<{ e: number }>(db, sql`SELECT DISTINCT enterprise_id AS e FROM organisation_coverage WHERE organisation_id IN (${sql.join(orgIds.map((i) => sql`${i}`), sql`, `)})`);
        covered.forEach((r) => enterpriseIds.add(r.e));
      }
      if (stationIds.length) {
        const stations = await loadStations(db);
        const moved = stationIds.flatMap((id) => {
          const before = m.stationById(id);
          const after = stations.find((s) => s.id === id);
          return [before, after].filter((s): s is NonNullable<typeof s> => !!s).map((s) => ({ lon: s.lon, lat: s.lat, buildingId: s.buildingId }));
        });
        m.setStations(stations, moved);
      }
      if (buildingIds.length) {
        const fresh = await loadBuildings(db, buildingIds);
        for (const b of fresh) m.upsertBuilding(b);
        for (const id of buildingIds) if (!fresh.some((b) => b.id === id)) m.removeBuilding(id);
      }
      if (enterpriseIds.size) {
        const ids = [...enterpriseIds];
        const fresh = await loadEnterprises(db, ids);
        for (const e of fresh) m.upsertEnterprise(e);
        for (const id of ids) if (!fresh.some((e) => e.id === id)) m.removeEnterprise(id);
      }
    });
  }
}
