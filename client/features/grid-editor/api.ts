// Typed calls to the grid-editing API. Writes go through `call`, which keeps the error's `details`
// (problems with geometry, stale versions): the shared ApiError drops them, and the editor needs them.
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { Rates } from '../../../server/domain/coverage/rates';
import type { ChangeSet, ProblemKind } from './topology/types';

export type { Rates };

export interface ServerProblem {
  kind: ProblemKind;
  gridIds: (number | string)[];
  areaM2?: number;
  geometry?: Polygon | MultiPolygon;
  location?: Point;
  message: string;
}

export interface Move {
  id: number;
  name: string;
  from: number | null;
  to: number | string | null;
}

export interface Impact {
  buildings: Move[];
  enterprises: Move[];
  stations: Move[];
  partyMembersMoved: number;
  employeesMoved: number;
  grids: { key: number | string; name: string; before: Rates | null; after: Rates | null }[];
}

export interface Preview {
  ok: boolean;
  problems: ServerProblem[];
  impact: Impact | null;
}

export interface EditorData {
  street: { code: string; name: string; nameEn: string; version: number; geometry: MultiPolygon | Polygon };
  grids: { id: number; code: string; name: string; version: number; geometry: Polygon }[];
  buildings: { id: number; name: string; gridId: number | null; geometry: Point | Polygon }[];
  stations: { id: number; name: string; gridId: number | null; geometry: Point }[];
  rules: { minAreaM2: number; toleranceM2: number };
  editable: boolean;
}

export interface Committed {
  changeSetId: number;
  grids: { id: number; version: number }[];
}

export interface HistoryChange {
  gridId: number;
  name: string;
  action: 'create' | 'update' | 'delete';
  before: Polygon | null;
  after: Polygon | null;
  giveTo?: number;
}

export interface HistoryItem {
  id: number;
  actor: string;
  at: string;
  note: string | null;
  revertOf: number | null;
  changes: HistoryChange[];
}

export interface HistorySnapshot {
  id: number;
  code: string;
  name: string;
  geometry: Polygon;
}

export interface HistoryDetail extends HistoryItem {
  before: HistorySnapshot[];
  after: HistorySnapshot[];
}

export interface StreetItem {
  code: string;
  name: string;
  nameEn: string;
  districtCode: string;
}

/** An API error with the server's details kept. */
export class GridApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { problems?: ServerProblem[]; stale?: { id: number; version: number; current: number | null }[] } & Record<string, unknown>,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: { method?: string; body?: unknown; csrf?: string | null; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && init.csrf) headers['x-csrf-token'] = init.csrf;
  const res = await fetch(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), credentials: 'same-origin', signal: init.signal });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new GridApiError(res.status, e?.code ?? 'error', e?.message ?? res.statusText, (e?.details ?? {}) as GridApiError['details']);
  }
  return body as T;
}

const base = (street: string) => `/api/streets/${encodeURIComponent(street)}`;

export const getStreets = async (signal?: AbortSignal): Promise<StreetItem[]> => {
  const fc = await call<FeatureCollection>('/ogc/collections/streets/items?limit=100', { signal });
  return fc.features.map((f) => f.properties as StreetItem).sort((a, b) => a.code.localeCompare(b.code));
};
export const getEditorData = (street: string, signal?: AbortSignal) => call<EditorData>(`${base(street)}/grid-editor`, { signal });
export const previewChanges = (street: string, cs: ChangeSet, csrf: string | null, signal?: AbortSignal) =>
  call<Preview>(`${base(street)}/grid-changes/preview`, { method: 'POST', body: cs, csrf, signal });
export const commitChanges = (street: string, cs: ChangeSet, csrf: string | null) => call<Committed>(`${base(street)}/grid-changes`, { method: 'POST', body: cs, csrf });
export const getHistory = (street: string, signal?: AbortSignal) => call<{ items: HistoryItem[] }>(`${base(street)}/grid-history`, { signal });
export const getHistoryItem = (street: string, id: number, signal?: AbortSignal) => call<HistoryDetail>(`${base(street)}/grid-history/${id}`, { signal });
export const revertTo = (street: string, id: number, state: 'before' | 'after', note: string | undefined, csrf: string | null) =>
  call<Committed>(`${base(street)}/grid-history/${id}/revert`, { method: 'POST', body: { state, ...(note ? { note } : {}) }, csrf });
export const exportUrl = (street: string) => `${base(street)}/grids.geojson`;
