// The API's shapes as the client sees them: the types inferred from the server's contract schemas (types
// only: nothing server-side reaches the bundle). Each feature's own shapes come from its contract directly.
import type { Rates } from '../../server/coverage/contract';

export type { Rate, Rates, Level, Gap, GapAction, BuildingFile, Summary as SummaryNode, Trend, TrendSeries, Thresholds, Warnings, WalkBands, StationWalkBands, WalkBandAreas, StationWalkBandAreas } from '../../server/coverage/contract';
export type { Basemap, ClientConfig } from '../../server/config/contract';
export type { SearchResult } from '../../server/search/contract';
export type { Me, Session } from '../../server/auth/contract';

export type RateKey = keyof Rates;
