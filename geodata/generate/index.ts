// The demo territory: hand-written seed facts (../seed) grown by a seeded, deterministic generator.
// Same seed and date → the same rows, byte for byte.
import { createRng } from './random.js';
import { generatePlaces } from './places.js';
import { generateEnterprises } from './enterprises.js';
import { generateOrganisations } from './organisations.js';
import { generateStations } from './stations.js';
import { generateActivities, generateUpcomingActivities } from './activities.js';
import { generateAlliances } from './alliances.js';
import { generateRoads } from './roads.js';
import { isoDate, type Ctx, type DemoDataset } from './context.js';

export type { DemoDataset } from './context.js';
export const DEMO_SEED = 20250321;

export function buildDemoTerritory(opts: { seed?: number; today: Date }): DemoDataset {
  const today = new Date(`${isoDate(opts.today)}T00:00:00Z`);
  const counters = new Map<string, number>();
  const ctx: Ctx = {
    rng: createRng(opts.seed ?? DEMO_SEED),
    today,
    data: {
      today: isoDate(today), districts: [], streets: [], grids: [], businessDistricts: [], buildings: [], enterprises: [],
      organisations: [], organisationCoverage: [], instructors: [], instructorAssignments: [], stations: [], activities: [],
      alliances: [], allianceMembers: [], roads: [], water: [],
    },
    grids: [], buildings: [], buildingByKey: new Map(), enterpriseByKey: new Map(), organisationByKey: new Map(),
    stationByKey: new Map(), streetDistrict: new Map(),
    nextId: (table) => {
      const n = (counters.get(table) ?? 0) + 1;
      counters.set(table, n);
      return n;
    },
  };
  generatePlaces(ctx);
  generateEnterprises(ctx);
  generateStations(ctx);
  generateOrganisations(ctx);
  generateActivities(ctx);
  generateAlliances(ctx);
  generateRoads(ctx);
  generateUpcomingActivities(ctx);
  return ctx.data;
}
