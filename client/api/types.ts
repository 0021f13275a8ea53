// Shapes the server sends (see /api/openapi.json).
export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}
export type RateKey = 'partyOrg' | 'standalone' | 'work' | 'union' | 'workersServed';
export type Level = 'district' | 'street' | 'grid' | 'businessDistrict' | 'building';

export interface SummaryNode {
  id: string;
  name: string;
  level: Level;
  enterprises: number;
  employees: number;
  partyMembers: number;
  rates: Record<RateKey, Rate>;
  children?: SummaryNode[];
}

export interface GapAction {
  code: string;
  label: { zh: string; en: string };
  enterprises: number;
  workers: number;
}

export interface Gap {
  rank: number;
  level: 'building' | 'grid' | 'businessDistrict';
  id: string;
  name: string;
  streetCode: string;
  kind: 'party' | 'union' | 'work' | 'reach';
  workersAffected: number;
  enterprisesAffected: number;
  partyMembersAffected: number;
  rate: Rate;
  suggestion: GapAction;
  actions: GapAction[];
  reasons: { reason: string; enterprises: number }[];
}

export interface BuildingFile {
  summary: SummaryNode;
  reach: {
    served: boolean;
    servedBy: { stationId: number; name: string; distanceM: number }[];
    nearestByType: Record<string, { stationId: number; name: string; distanceM: number }>;
    walkMinutes: number | null;
    band: number | null;
  };
  organisations: { id: number; name: string; kind: string; formation: 'own' | 'joint'; members: number; foundedOn: string; enterprisesCovered: number }[];
  activities: { id: number; title: string; type: string; heldAt: string; participants: number }[];
  enterprises: {
    id: number;
    name: string;
    employees: number;
    partyMembers: number;
    operating: boolean;
    partyCoverage: 'own' | 'joint' | 'instructor' | 'none';
    unionCoverage: 'own' | 'joint' | 'none';
    noOrgReason: string | null;
    suggestedAction: { code: string; label: { zh: string; en: string } } | null;
  }[];
}

export interface SearchResult {
  type: 'building' | 'enterprise' | 'station';
  id: number;
  name: string;
  address: string | null;
  streetCode: string;
  buildingId: number | null;
  lon: number;
  lat: number;
}

export interface Basemap {
  id: string;
  name: { zh: string; en: string };
  kind: 'builtin' | 'raster';
  theme: 'dark' | 'light';
  crs: 'wgs84' | 'gcj02';
  rasters?: { tiles: string[] }[];
  tileSize?: number;
  maxZoom?: number;
  attribution?: string;
  approval?: string;
}

export interface Me {
  username: string;
  role: 'admin' | 'official' | 'editor' | 'display';
  kind: 'session' | 'token';
  streetCodes: string[];
  csrfToken: string | null;
}
