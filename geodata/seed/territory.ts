// Hand-written facts: districts, streets, work grids and business districts of the demo territory.
// Sources: ../shared/design/domain.md (demo places, official codes) and the seed articles in
// ../shared/seeds/ (000: 湖南路街道/亿滋; 001: 山阳镇/上海湾区科创中心; 002: 小东门街道/绿地海珀外滩;
// 003: 呼和浩特 楼宇工会联合会; 004: 南京西路街道 "1+4+X").
// No openly licensed street boundaries exist offline: every area below is hand-drawn around the
// demo places and is 示意范围 (illustrative), never an official boundary. Hohhot's street codes end in
// "D0n": they are our own placeholders (示意编码), not official codes.
import type { Position } from 'geojson';

export const SOURCE_DOMAIN = 'domain.md 演示地点 (示意)';

export interface DistrictFact {
  code: string;
  name: string;
  nameEn: string;
  city: string;
}

export const DISTRICTS: DistrictFact[] = [
  { code: '310106', name: '静安区', nameEn: "Jing'an District", city: '上海市' },
  { code: '310104', name: '徐汇区', nameEn: 'Xuhui District', city: '上海市' },
  { code: '310101', name: '黄浦区', nameEn: 'Huangpu District', city: '上海市' },
  { code: '310116', name: '金山区', nameEn: 'Jinshan District', city: '上海市' },
  { code: '150102', name: '新城区', nameEn: 'Xincheng District', city: '呼和浩特市' },
  { code: '150103', name: '回民区', nameEn: 'Huimin District', city: '呼和浩特市' },
  { code: '150104', name: '玉泉区', nameEn: 'Yuquan District', city: '呼和浩特市' },
  { code: '150105', name: '赛罕区', nameEn: 'Saihan District', city: '呼和浩特市' },
];

/** 南京西路街道: drawn by hand so that its 4 work grids hold the 4 business districts of "1+4+X". */
const NJXL_VERTICES = {
  W1: [121.4428, 31.2203], W2: [121.4433, 31.224], W3: [121.444, 31.231], W4: [121.4446, 31.2368],
  N1: [121.45, 31.2372], M4: [121.4556, 31.2366], N2: [121.462, 31.2358], E4: [121.4678, 31.235],
  E3: [121.4684, 31.2298], E2: [121.4688, 31.225], E1: [121.468, 31.2206], S2: [121.462, 31.2204],
  M1: [121.4555, 31.2201], S1: [121.449, 31.2198], M2: [121.4557, 31.224], M3: [121.4558, 31.2298],
  C1: [121.45, 31.2242], C2: [121.462, 31.23],
} satisfies Record<string, Position>;
type V = keyof typeof NJXL_VERTICES;
const ring = (names: V[]): Position[] => [...names, names[0] as V].map((k) => NJXL_VERTICES[k]);

export interface GridFact {
  code: string;
  name: string;
  ring: Position[];
}

export interface StreetFact {
  code: string;
  districtCode: string;
  name: string;
  nameEn: string;
  source: string;
  /** Either hand-drawn grids (whose union is the street) or a lattice drawn by the generator. */
  grids?: { outline: Position[]; grids: GridFact[] };
  lattice?: { bbox: [number, number, number, number]; columns: number; rows: number; gridNames: string[] };
}

export const STREETS: StreetFact[] = [
  {
    code: '310106012',
    districtCode: '310106',
    name: '南京西路街道',
    nameEn: 'Nanjing West Road Subdistrict',
    source: 'seeds/004 (南京西路街道"1+4+X"); 范围为手绘示意',
    grids: {
      outline: ring(['W1', 'S1', 'M1', 'S2', 'E1', 'E2', 'E3', 'E4', 'N2', 'M4', 'N1', 'W4', 'W3', 'W2']),
      grids: [
        { code: '310106012-G1', name: '第一网格(恒隆广场)', ring: ring(['W2', 'C1', 'M2', 'M3', 'M4', 'N1', 'W4', 'W3']) },
        { code: '310106012-G2', name: '第二网格(兴业太古汇)', ring: ring(['M3', 'C2', 'E3', 'E4', 'N2', 'M4']) },
        { code: '310106012-G3', name: '第三网格(张园·丰盛里-吴江路)', ring: ring(['M1', 'S2', 'E1', 'E2', 'E3', 'C2', 'M3', 'M2']) },
        { code: '310106012-G4', name: '第四网格(巨富长)', ring: ring(['W1', 'S1', 'M1', 'M2', 'C1', 'W2']) },
      ],
    },
  },
  {
    code: '310104004',
    districtCode: '310104',
    name: '湖南路街道',
    nameEn: 'Hunan Road Subdistrict',
    source: 'seeds/000 (湖南街道 亿滋党群服务站·职工之家); 范围为手绘示意',
    lattice: { bbox: [121.432, 31.205, 121.458, 31.2193], columns: 2, rows: 2, gridNames: ['东湖', '衡山', '武康', '淮海'] },
  },
  {
    code: '310101017',
    districtCode: '310101',
    name: '小东门街道',
    nameEn: 'Xiaodongmen Subdistrict',
    source: 'seeds/002 (绿地海珀外滩 红色物业·三方共建); 范围为手绘示意',
    lattice: { bbox: [121.494, 31.21, 121.51, 31.226], columns: 2, rows: 2, gridNames: ['董家渡', '外马路', '中山南路', '海珀'] },
  },
  {
    code: '310116113',
    districtCode: '310116',
    name: '山阳镇',
    nameEn: 'Shanyang Town',
    source: 'seeds/001 (上海湾区科创中心 楼委会); 范围为手绘示意',
    lattice: { bbox: [121.335, 30.725, 121.385, 30.765], columns: 2, rows: 2, gridNames: ['湾区', '龙皓', '卫零', '海渔'] },
  },
  {
    code: '150102D01',
    districtCode: '150102',
    name: '京师片区(示意)',
    nameEn: 'Jingshi Area (illustrative)',
    source: 'seeds/003 (新城区京师楼宇工会联合会); 范围与编码为示意',
    lattice: { bbox: [111.6692, 40.8179, 111.6892, 40.8319], columns: 2, rows: 1, gridNames: ['京师', '新华东'] },
  },
  {
    code: '150103D01',
    districtCode: '150103',
    name: '金葫芦片区(示意)',
    nameEn: 'Jinhulu Area (illustrative)',
    source: 'seeds/003 (回民区金葫芦科技大厦楼宇工会联合会); 范围与编码为示意',
    lattice: { bbox: [111.6454, 40.8069, 111.6654, 40.8209], columns: 2, rows: 1, gridNames: ['金葫芦', '中山西'] },
  },
  {
    code: '150104D01',
    districtCode: '150104',
    name: '玉泉片区(示意)',
    nameEn: 'Yuquan Area (illustrative)',
    source: 'seeds/003 (玉泉区红星美凯龙6个联合工会、玉泉大厦党群共建); 范围与编码为示意',
    lattice: { bbox: [111.6487, 40.7911, 111.6687, 40.8051], columns: 2, rows: 1, gridNames: ['世博', '大召'] },
  },
  {
    code: '150105D01',
    districtCode: '150105',
    name: '金桥片区(示意)',
    nameEn: 'Jinqiao Area (illustrative)',
    source: 'seeds/003 (赛罕区金桥电子商务产业园工会联合会); 范围与编码为示意',
    lattice: { bbox: [111.6816, 40.7995, 111.7016, 40.8135], columns: 2, rows: 1, gridNames: ['金桥', '敕勒川'] },
  },
];

export interface BusinessDistrictFact {
  name: string;
  nameEn: string;
  streetCode: string;
  centre: Position;
  radiusM: number;
  source: string;
}

export const BUSINESS_DISTRICTS: BusinessDistrictFact[] = [
  { name: '恒隆广场商圈', nameEn: 'Plaza 66 BD', streetCode: '310106012', centre: [121.4515, 31.229], radiusM: 380, source: 'seeds/004' },
  { name: '兴业太古汇商圈', nameEn: 'HKRI Taikoo Hui BD', streetCode: '310106012', centre: [121.4605, 31.2318], radiusM: 330, source: 'seeds/004' },
  { name: '张园(丰盛里-吴江路)商圈', nameEn: 'Zhangyuan (Fengshengli–Wujiang Rd) BD', streetCode: '310106012', centre: [121.4603, 31.2278], radiusM: 300, source: 'seeds/004' },
  { name: '巨富长商圈', nameEn: 'Julu–Fumin–Changle BD', streetCode: '310106012', centre: [121.4497, 31.2221], radiusM: 330, source: 'seeds/004' },
  { name: '衡复·环贸商圈', nameEn: 'Hengfu · iapm BD', streetCode: '310104004', centre: [121.4525, 31.2165], radiusM: 380, source: 'seeds/000 (世纪商贸广场、环贸广场)' },
  { name: '董家渡金融城', nameEn: 'Dongjiadu Financial City', streetCode: '310101017', centre: [121.5015, 31.2172], radiusM: 420, source: 'seeds/002' },
];
