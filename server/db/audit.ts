// Every write lands one audit row in the same transaction: who, what, before and after.
import { auditLog } from './schema.js';
import type { Db } from './store.js';

export interface AuditEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  note?: string | null;
  before?: unknown;
  after?: unknown;
}

export async function audit(tx: Db, e: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actor: e.actor,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId == null ? null : String(e.entityId),
    note: e.note ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
  });
}
