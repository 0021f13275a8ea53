// Step 4: stations (阵地): the named ones from the seeds and a synthetic network around them.
import { mapServiceTags, STATION_TYPE_TERMS, type StationType } from '../../server/domain/vocabulary/index.js';
import { LANDMARK_STATIONS } from '../seed/landmarks.js';
import { offset } from './geometry.js';
import { SYNTHETIC, addDays, dateBetween, type Ctx } from './context.js';
import { addStationDetails } from './station-details.js';

const HOURS = ['工作日 9:00-18:00', '工作日 8:30-19:00', '周一至周六 9:00-20:00'];
/** Synthetic stations per street, by type: the network a street builds around its key buildings. */
const NETWORK: Record<string, StationType[]> = {
  '310106012': ['party_service_point', 'party_service_point', 'party_service_point', 'mothers_room', 'workers_post', 'workers_library', 'party_service_point'],
  '310104004': ['party_service_point', 'mothers_room', 'workers_post'],
  '310101017': ['party_service_point', 'workers_home'],
  '310116113': ['party_service_point'],
  '150104D01': ['workers_post'],
};

// Services as an import stores them: the tags mapped to the controlled list (unknown tags kept as written).
export function generateStations(ctx: Ctx): void {
  const { rng, data } = ctx;
  for (const s of LANDMARK_STATIONS) {
    const b = s.building ? ctx.buildingByKey.get(s.building) : undefined;
    const at = b?.centre ?? s.at;
    if (!at) throw new Error(`station ${s.key} has no position`);
    const id = ctx.nextId('stations');
    data.stations.push({
      id, name: s.name, type: s.type, alsoTypes: s.alsoTypes ?? [], streetCode: s.streetCode, buildingId: b?.id ?? null,
      floor: s.floor ?? null, areaM2: s.areaM2 ?? null, hours: s.hours, services: mapServiceTags(s.services).services, openTo: s.openTo,
      openedOn: s.openedOn, geom: { type: 'Point', coordinates: b ? offset(at, 6, -6) : at }, source: s.source,
    });
    ctx.stationByKey.set(s.key, id);
  }
  const taken = new Set(data.stations.map((s) => s.buildingId).filter((x) => x != null));
  for (const [streetCode, types] of Object.entries(NETWORK)) {
    const candidates = ctx.buildings.filter((b) => b.streetCode === streetCode && !taken.has(b.id) && b.kind !== 'market');
    for (const type of types) {
      if (candidates.length === 0) break;
      const b = candidates.splice(rng.int(0, candidates.length - 1), 1)[0];
      if (!b) break;
      taken.add(b.id);
      data.stations.push({
        id: ctx.nextId('stations'), name: `${b.name}${STATION_TYPE_TERMS[type].zh}`, type, alsoTypes: [], streetCode, buildingId: b.id,
        floor: `${rng.int(1, Math.min(b.floors, 5))}F`, areaM2: rng.int(20, 160), hours: rng.pick(HOURS),
        services: mapServiceTags(STATION_TYPE_TERMS[type].services).services, openTo: type === 'mothers_room' ? 'building' : 'public',
        openedOn: dateBetween(rng, new Date('2016-01-01'), addDays(ctx.today, -200)),
        geom: { type: 'Point', coordinates: offset(b.centre, 5, -5) }, source: SYNTHETIC,
      });
    }
  }
  addStationDetails(ctx);
}
