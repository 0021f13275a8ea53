// Hand-drawn roads and water of the demo territory, 示意 (illustrative): real names, shapes drawn by hand
// from general knowledge of the streets and placed relative to the demo's own (also hand-drawn) buildings and
// street outlines in ./territory.ts and ./landmarks.ts, so that a building is never cut by its own street.
// Not surveyed and not from any map service; good enough to give every map context offline and to walk on.
// WGS84 lon/lat.
import type { Position } from 'geojson';
import type { RoadClass, WaterKind } from '../../server/domain/vocabulary/index.js';

export const SOURCE_ROADS = 'geodata 手绘道路 (示意, 非测绘)';

export interface RoadFact {
  name: string;
  class: RoadClass;
  /** Elevated roads are drawn but never walked or crossed on foot. */
  barrier?: boolean;
  oneway?: boolean;
  line: Position[];
}

export interface WaterFact {
  name: string;
  kind: WaterKind;
  ring: Position[];
}

/** 南京西路街道 (310106012) and the edge of 湖南路街道 (310104004). */
const NANJING_WEST: RoadFact[] = [
  { name: '南京西路', class: 'arterial', line: [[121.4425, 31.2228], [121.448, 31.2262], [121.452, 31.2284], [121.4575, 31.2308], [121.4622, 31.2324], [121.469, 31.2346]] },
  { name: '延安中路', class: 'arterial', line: [[121.4425, 31.2197], [121.4555, 31.2196], [121.462, 31.2199], [121.469, 31.2203]] },
  { name: '延安高架路', class: 'arterial', barrier: true, line: [[121.4425, 31.2199], [121.4555, 31.2198], [121.462, 31.2201], [121.469, 31.2205]] },
  { name: '威海路', class: 'secondary', line: [[121.45, 31.224], [121.4545, 31.2251], [121.4592, 31.2262], [121.4622, 31.2269], [121.468, 31.2282]] },
  { name: '巨鹿路', class: 'branch', line: [[121.4435, 31.2224], [121.4545, 31.2227], [121.4582, 31.2229]] },
  { name: '吴江路', class: 'footway', line: [[121.4582, 31.2299], [121.4622, 31.2299]] },
  { name: '常德路', class: 'secondary', line: [[121.4466, 31.2368], [121.4466, 31.2247]] },
  { name: '陕西北路', class: 'secondary', line: [[121.4538, 31.2366], [121.4542, 31.229], [121.4545, 31.2196]] },
  { name: '铜仁路', class: 'branch', line: [[121.4561, 31.2362], [121.4561, 31.2301]] },
  { name: '茂名北路', class: 'branch', line: [[121.4582, 31.2311], [121.4582, 31.2197]] },
  { name: '石门一路', class: 'secondary', line: [[121.4622, 31.2358], [121.4622, 31.2199]] },
  { name: '淮海中路', class: 'arterial', line: [[121.432, 31.2108], [121.444, 31.2113], [121.458, 31.2142]] },
];

/** 小东门街道 (310101017), with the 黄浦江 to its east. */
const XIAODONGMEN: RoadFact[] = [
  { name: '中山南路', class: 'arterial', line: [[121.5052, 31.2262], [121.5055, 31.218], [121.5058, 31.2098]] },
  { name: '外马路', class: 'branch', line: [[121.5088, 31.2255], [121.5089, 31.218], [121.5091, 31.2105]] },
  { name: '河南南路', class: 'secondary', line: [[121.496, 31.2262], [121.496, 31.2098]] },
  { name: '人民路', class: 'secondary', line: [[121.494, 31.2245], [121.5088, 31.2248]] },
  { name: '复兴东路', class: 'arterial', line: [[121.494, 31.22], [121.5088, 31.2201]] },
  { name: '董家渡路', class: 'branch', line: [[121.494, 31.2139], [121.5088, 31.2141]] },
];

/** Hohhot: the main roads near the demo buildings of 新城区, 回民区, 玉泉区 and 赛罕区. */
const HOHHOT: RoadFact[] = [
  { name: '新华大街', class: 'arterial', line: [[111.64, 40.8195], [111.705, 40.8195]] },
  { name: '中山西路', class: 'arterial', line: [[111.64, 40.8125], [111.672, 40.8123]] },
  { name: '中山东路', class: 'arterial', line: [[111.672, 40.8123], [111.705, 40.812]] },
  { name: '锡林郭勒南路', class: 'arterial', line: [[111.67, 40.835], [111.67, 40.79]] },
  { name: '昭乌达路', class: 'arterial', line: [[111.687, 40.835], [111.687, 40.79]] },
  { name: '呼伦贝尔南路', class: 'secondary', line: [[111.65, 40.83], [111.65, 40.79]] },
  { name: '石羊桥路', class: 'secondary', line: [[111.64, 40.7994], [111.705, 40.7994]] },
  { name: '大南街', class: 'secondary', line: [[111.662, 40.815], [111.662, 40.795]] },
  { name: '北垣街', class: 'secondary', line: [[111.655, 40.8285], [111.705, 40.8285]] },
];

export const ROADS: RoadFact[] = [...NANJING_WEST, ...XIAODONGMEN, ...HOHHOT];

export const WATER: WaterFact[] = [
  {
    name: '黄浦江',
    kind: 'river',
    // The Puxi bank follows 小东门's eastern edge; the Pudong bank is about 400 m further east.
    ring: [[121.5101, 31.205], [121.5103, 31.215], [121.5101, 31.226], [121.5092, 31.233], [121.5142, 31.2335], [121.5149, 31.226], [121.5152, 31.215], [121.515, 31.205], [121.5101, 31.205]],
  },
];
