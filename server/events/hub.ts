// Live events: watches the change log (filled by triggers, so every writer is seen) and tells every
// subscriber which tables changed. Server-Sent Events at /api/events carry it to walls and maps.
// The database says when to look: a trigger on the log NOTIFYs 'change_log' at each commit (migration
// 0014), which reaches every process LISTENing on that database. A slow poll stays as a safety net for
// a notification lost while the listening connection was down.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';

export interface ChangeEvent {
  id: number;
  tables: string[];
  at: string;
}

type Listener = (e: ChangeEvent) => void;

const PRUNE_EVERY_MS = 10 * 60_000;
export const CHANGE_CHANNEL = 'change_log';

export class EventHub {
  private readonly listeners = new Set<Listener>();
  private seen = -1;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: Promise<(() => Promise<void>) | null> | null = null;
  private polling = false;
  /** A notification arrived during a poll: poll again when it ends, or that change would wait for the next one. */
  private again = false;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly safetyPollMs = 30_000,
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
    this.timer = setInterval(() => void this.poll(), this.safetyPollMs);
    this.timer.unref();
    this.unlisten = this.store
      .listen(CHANGE_CHANNEL, () => void this.poll(), () => void this.poll())
      .catch((err: unknown) => {
        console.error('LISTEN change_log failed; live events fall back to polling', err instanceof Error ? err.message : err);
        return null;
      });
    void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const unlisten = this.unlisten;
    this.unlisten = null;
    void unlisten?.then((f) => f?.()).catch(() => undefined);
  }

  /** The log only feeds live caches: a day of it is plenty (a reader further behind rebuilds). */
  private async prune(): Promise<void> {
    if (Date.now() - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = Date.now();
    await this.store.write((tx) => tx.execute(sql`DELETE FROM change_log WHERE at < now() - interval '1 day'`));
  }

  /** Reads what changed since the last poll and tells the listeners; one poll at a time. */
  async poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = true;
    this.again = false;
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
      if (this.again) void this.poll();
    }
  }
}
