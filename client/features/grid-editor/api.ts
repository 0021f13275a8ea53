// Typed calls to the grid-editing API. Rejections arrive as ApiError whose `details` carry the
// problems (with geometry) or the stale versions.
import type { FeatureCollection, LineString, MultiLineString, Position } from 'geojson';
import { api, ApiError } from '../../api/http';
import type { Rates } from '../../../server/coverage/contract';
import type {
  Committed, EditorState, HistoryChange, HistoryDetail, HistoryItem, HistorySnapshot, Impact, Move, Preview, Problem,
} from '../../../server/grids/contract';
import type { ChangeSet } from './topology/types';

export type { Rates, Impact, Move, HistoryChange, HistoryDetail, HistoryItem, HistorySnapshot, Committed, Preview };
/** A problem as the server reports it (in a preview or a rejection). */
export type ServerProblem = Problem;

/** A street's outline, grids, buildings and stations, the editing rules, and whether the caller may edit. */
export type EditorData = EditorState;

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
/** `baseVersions`: the street's grids as loaded; a revert made from a stale view is refused (412). */
export const revertTo = (street: string, id: number, state: 'before' | 'after', note: string | undefined, baseVersions: { id: number; version: number }[]) =>
  api<Committed>(`${base(street)}/grid-history/${id}/revert`, { method: 'POST', body: { state, base: baseVersions, ...(note ? { note } : {}) } });
export const exportUrl = (street: string) => `${base(street)}/grids.geojson`;

/** Road centre lines around a box (the street's, padded), for snapping: every class, barriers included. */
export const getRoadLines = async (bbox: [number, number, number, number], signal?: AbortSignal): Promise<Position[][]> => {
  const lines: Position[][] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api<FeatureCollection<LineString | MultiLineString>>(`/ogc/collections/roads/items?bbox=${bbox.join(',')}&limit=1000&offset=${offset}`, { signal });
    for (const f of page.features) lines.push(...(f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates));
    if (page.features.length < 1000) return lines;
  }
};
