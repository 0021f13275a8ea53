// Keeps the coverage model current. The model for today is built once; afterwards each request reads
// the change log (filled by triggers) and applies only what changed. Past dates (asOf) are built on
// demand and cached until the next change.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { Mutex } from '../db/mutex.js';
import { CoverageModel } from '../domain/coverage/model.js';
import { DEFAULT_REACH_CONFIG, type ReachConfig } from '../domain/coverage/reach.js';
import { chinaToday } from '../clock.js';
import { CoverageComputing } from './computing.js';
import { ReachConfigSchema } from './contract.js';
import { loadAreas, loadBuildings, loadEnterprises, loadRoads, loadStations, loadTerritory } from './facts.js';

/** Beyond this many changed rows a full rebuild is cheaper than applying them one by one. */
const INCREMENTAL_LIMIT = 20_000;
const PAST_MODELS_KEPT = 6;

export class CoverageEngine {
  private current: CoverageModel | null = null;
  private seen = 0;
  private readonly past = new Map<string, CoverageModel>();
  private readonly lock = new Mutex();
  /** The first build, while it runs in the background (warmUp). */
  private warming: Promise<void> | null = null;
  /** Counts of what the engine did, for tests and the benchmark. */
  readonly stats = { fullBuilds: 0, incrementalUpdates: 0, rowsApplied: 0 };

  constructor(
    private readonly store: Store,
    readonly today: () => string = () => chinaToday(),
  ) {}

  async reachConfig(): Promise<ReachConfig> {
    const [r] = await this.store.read((db) => rows<{ value: unknown }>(db, sql`SELECT value FROM settings WHERE key = 'reach'`));
    const parsed = ReachConfigSchema.safeParse(r?.value);
    return parsed.success ? parsed.data : DEFAULT_REACH_CONFIG;
  }

  /**
   * Starts the first build without waiting for it: until it is done, model() throws CoverageComputing at once
   * (answered 503 + Retry-After) instead of making requests queue behind it. Resolves when the build is done;
   * if it fails (the database is down at start), model() builds on the next request as it would without this.
   */
  warmUp(): Promise<void> {
    const warming = this.lock.run(() => this.catchUp()).finally(() => {
      this.warming = null;
    });
    this.warming = warming;
    return warming;
  }

  /** Whether figures can be answered now (no first build running). */
  get ready(): boolean {
    return this.warming === null;
  }

  /** The model as of a date (default today), current with every committed write. */
  model(asOf?: string): Promise<CoverageModel> {
    // 5 s: soon enough to show the figures shortly after they are there, rare enough not to load the server.
    if (this.warming) return Promise.reject(new CoverageComputing(5));
    return this.lock.run(async () => {
      await this.catchUp();
      const today = this.today();
      if (!asOf || asOf === today) return this.current as CoverageModel;
      let m = this.past.get(asOf);
      if (!m) {
        const territory = await this.store.read((db) => loadTerritory(db));
        m = new CoverageModel(territory, await this.reachConfig(), asOf);
        this.past.set(asOf, m);
        if (this.past.size > PAST_MODELS_KEPT) this.past.delete(this.past.keys().next().value as string);
      }
      return m;
    });
  }

  private async latestChange(): Promise<number> {
    const [r] = await this.store.read((db) => rows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::float8 AS n FROM change_log`));
    return r?.n ?? 0;
  }

  /** Rebuilds everything from the store. */
  async rebuild(): Promise<void> {
    const latest = await this.latestChange();
    const territory = await this.store.read((db) => loadTerritory(db));
    this.current = new CoverageModel(territory, await this.reachConfig(), this.today());
    this.past.clear();
    this.seen = latest;
    this.stats.fullBuilds++;
  }

  private async catchUp(): Promise<void> {
    if (!this.current || this.current.asOf !== this.today()) return this.rebuild();
    const latest = await this.latestChange();
    if (latest === this.seen) return;
    const changes = await this.store.read((db) =>
      rows<{ id: number; table_name: string; row_key: string }>(
        db,
        sql`SELECT id::float8 AS id, table_name, row_key FROM change_log WHERE id > ${this.seen} AND id <= ${latest} ORDER BY id LIMIT ${INCREMENTAL_LIMIT + 1}`,
      ),
    );
    // Pruned past what this engine has seen (it was idle for a long time): only a rebuild is safe.
    const [oldest] = await this.store.read((db) => rows<{ n: number | null }>(db, sql`SELECT min(id)::float8 AS n FROM change_log`));
    const pruned = oldest?.n != null && oldest.n > this.seen + 1;
    const contiguous = !pruned && changes.length > 0 && changes.length <= INCREMENTAL_LIMIT;
    const tables = new Set(changes.map((c) => c.table_name));
    const reachChanged = changes.some((c) => c.table_name === 'settings' && c.row_key === 'reach');
    if (!contiguous || reachChanged || tables.has('districts')) return this.rebuild();
    await this.applyChanges(changes);
    this.seen = latest;
    this.stats.incrementalUpdates++;
    this.stats.rowsApplied += changes.length;
  }

  /** Loads what changed once, then applies it to today's model and to every cached past one. */
  private async applyChanges(changes: { table_name: string; row_key: string }[]): Promise<void> {
    const models = [this.current as CoverageModel, ...this.past.values()];
    const keys = (table: string) => [...new Set(changes.filter((c) => c.table_name === table).map((c) => Number(c.row_key)))].filter(Number.isFinite);
    const enterpriseIds = new Set([...keys('enterprises'), ...keys('organisation_coverage'), ...keys('instructor_assignments')]);
    const orgIds = keys('organisations');
    const buildingIds = keys('buildings');
    const stationIds = keys('stations');
    await this.store.read(async (db) => {
      if (changes.some((c) => ['streets', 'grids', 'business_districts'].includes(c.table_name))) {
        const areas = await loadAreas(db);
        models.forEach((m) => m.syncAreas(areas));
      }
      // A road edit re-walks only the buildings a walk over that road could reach (CoverageModel.setRoads).
      if (changes.some((c) => c.table_name === 'roads')) {
        const roads = await loadRoads(db);
        models.forEach((m) => m.setRoads(roads));
      }
      if (orgIds.length) {
        const covered = await rows<{ e: number }>(db, sql`SELECT DISTINCT enterprise_id AS e FROM organisation_coverage WHERE organisation_id IN (${sql.join(orgIds.map((i) => sql`${i}`), sql`, `)})`);
        covered.forEach((r) => enterpriseIds.add(r.e));
      }
      if (stationIds.length) {
        const stations = await loadStations(db);
        for (const m of models) {
          const moved = stationIds.flatMap((id) => {
            const before = m.stationById(id);
            const after = stations.find((s) => s.id === id);
            return [before, after].filter((s): s is NonNullable<typeof s> => !!s).map((s) => ({ lon: s.lon, lat: s.lat, buildingId: s.buildingId }));
          });
          m.setStations(stations, moved);
        }
      }
      if (buildingIds.length) {
        const fresh = await loadBuildings(db, buildingIds);
        for (const m of models) {
          for (const b of fresh) m.upsertBuilding(b);
          for (const id of buildingIds) if (!fresh.some((b) => b.id === id)) m.removeBuilding(id);
        }
      }
      if (enterpriseIds.size) {
        const ids = [...enterpriseIds];
        const fresh = await loadEnterprises(db, ids);
        for (const m of models) {
          for (const e of fresh) m.upsertEnterprise(e);
          for (const id of ids) if (!fresh.some((e) => e.id === id)) m.removeEnterprise(id);
        }
      }
    });
  }

}
