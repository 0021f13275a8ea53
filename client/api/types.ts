// Shapes the server sends (see /api/openapi.json).
// Shapes shared with the server are imported from it (types only: nothing server-side reaches the bundle).
import type { Rate as ServerRate } from '../../server/domain/coverage/types';
import type { SummaryNode as ServerSummaryNode } from '../../server/domain/coverage/model';
import type { Gap as ServerGap, GapAction as ServerGapAction } from '../../server/domain/coverage/gaps';
import type { Basemap as ServerBasemap } from '../../server/config/contract';

export type Rate = ServerRate;
export type RateKey = 'partyOrg' | 'standalone' | 'work' | 'union' | 'workersServed';
export type Level = ServerSummaryNode['level'];
export type SummaryNode = ServerSummaryNode;
export type GapAction = ServerGapAction;
export type Gap = ServerGap;
export type Basemap = ServerBasemap;

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

export interface Me {
  username: string;
  role: 'admin' | 'official' | 'editor' | 'display';
  kind: 'session' | 'token';
  streetCodes: string[];
  csrfToken: string | null;
}
