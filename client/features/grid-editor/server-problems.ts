// Server problems (from preview, 409 or 422) in the editor's own Problem shape, keyed to its grids.
import type { ServerProblem } from './api';
import { keyOfServerRef, type BuiltChanges, type Problem } from './topology';

export function fromServer(problems: ServerProblem[], built: BuiltChanges): Problem[] {
  return problems.map((p, i) => ({
    kind: p.kind,
    reason: 'server',
    gridKeys: p.gridIds.map((r) => keyOfServerRef(r, built)),
    areaM2: p.areaM2 ?? null,
    geometry: p.geometry ?? null,
    ...(p.location ? { points: [p.location.coordinates] } : {}),
    id: `server:${i}:${p.kind}`,
    message: p.message,
  }));
}
