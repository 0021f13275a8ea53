import type { Gap, Rate, RateKey } from '../../api/types';

export interface Ranked {
  level: string;
  id: string;
  name: string;
  enterprises: number;
  employees: number;
  rates: Record<RateKey, Rate>;
}

export interface WallSummary {
  scope: { level: 'street' | 'district'; id: string; name: string; streetCodes: string[] };
  asOf: string;
  comparedWith: string;
  changeId: number;
  totals: Ranked;
  previousRates: Record<RateKey, Rate>;
  organisationsByKind: Record<string, number>;
  stations: number;
  activitiesThisMonth: { count: number; participants: number; month: string };
  rankings: { areas: Ranked[]; businessDistricts: Ranked[] };
  topGaps: Gap[];
  places: { level: string; id: string; name: string; bbox: [number, number, number, number] }[];
}
