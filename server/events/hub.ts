// Live events: watches the change log (filled by triggers, so every writer is seen) and tells every
// subscriber which tables changed. Server-Sent Events at /api/events carry it to walls and maps.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';

export interface ChangeEvent {
  id: number;
  tables: string[];
  at: string;
}

type Listener = (e: ChangeEvent) => void;

const PRUNE_EVERY_MS = 10 * 60_000;

export class EventHub {
  private readonly listeners = new Set<Listener>();
  private seen = -1;
  private timer: NodeJS.Timeout | null = null;
  private polling = false;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly intervalMs = 1000,
  ) {}

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    this.ensureRunning();
    return () => {
      this.listeners.delete(l);
      if (this.listeners.size === 0) this.stop();
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private ensureRunning(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
    void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The log only feeds live caches: a day of it is plenty (a reader further behind rebuilds). */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.store.write((tx) => tx.execute(sql`DELETE FROM change_log WHERE at < now() - interval '1 day'`));
  }

  /** Reads what changed since the last poll and tells the listeners; one poll at a time. */
  async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const [r] = await this.store.read((db) => rows<{ n: number }>(db, sql`SELECT coalesce(max(id), 0)::float8 AS n FROM change_log`));
      const latest = r?.n ?? 0;
      if (this.seen < 0) {
        this.seen = latest;
        return;
      }
      if (latest <= this.seen) return;
      const tables = await this.store.read((db) =>
        rows<{ t: string }>(db, sql`SELECT DISTINCT table_name AS t FROM change_log WHERE id > ${this.seen} AND id <= ${latest} ORDER BY 1`),
      );
      this.seen = latest;
      await this.prune();
      const e: ChangeEvent = { id: latest, tables: tables.map((x) => x.t), at: new Date().toISOString() };
      for (const l of this.listeners) l(e);
    } catch (err) {
      console.error('event poll failed', err instanceof Error ? err.message : err);
    } finally {
      this.polling = false;
    }
  }
}
