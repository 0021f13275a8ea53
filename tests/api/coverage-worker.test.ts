// The coverage engine as the request thread sees it (issue 18 points 1, 4, 7): every named question answered as
// the pure model answers it — today and as of past dates (derived views, against whole models built for the date)
// — on the demo and after random edits; a persisted model restarts without a full build and answers as a full
// rebuild does; a coverage worker that dies is answered 503 computing, then restarted. On every store (the worker
// reads PostgreSQL over its own connection, PGlite over a port on the embedded database's thread).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { CoverageModel } from '../../server/domain/coverage/model.js';
import { loadTerritory } from '../../server/coverage/facts.js';
import { answer, type Question } from '../../server/coverage/questions.js';
import { CoverageEngine } from '../../server/coverage/engine.js';
import { CoverageComputing } from '../../server/coverage/computing.js';
import { DEFAULT_THRESHOLDS } from '../../server/domain/coverage/warnings.js';
import { openTestStore, storeKinds, testEnv, type TestStore } from '../helpers/stores.js';

const TODAY = '2026-06-30';
const PAST = ['2025-06-30', '2026-03-31'];
const GAP_KINDS = ['party', 'union', 'work', 'reach'] as const;
const GAP_LEVELS = ['building', 'grid', 'businessDistrict'] as const;

describe.each(storeKinds())('the coverage engine on %s', (kind) => {
  let t: TestStore;
  let url: string | undefined;
  const engines: CoverageEngine[] = [];
  const engine = (opts: { snapshots?: boolean; heapMb?: number } = {}) => {
    const e = new CoverageEngine(t.store, () => TODAY, { databaseUrl: url, ...opts });
    engines.push(e);
    return e;
  };

  beforeAll(async () => {
    t = await openTestStore(kind);
    if (kind === 'postgres') {
      const [r] = await t.store.read((db) => rows<{ name: string }>(db, sql`SELECT current_database() AS name`));
      const u = new URL(testEnv.TEST_DATABASE_URL as string);
      u.pathname = `/${r?.name}`;
      url = u.toString();
    }
  });
  afterAll(async () => {
    for (const e of engines) await e.close();
    await t?.dispose();
  });

  /** The pure model, built from the store for a date: what every answer must equal. */
  async function reference(asOf: string): Promise<CoverageModel> {
    const territory = await t.store.read((db) => loadTerritory(db));
    const [cfg] = await t.store.read((db) => rows<{ value: unknown }>(db, sql`SELECT value FROM settings WHERE key = 'reach'`));
    const { ReachConfigSchema } = await import('../../server/coverage/contract.js');
    const { DEFAULT_REACH_CONFIG } = await import('../../server/domain/coverage/reach.js');
    const parsed = ReachConfigSchema.safeParse(cfg?.value);
    return new CoverageModel(territory, parsed.success ? parsed.data : DEFAULT_REACH_CONFIG, asOf);
  }

  /** Every kind of question, over every area of the model (buildings and enterprises sampled). */
  function questions(m: CoverageModel): Question[] {
    const areas = [...m.areas.values()];
    const of = (level: string) => areas.filter((a) => a.level === level);
    const streets = of('street').map((a) => a.id);
    const buildings = of('building').map((a) => Number(a.id));
    const sample = buildings.filter((_, i) => i % Math.max(1, Math.floor(buildings.length / 12)) === 0);
    const enterprises = [...m.enterprises.keys()];
    const qs: Question[] = [];
    for (const asOf of [undefined, ...PAST]) {
      const at = asOf ? { asOf } : {};
      for (const a of areas.filter((x) => x.level !== 'building')) qs.push({ q: 'summary', level: a.level, id: a.id, ...at });
      for (const id of sample) qs.push({ q: 'summary', level: 'building', id: String(id), ...at }, { q: 'building', id, ...at });
      for (const k of GAP_KINDS) for (const level of GAP_LEVELS) qs.push({ q: 'gaps', level, kind: k, filter: { limit: 200 }, ...at });
      if (streets[0]) qs.push({ q: 'gaps', level: 'building', kind: 'party', filter: { limit: 20, streetCode: streets[0] }, ...at });
    }
    for (const a of [...of('district'), ...of('street')]) {
      qs.push({ q: 'trend', level: a.level as 'street', id: a.id, months: 6 });
      qs.push({ q: 'warnings', thresholds: DEFAULT_THRESHOLDS, level: a.level as 'street', id: a.id });
      qs.push({ q: 'wallNow', level: a.level, id: a.id, streetCodes: a.level === 'street' ? [a.id] : streets });
    }
    for (const s of streets) qs.push({ q: 'streetCounts', streetCode: s }, { q: 'scopeCounts', streetCodes: [s] });
    qs.push({ q: 'scopeCounts', streetCodes: streets });
    for (const a of [...of('city'), ...of('district'), ...of('street'), ...of('grid')]) qs.push({ q: 'bands', level: a.level, id: a.id });
    for (const s of m.stationList().filter((_, i) => i % 7 === 0)) qs.push({ q: 'stationBands', id: s.id });
    qs.push({ q: 'stationBands', id: -1 });
    qs.push({ q: 'derivedBuildings', ids: [...buildings, -1] });
    qs.push({ q: 'derivedEnterprises', ids: [...enterprises.slice(0, 300), -1] });
    return qs;
  }

  /** Asks the engine every question and compares each answer with the pure model's for its date. */
  async function expectSameAnswers(e: CoverageEngine): Promise<void> {
    const refs = new Map<string, CoverageModel>();
    for (const d of [TODAY, ...PAST]) refs.set(d, await reference(d));
    const today = refs.get(TODAY) as CoverageModel;
    for (const q of questions(today)) {
      const asOf = 'asOf' in q && q.asOf ? q.asOf : TODAY;
      const ref = refs.get(asOf) as CoverageModel;
      expect(await e.ask(q), JSON.stringify(q)).toEqual(answer(ref, q, { config: ref.config, network: ref.network }));
    }
  }

  it('answers every named question as the pure model does, today and as of past dates', async () => {
    const e = engine();
    expect(e.inWorker).toBe(true);
    await expectSameAnswers(e);
    const stats = await e.stats();
    expect(stats.fullBuilds + stats.snapshotLoads).toBe(1);
    expect(stats.pastViews).toBeGreaterThan(0);
  }, 300_000);

  let nextOrg = 960_000;
  type Edit =
    | { k: 'link'; e: number; since: string }
    | { k: 'assign'; e: number; since: string }
    | { k: 'deregister'; e: number; on: string }
    | { k: 'move'; b: number }
    | { k: 'station'; b: number; opened: string };
  const date = fc.constantFrom('2024-01-01', '2025-12-01', '2026-02-15', '2026-05-01');
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ k: fc.constant('link' as const), e: fc.nat(), since: date }),
    fc.record({ k: fc.constant('assign' as const), e: fc.nat(), since: date }),
    fc.record({ k: fc.constant('deregister' as const), e: fc.nat(), on: date }),
    fc.record({ k: fc.constant('move' as const), b: fc.nat() }),
    fc.record({ k: fc.constant('station' as const), b: fc.nat(), opened: date }),
  );

  async function apply(ed: Edit): Promise<void> {
    const pick = async (table: 'enterprises' | 'buildings', n: number) => {
      const [r] = await t.store.read((db) => rows<{ id: number }>(db, sql`SELECT id FROM ${sql.raw(table)} ORDER BY id OFFSET ${n} % (SELECT count(*) FROM ${sql.raw(table)}) LIMIT 1`));
      return r?.id as number;
    };
    if (ed.k === 'link') {
      const e = await pick('enterprises', ed.e);
      const id = nextOrg++;
      await t.store.write(async (tx) => {
        await tx.execute(sql`INSERT INTO organisations (id, name, kind, formation, street_code, founded_on, source)
                             SELECT ${id}, ${`测试党支部${id}`}, 'party_branch', 'own', street_code, ${ed.since}::date, 'test' FROM enterprises WHERE id = ${e}`);
        await tx.execute(sql`INSERT INTO organisation_coverage (organisation_id, enterprise_id, since) VALUES (${id}, ${e}, ${ed.since}::date)`);
      });
    } else if (ed.k === 'assign') {
      const e = await pick('enterprises', ed.e);
      await t.store.write((tx) => tx.execute(sql`INSERT INTO instructor_assignments (instructor_id, enterprise_id, since) SELECT min(id), ${e}, ${ed.since}::date FROM instructors ON CONFLICT DO NOTHING`));
    } else if (ed.k === 'deregister') {
      const e = await pick('enterprises', ed.e);
      await t.store.write((tx) => tx.execute(sql`UPDATE enterprises SET deregistered_on = greatest(registered_on + 1, ${ed.on}::date) WHERE id = ${e}`));
    } else if (ed.k === 'move') {
      const b = await pick('buildings', ed.b);
      await t.store.write(async (tx) => {
        await tx.execute(sql`UPDATE buildings SET grid_id = (SELECT g.id FROM grids g JOIN buildings x ON x.street_code = g.street_code WHERE x.id = ${b} AND g.id IS DISTINCT FROM x.grid_id ORDER BY g.id LIMIT 1) WHERE id = ${b}
                             AND EXISTS (SELECT 1 FROM grids g JOIN buildings x ON x.street_code = g.street_code WHERE x.id = ${b} AND g.id IS DISTINCT FROM x.grid_id)`);
        await tx.execute(sql`UPDATE enterprises SET grid_id = (SELECT grid_id FROM buildings WHERE id = ${b}) WHERE building_id = ${b}`);
      });
    } else {
      const b = await pick('buildings', ed.b);
      await t.store.write((tx) => tx.execute(sql`INSERT INTO stations (name, type, street_code, building_id, geom, source, opened_on)
        SELECT '测试服务点', 'party_service_point', street_code, id, ST_Centroid(geom), 'test', ${ed.opened}::date FROM buildings WHERE id = ${b}`));
    }
  }

  it('answers as the pure model does after random edits (applied incrementally, past views derived anew)', async () => {
    const e = engine();
    await e.summary('district', '310106');
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
        for (const ed of edits) await apply(ed);
        await expectSameAnswers(e);
      }),
      { numRuns: 3, seed: 18 },
    );
    expect((await e.stats()).fullBuilds).toBe(0);
  }, 600_000);

  it('restarts from the persisted model and the change log, without a full build, answering as a full rebuild', async () => {
    const first = engine();
    await first.rebuild();
    await first.close();
    // Edits the first engine never saw: the restarted one catches up through the change log.
    for (const ed of [{ k: 'link', e: 7, since: '2025-12-01' }, { k: 'move', b: 3 }, { k: 'station', b: 11, opened: '2026-02-15' }] as Edit[]) await apply(ed);
    const restarted = engine();
    await restarted.warmUp();
    const stats = await restarted.stats();
    expect(stats).toMatchObject({ fullBuilds: 0, snapshotLoads: 1 });
    expect(stats.incrementalUpdates).toBeGreaterThanOrEqual(1);
    const rebuilt = engine({ snapshots: false });
    for (const q of questions(await reference(TODAY))) expect(await restarted.ask(q), JSON.stringify(q)).toEqual(await rebuilt.ask(q));
    expect((await rebuilt.stats()).fullBuilds).toBe(1);
    await expectSameAnswers(restarted);
  }, 300_000);

  it('answers an asker that read the change log itself without reading it again, and never older than what it read', async () => {
    const e = engine();
    await e.summary('district', '310106');
    const head = async () => (await t.store.read((db) => rows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::float8 AS n FROM change_log`)))[0]?.n ?? 0;
    const reads = (await e.stats()).changeLogReads;
    const q = { q: 'summary', level: 'city', id: 'all' } as const;
    const before = await e.ask(q, { seen: await head() });
    expect((await e.stats()).changeLogReads).toBe(reads);
    // An edit the asker has read of: the model catches up first (a tile's figures follow the edit before it).
    await t.store.write((tx) => tx.execute(sql`UPDATE enterprises SET deregistered_on = '2026-01-01' WHERE id = (SELECT min(id) FROM enterprises WHERE deregistered_on IS NULL AND registered_on < '2026-01-01')`));
    const after = await e.ask(q, { seen: await head() });
    expect((await e.stats()).changeLogReads).toBe(reads + 1);
    expect(after?.enterprises).toBe((before?.enterprises ?? 0) - 1);
    expect(after).toEqual(await engine({ snapshots: false }).ask(q));
  }, 300_000);

  it('ignores a persisted model from another reach setting and rebuilds', async () => {
    await t.store.write((tx) => tx.execute(sql`UPDATE coverage_snapshot SET config = '{}'`));
    const e = engine();
    await e.warmUp();
    expect(await e.stats()).toMatchObject({ fullBuilds: 1, snapshotLoads: 0 });
    await expectSameAnswers(e);
  }, 300_000);

  it('answers 503 computing when the coverage worker dies, restarts it and answers again', async () => {
    const e = engine();
    const before = await e.summary('district', '310106');
    expect(await e.kill()).toBe(true);
    await expect.poll(() => e.restarts).toBe(1);
    // The restarted worker rebuilds (from the persisted model): figures are "computing" meanwhile, never a hang.
    if (!e.ready) await expect(e.summary('district', '310106')).rejects.toBeInstanceOf(CoverageComputing);
    await expect.poll(() => e.ready, { timeout: 60_000 }).toBe(true);
    expect(await e.summary('district', '310106')).toEqual(before);
  });

  it('a coverage worker that reaches its heap cap ends alone: 503 computing, restarted, answers again', async () => {
    const e = engine({ heapMb: 192 });
    const before = await e.summary('district', '310106');
    expect(await e.kill('oom')).toBe(true);
    await expect.poll(() => e.restarts).toBe(1);
    expect(e.lastCrash).toMatch(/out of memory \(heap cap 192 MiB\)/);
    if (!e.ready) await expect(e.summary('district', '310106')).rejects.toBeInstanceOf(CoverageComputing);
    await expect.poll(() => e.ready, { timeout: 60_000 }).toBe(true);
    expect(await e.summary('district', '310106')).toEqual(before);
  }, 120_000);
});
