// Typed calls to the grid-editing API. Rejections arrive as ApiError whose `details` carry the
// problems (with geometry) or the stale versions.
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { api, ApiError } from '../../api/http';
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

/** What a rejected grid write carries in its error details. */
export interface GridErrorDetails {
  problems?: ServerProblem[];
  stale?: { id: number; version: number; current: number | null }[];
}

export const gridErrorDetails = (e: ApiError): GridErrorDetails => (e.details ?? {}) as GridErrorDetails;

const base = (street: string) => `/api/streets/${encodeURIComponent(street)}`;

export const getStreets = async (signal?: AbortSignal): Promise<StreetItem[]> => {
  const fc = await api<FeatureCollection>('/ogc/collections/streets/items?limit=100', { signal });
  return fc.features.map((f) => f.properties as StreetItem).sort((a, b) => a.code.localeCompare(b.code));
};
export const getEditorData = (street: string, signal?: AbortSignal) => api<EditorData>(`${base(street)}/grid-editor`, { signal });
export const previewChanges = (street: string, cs: ChangeSet, signal?: AbortSignal) =>
  api<Preview>(`${base(street)}/grid-changes/preview`, { method: 'POST', body: cs, signal });
export const commitChanges = (street: string, cs: ChangeSet) => api<Committed>(`${base(street)}/grid-changes`, { method: 'POST', body: cs });
export const getHistory = (street: string, signal?: AbortSignal) => api<{ items: HistoryItem[] }>(`${base(street)}/grid-history`, { signal });
export const getHistoryItem = (street: string, id: number, signal?: AbortSignal) => api<HistoryDetail>(`${base(street)}/grid-history/${id}`, { signal });
export const revertTo = (street: string, id: number, state: 'before' | 'after', note: string | undefined) =>
  api<Committed>(`${base(street)}/grid-history/${id}/revert`, { method: 'POST', body: { state, ...(note ? { note } : {}) } });
export const exportUrl = (street: string) => `${base(street)}/grids.geojson`;
