// Station (阵地) types and who a station is open to. The colour and glyph draw a station the same way on
// every map (internal, wall, public, poster); the reach is the default service radius (metres), which
// the `reach` setting may change; the services are what such a station typically offers.
import type { Term } from './terms.js';

export const STATION_TYPES = [
  'party_service_centre', 'party_service_station', 'party_service_point', 'workers_home', 'white_collar_home',
  'red_fuel_station', 'workers_post', 'mothers_room', 'workers_library',
] as const;
export type StationType = (typeof STATION_TYPES)[number];

export interface StationTypeTerm extends Term {
  /** #rrggbb, on every map and legend. */
  colour: string;
  /** One character drawn in the icon, the way printed 阵地 maps mark them. */
  glyph: string;
  /** Default reach in metres (a centre 1,000 m, a station 500 m, a point 300 m). */
  reachM: number;
  services: readonly string[];
}

export const STATION_TYPE_TERMS: Readonly<Record<StationType, StationTypeTerm>> = {
  party_service_centre: { zh: '党群服务中心', en: 'Party-mass service centre', colour: '#c8161d', glyph: '党', reachM: 1000, services: ['党员教育', '志愿服务', '政策咨询'] },
  party_service_station: { zh: '党群服务站', en: 'Party-mass service station', colour: '#e23c32', glyph: '站', reachM: 500, services: ['党员学习', '白领服务', '议事协商'] },
  party_service_point: { zh: '党群服务点', en: 'Party-mass service point', colour: '#f06e50', glyph: '点', reachM: 300, services: ['党员便民服务', '政策宣传'] },
  workers_home: { zh: '职工之家', en: "Workers' home", colour: '#2878c8', glyph: '家', reachM: 500, services: ['职工服务', '入会服务', '困难帮扶'] },
  // Gold, as on the internal map: the public map's purple was the business districts' colour.
  white_collar_home: { zh: '白领驿家', en: 'White-collar home', colour: '#d4a017', glyph: '驿', reachM: 500, services: ['白领午间课堂', '休憩阅读'] },
  red_fuel_station: { zh: '红色加油站', en: 'Red refuelling station', colour: '#b41e3c', glyph: '红', reachM: 300, services: ['党员学习', '休憩'] },
  workers_post: { zh: '职工驿站', en: "Workers' rest stop", colour: '#3ca0dc', glyph: '歇', reachM: 300, services: ['歇脚饮水', '充电', '休憩'] },
  mothers_room: { zh: '爱心妈咪小屋', en: "Mothers' room", colour: '#e678aa', glyph: '母', reachM: 300, services: ['哺乳休息'] },
  workers_library: { zh: '职工书屋', en: "Workers' library", colour: '#785abe', glyph: '书', reachM: 300, services: ['阅读', '借阅'] },
};

/** Who may use a station: everyone, the people working in its building, or members only. */
export const OPEN_TO = ['public', 'building', 'members'] as const;
export type OpenTo = (typeof OPEN_TO)[number];

export const OPEN_TO_TERMS: Readonly<Record<OpenTo, Term>> = {
  public: { zh: '面向社会', en: 'Open to the public' },
  building: { zh: '本楼宇', en: 'People working in the building' },
  members: { zh: '党员', en: 'Members only' },
};
