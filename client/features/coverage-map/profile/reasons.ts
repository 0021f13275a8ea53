import { classifyNoOrgReason, NO_ORG_REASONS, type NoOrgReason } from '../../../../server/domain/vocabulary';

/** Recorded reasons grouped by kind (so they can be named in either language), largest first. */
export function reasonCounts(reasons: { reason: string; enterprises: number }[]): { kind: NoOrgReason; enterprises: number }[] {
  const by = new Map<NoOrgReason, number>();
  for (const r of reasons) {
    const k = classifyNoOrgReason(r.reason);
    by.set(k, (by.get(k) ?? 0) + r.enterprises);
  }
  return [...by].map(([kind, enterprises]) => ({ kind, enterprises })).sort((a, b) => b.enterprises - a.enterprises || NO_ORG_REASONS.indexOf(a.kind) - NO_ORG_REASONS.indexOf(b.kind));
}
