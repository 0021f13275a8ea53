// Typed calls to the application API and the OGC API.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { api } from './http';
import type { BuildingFile, ClientConfig, Gap, Level, Me, SearchResult, Session, StationWalkBands, SummaryNode, Trend, WalkBands, Warnings } from './types';

export const getSession = () => api<Session>('/api/auth/session');
export const login = (username: string, password: string) => api<Me>('/api/auth/login', { method: 'POST', body: { username, password } });
export const logout = () => api<void>('/api/auth/logout', { method: 'POST' });
export const getConfig = () => api<ClientConfig>('/api/config');

export const getSummary = (level: Level, id: string, signal?: AbortSignal) =>
  api<SummaryNode>(`/api/coverage/summary?level=${level}&id=${encodeURIComponent(id)}`, { signal });

export const getGaps = (q: { level: 'building' | 'grid' | 'businessDistrict'; kind: Gap['kind']; limit?: number; districtCode?: string; streetCode?: string; gridId?: string; businessDistrictId?: string }, signal?: AbortSignal) => {
  const p = new URLSearchParams({ level: q.level, kind: q.kind, limit: String(q.limit ?? 10) });
  if (q.districtCode) p.set('districtCode', q.districtCode);
  if (q.streetCode) p.set('streetCode', q.streetCode);
  if (q.gridId) p.set('gridId', q.gridId);
  if (q.businessDistrictId) p.set('businessDistrictId', q.businessDistrictId);
  return api<{ asOf: string; gaps: Gap[] }>(`/api/coverage/gaps?${p}`, { signal });
};

export const getTrend = (level: Exclude<Level, 'building'>, id: string, signal?: AbortSignal) =>
  api<Trend>(`/api/coverage/trend?level=${level}&id=${encodeURIComponent(id)}&months=12`, { signal });

export const getWarnings = (level: 'street' | 'district', id: string, signal?: AbortSignal) =>
  api<Warnings>(`/api/coverage/warnings?level=${level}&id=${encodeURIComponent(id)}`, { signal });

export const getBands = (level: Level, id: string, signal?: AbortSignal) =>
  api<WalkBands>(`/api/coverage/bands?level=${level}&id=${encodeURIComponent(id)}`, { signal });

export const getStationBands = (id: number, signal?: AbortSignal) => api<StationWalkBands>(`/api/coverage/stations/${id}/bands`, { signal });

export const getBuildingFile = (id: number, signal?: AbortSignal) => api<BuildingFile>(`/api/coverage/buildings/${id}`, { signal });

export const search = (q: string, signal?: AbortSignal) => api<{ results: SearchResult[] }>(`/api/search?q=${encodeURIComponent(q)}&limit=12`, { signal });

type Page = FeatureCollection & { links: { rel: string; href: string }[] };

/** Reads a collection through the OGC API, following next links up to maxFeatures. */
export async function getFeatures<G extends Geometry = Geometry>(
  collection: string,
  params: Record<string, string> = {},
  opts: { signal?: AbortSignal; maxFeatures?: number } = {},
): Promise<FeatureCollection<G>> {
  const features: Feature<G>[] = [];
  const first = new URLSearchParams({ limit: '1000', ...params });
  let url: string | null = `/ogc/collections/${collection}/items?${first}`;
  const max = opts.maxFeatures ?? 20_000;
  while (url && features.length < max) {
    const page: Page = await api<Page>(url, { signal: opts.signal, headers: { accept: 'application/geo+json' } });
    features.push(...(page.features as Feature<G>[]));
    const next = page.links.find((l) => l.rel === 'next');
    url = next ? new URL(next.href).pathname + new URL(next.href).search : null;
  }
  return { type: 'FeatureCollection', features };
}
