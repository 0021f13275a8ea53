// Hand-written facts about the named places of the demo: buildings, the enterprises and organisations
// the articles name, stations and alliances. Each entry cites its article in ../shared/seeds/.
// Positions are approximate (domain.md, 示意). Where an article gives a figure (units, staff, members,
// area, dates) it is used as written; everything not stated is left to the generator and marked synthetic.
import type { Position } from 'geojson';
import type { BuildingKind, OpenTo, OrgKind, StationType } from '../../server/domain/vocabulary/index.js';

export type { BuildingKind, OrgKind, StationType };

export interface LandmarkBuilding {
  key: string;
  name: string;
  address: string;
  streetCode: string;
  at: Position;
  kind: BuildingKind;
  floors: number;
  billionYuan?: boolean;
  propertyManager?: string;
  redProperty?: boolean;
  /** Footprint size in metres (width, depth) and rotation. */
  footprint: [number, number, number];
  /** How many enterprises the generator places here (article figures where given). */
  enterprises: number;
  /** Total staff to spread over those enterprises, where an article gives it. */
  staff?: number;
  source: string;
}

export const LANDMARK_BUILDINGS: LandmarkBuilding[] = [
  { key: 'plaza66', name: '恒隆广场', address: '南京西路1266号', streetCode: '310106012', at: [121.4522, 31.2295], kind: 'complex', floors: 66, billionYuan: true, propertyManager: '恒隆地产物业管理', footprint: [110, 70, 12], enterprises: 42, source: 'seeds/004 (恒隆广场分会场、白领驿家)' },
  { key: 'taikoohui', name: '兴业太古汇', address: '石门一路288号', streetCode: '310106012', at: [121.4606, 31.2306], kind: 'complex', floors: 49, billionYuan: true, propertyManager: '太古物业管理', footprint: [120, 80, 8], enterprises: 36, source: 'seeds/004' },
  { key: 'kerry', name: '静安嘉里中心', address: '南京西路1515号', streetCode: '310106012', at: [121.448, 31.2252], kind: 'complex', floors: 60, billionYuan: true, propertyManager: '嘉里物业管理', footprint: [100, 80, 15], enterprises: 40, source: 'seeds/004 (嘉里中心白领驿家)' },
  { key: 'sigb', name: '上海国际集团大厦', address: '威海路511号', streetCode: '310106012', at: [121.461, 31.227], kind: 'office', floors: 42, billionYuan: true, propertyManager: '国际集团物业', footprint: [60, 45, 5], enterprises: 18, source: 'seeds/004 (首个国企商务楼宇内的白领驿家)' },
  { key: 'citic', name: '中信泰富广场', address: '南京西路1168号', streetCode: '310106012', at: [121.4575, 31.2318], kind: 'office', floors: 38, billionYuan: true, propertyManager: '中信泰富广场物业', redProperty: true, footprint: [70, 55, 10], enterprises: 30, source: 'seeds/004 (物业联盟轮值主席单位)' },
  { key: 'zhangyuan', name: '张园', address: '威海路590弄', streetCode: '310106012', at: [121.4596, 31.2285], kind: 'complex', floors: 3, propertyManager: '静安置业物业', footprint: [140, 90, 4], enterprises: 22, source: 'seeds/004 (张园商圈)' },
  { key: 'fengshengli', name: '丰盛里', address: '石门一路·吴江路口', streetCode: '310106012', at: [121.4613, 31.2291], kind: 'complex', floors: 4, footprint: [80, 50, 6], enterprises: 14, source: 'seeds/004 (丰盛里-吴江路)' },
  { key: 'wenxin', name: '文新报业大厦', address: '威海路755号', streetCode: '310106012', at: [121.4592, 31.2253], kind: 'office', floors: 38, footprint: [55, 50, 0], enterprises: 12, source: 'seeds/004 (文汇报社，联席会议前任轮值主席单位)' },
  { key: 'jufuchang', name: '巨鹿路创意楼', address: '巨鹿路(示意)', streetCode: '310106012', at: [121.4505, 31.2218], kind: 'office', floors: 6, footprint: [50, 30, 2], enterprises: 16, source: 'seeds/004 (巨富长商圈); 楼宇为示意' },
  { key: 'wujin', name: '悟锦世纪大楼', address: '淮海中路(示意)', streetCode: '310104004', at: [121.44, 31.212], kind: 'office', floors: 20, propertyManager: '悟锦物业', footprint: [55, 40, 20], enterprises: 14, source: 'seeds/000 (亿滋 2008年迁入，8楼党群服务站)' },
  { key: 'century', name: '世纪商贸广场', address: '淮海中路(示意)', streetCode: '310104004', at: [121.4482, 31.2186], kind: 'office', floors: 27, billionYuan: true, footprint: [60, 45, 14], enterprises: 26, source: 'seeds/000' },
  { key: 'iapm', name: '环贸广场', address: '淮海中路999号', streetCode: '310104004', at: [121.4552, 31.2153], kind: 'complex', floors: 42, billionYuan: true, footprint: [110, 75, 18], enterprises: 32, source: 'seeds/000' },
  { key: 'haipo', name: '绿地海珀外滩', address: '中山南路(示意)', streetCode: '310101017', at: [121.5005, 31.219], kind: 'complex', floors: 33, propertyManager: '上海合创嘉锦物业管理有限公司', redProperty: true, footprint: [90, 60, 25], enterprises: 12, source: 'seeds/002 (红色物业授牌、三方共建)' },
  { key: 'djd', name: '董家渡金融城', address: '董家渡路(示意)', streetCode: '310101017', at: [121.502, 31.2165], kind: 'complex', floors: 50, billionYuan: true, footprint: [120, 80, 25], enterprises: 40, source: 'seeds/002 (董家渡金融城街区)' },
  { key: 'bayarea', name: '上海湾区科创中心', address: '山阳镇(示意)', streetCode: '310116113', at: [121.36, 30.745], kind: 'office', floors: 18, propertyManager: '湾区科创物业', footprint: [70, 45, 30], enterprises: 50, staff: 400, source: 'seeds/001 (近50家单位、近400人、5家有党组织、党员40多人)' },
  { key: 'jinhulu', name: '金葫芦科技大厦', address: '回民区(示意)', streetCode: '150103D01', at: [111.6554, 40.8139], kind: 'office', floors: 24, footprint: [60, 40, 0], enterprises: 52, staff: 620, source: 'seeds/003 (50余家企业、600余名职工)' },
  { key: 'jinqiao', name: '金桥电子商务产业园', address: '赛罕区(示意)', streetCode: '150105D01', at: [111.6916, 40.8065], kind: 'park', floors: 8, footprint: [160, 110, 0], enterprises: 51, staff: 520, source: 'seeds/003 (50余家企业、500余名职工)' },
  { key: 'jingshi', name: '京师大厦(示意)', address: '新城区(示意)', streetCode: '150102D01', at: [111.6792, 40.8249], kind: 'office', floors: 20, footprint: [55, 40, 0], enterprises: 28, source: 'seeds/003 (京师楼宇工会联合会、智能职工书屋)' },
  { key: 'macalline', name: '红星美凯龙世博家居广场', address: '玉泉区(示意)', streetCode: '150104D01', at: [111.6587, 40.7981], kind: 'market', floors: 5, footprint: [180, 120, 0], enterprises: 240, source: 'seeds/003 (240家入驻商户、6个门类联合工会)' },
  { key: 'yuquan', name: '玉泉大厦', address: '玉泉区(示意)', streetCode: '150104D01', at: [111.6545, 40.8005], kind: 'office', floors: 16, footprint: [50, 35, 0], enterprises: 18, source: 'seeds/003 (楼宇党群共建共同体)' },
];

export interface LandmarkEnterprise {
  key: string;
  name: string;
  building: string;
  floor?: number;
  industry: string;
  ownership: 'state' | 'private' | 'foreign' | 'hk_macao_taiwan';
  employees: number;
  partyMembers: number;
  registeredOn: string;
  source: string;
}

export const LANDMARK_ENTERPRISES: LandmarkEnterprise[] = [
  { key: 'mondelez', name: '亿滋食品企业管理(上海)有限公司', building: 'wujin', floor: 8, industry: '商务服务', ownership: 'foreign', employees: 420, partyMembers: 58, registeredOn: '2008-10-01', source: 'seeds/000 (2008年10月迁入，2014年党支部升格党总支)' },
  { key: 'sig', name: '上海国际集团有限公司', building: 'sigb', industry: '金融', ownership: 'state', employees: 380, partyMembers: 160, registeredOn: '2000-04-20', source: 'seeds/004 (国际集团党委)' },
  { key: 'wenhui', name: '文汇报社', building: 'wenxin', industry: '新闻出版', ownership: 'state', employees: 300, partyMembers: 130, registeredOn: '1998-07-01', source: 'seeds/004 (文汇报社党委)' },
  { key: 'yicai', name: '上海第一财经传媒有限公司', building: 'wenxin', industry: '新闻出版', ownership: 'state', employees: 260, partyMembers: 110, registeredOn: '2003-07-01', source: 'seeds/004 (第一财经党委)' },
  { key: 'citicpm', name: '中信泰富广场物业管理有限公司(示意)', building: 'citic', industry: '物业管理', ownership: 'hk_macao_taiwan', employees: 90, partyMembers: 8, registeredOn: '2000-01-01', source: 'seeds/004 (物业联盟轮值主席单位)' },
  { key: 'bayco', name: '上海湾区科创发展(集团)有限公司', building: 'bayarea', industry: '园区开发', ownership: 'state', employees: 60, partyMembers: 14, registeredOn: '2016-05-01', source: 'seeds/001 (党支部领导楼委会)' },
  { key: 'baymgmt', name: '上海湾企企业管理咨询服务有限公司', building: 'bayarea', industry: '商务服务', ownership: 'private', employees: 12, partyMembers: 1, registeredOn: '2019-03-01', source: 'seeds/001 (楼委会委员所在单位)' },
  { key: 'hechuang', name: '上海合创嘉锦物业管理有限公司', building: 'haipo', industry: '物业管理', ownership: 'state', employees: 85, partyMembers: 12, registeredOn: '2015-06-01', source: 'seeds/002 (国资物企、红色物业)' },
  { key: 'greenland', name: '绿地金创集团(示意)', building: 'djd', industry: '房地产开发', ownership: 'state', employees: 240, partyMembers: 55, registeredOn: '2012-01-01', source: 'seeds/002 (三方共建签约方)' },
];

export interface LandmarkOrganisation {
  key: string;
  name: string;
  kind: OrgKind;
  formation: 'own' | 'joint';
  streetCode: string;
  seat: string;
  /** Enterprise keys covered, or 'building:<key>' for every enterprise in that building. */
  covers: string[];
  members: number;
  foundedOn: string;
  source: string;
}

export const LANDMARK_ORGANISATIONS: LandmarkOrganisation[] = [
  { key: 'mondelez-party', name: '亿滋党总支', kind: 'party_general_branch', formation: 'own', streetCode: '310104004', seat: 'wujin', covers: ['mondelez'], members: 58, foundedOn: '2014-06-01', source: 'seeds/000 (2014年党支部升格为党总支)' },
  { key: 'mondelez-union', name: '亿滋工会', kind: 'union', formation: 'own', streetCode: '310104004', seat: 'wujin', covers: ['mondelez'], members: 380, foundedOn: '2009-03-01', source: 'seeds/000 (外资企业工会出资建设职工之家)' },
  { key: 'sig-party', name: '上海国际集团党委', kind: 'party_committee', formation: 'own', streetCode: '310106012', seat: 'sigb', covers: ['sig'], members: 160, foundedOn: '2000-08-01', source: 'seeds/004' },
  { key: 'wenhui-party', name: '文汇报社党委', kind: 'party_committee', formation: 'own', streetCode: '310106012', seat: 'wenxin', covers: ['wenhui'], members: 130, foundedOn: '1998-07-01', source: 'seeds/004' },
  { key: 'yicai-party', name: '第一财经党委', kind: 'party_committee', formation: 'own', streetCode: '310106012', seat: 'wenxin', covers: ['yicai'], members: 110, foundedOn: '2003-09-01', source: 'seeds/004' },
  { key: 'bayco-party', name: '上海湾区科创发展(集团)有限公司党支部', kind: 'party_branch', formation: 'own', streetCode: '310116113', seat: 'bayarea', covers: ['bayco'], members: 14, foundedOn: '2016-09-01', source: 'seeds/001' },
  { key: 'bay-committee', name: '上海湾区科创中心楼宇治理委员会(楼委会)', kind: 'building_committee', formation: 'joint', streetCode: '310116113', seat: 'bayarea', covers: [], members: 11, foundedOn: '2022-11-15', source: 'seeds/001 (金山首个楼委会, 2022年11月)' },
  { key: 'hechuang-party', name: '合创嘉锦党支部', kind: 'party_branch', formation: 'own', streetCode: '310101017', seat: 'haipo', covers: ['hechuang'], members: 12, foundedOn: '2016-03-01', source: 'seeds/002' },
  { key: 'greenland-party', name: '绿地金创集团党委(示意)', kind: 'party_committee', formation: 'own', streetCode: '310101017', seat: 'djd', covers: ['greenland'], members: 55, foundedOn: '2013-01-01', source: 'seeds/002' },
  { key: 'jinhulu-federation', name: '金葫芦科技大厦楼宇工会联合会', kind: 'building_union_federation', formation: 'joint', streetCode: '150103D01', seat: 'jinhulu', covers: ['building:jinhulu'], members: 540, foundedOn: '2020-12-22', source: 'seeds/003 (2020年12月22日第一次会员代表大会)' },
  { key: 'jinqiao-federation', name: '金桥电子商务产业园工会联合会', kind: 'building_union_federation', formation: 'joint', streetCode: '150105D01', seat: 'jinqiao', covers: ['building:jinqiao'], members: 430, foundedOn: '2019-05-01', source: 'seeds/003' },
  { key: 'jingshi-federation', name: '京师楼宇工会联合会', kind: 'building_union_federation', formation: 'joint', streetCode: '150102D01', seat: 'jingshi', covers: ['building:jingshi'], members: 260, foundedOn: '2020-06-01', source: 'seeds/003' },
];

/** The 6 trades of 红星美凯龙世博家居广场's joint unions (seeds/003). */
export const MACALLINE_TRADES = ['门窗经销', '软体家具', '实木家具', '软装灯饰', '瓷砖卫浴', '全屋定制'];

export interface LandmarkStation {
  key: string;
  name: string;
  type: StationType;
  alsoTypes?: StationType[];
  streetCode: string;
  building?: string;
  at?: Position;
  floor?: string;
  areaM2?: number;
  hours: string;
  services: string[];
  openTo: OpenTo;
  openedOn: string;
  source: string;
}

export const LANDMARK_STATIONS: LandmarkStation[] = [
  { key: 'njxl-centre', name: '南京西路街道党群服务中心', type: 'party_service_centre', streetCode: '310106012', at: [121.4575, 31.2262], hours: '周一至周日 9:00-21:00', services: ['党员教育', '组织关系接转', '志愿服务', '文化活动', '政策咨询'], openTo: 'public', openedOn: '2017-07-01', source: 'seeds/004 (街道党群阵地, 位置示意)' },
  { key: 'plaza66-wch', name: '恒隆广场"白领驿家"', type: 'white_collar_home', alsoTypes: ['party_service_station'], streetCode: '310106012', building: 'plaza66', floor: '(示意)', hours: '工作日 8:30-19:00', services: ['白领午间课堂', '党员学习', '休憩阅读'], openTo: 'public', openedOn: '2016-06-01', source: 'seeds/004 (恒隆广场白领驿家)' },
  { key: 'kerry-wch', name: '静安嘉里中心"白领驿家"', type: 'white_collar_home', alsoTypes: ['party_service_station'], streetCode: '310106012', building: 'kerry', floor: '(示意)', hours: '工作日 8:30-19:00', services: ['白领午间课堂', '党员学习', '心理疏导'], openTo: 'public', openedOn: '2018-06-01', source: 'seeds/004 (嘉里中心白领驿家)' },
  { key: 'sigb-wch', name: '上海国际集团大厦"白领驿家"党群服务站', type: 'white_collar_home', alsoTypes: ['party_service_station'], streetCode: '310106012', building: 'sigb', floor: '(示意)', hours: '工作日 9:00-18:00', services: ['党员学习', '联席会议', '白领服务'], openTo: 'public', openedOn: '2020-06-29', source: 'seeds/004 (2020年6月29日揭牌, 首个国企商务楼宇内站点)' },
  { key: 'mondelez-station', name: '亿滋党群服务站·职工之家', type: 'party_service_station', alsoTypes: ['workers_home'], streetCode: '310104004', building: 'wujin', floor: '8F', areaM2: 130, hours: '工作日 9:00-18:00', services: ['员工心理支持', '运动健身', '学习培训', '集体议事'], openTo: 'building', openedOn: '2025-03-21', source: 'seeds/000 (悟锦世纪大楼8楼, 约130平方米, 2025年3月21日揭牌)' },
  { key: 'hunan-centre', name: '湖南路街道党群服务中心', type: 'party_service_centre', streetCode: '310104004', at: [121.4445, 31.2105], hours: '周一至周六 9:00-20:00', services: ['党员教育', '志愿服务', '营商服务'], openTo: 'public', openedOn: '2018-07-01', source: 'seeds/000 (街区党群服务阵地, 位置示意)' },
  { key: 'djd-centre', name: '董家渡党群服务中心', type: 'party_service_centre', streetCode: '310101017', at: [121.5035, 31.2148], hours: '周一至周日 9:00-20:00', services: ['党员教育', '社区治理', '志愿服务'], openTo: 'public', openedOn: '2019-07-01', source: 'seeds/002 (小东门街道董家渡党群服务中心, 位置示意)' },
  { key: 'haipo-point', name: '绿地海珀外滩红色物业接待点·党员便民点', type: 'party_service_point', streetCode: '310101017', building: 'haipo', hours: '每日 8:00-20:00', services: ['红色物业接待', '党员便民服务', '红色文化路线'], openTo: 'public', openedOn: '2024-07-30', source: 'seeds/002 (红色物业接待点、党员便民点)' },
  { key: 'bay-post', name: '上海湾区科创中心"职工驿站·红色加油站"', type: 'workers_post', alsoTypes: ['red_fuel_station'], streetCode: '310116113', building: 'bayarea', hours: '工作日 8:30-18:00', services: ['白领读书会', '健康跑', '休憩'], openTo: 'building', openedOn: '2023-03-01', source: 'seeds/001 (升级"职工驿站""红色加油站")' },
  { key: 'shanyang-centre', name: '山阳镇党群服务中心', type: 'party_service_centre', streetCode: '310116113', at: [121.352, 30.742], hours: '周一至周六 9:00-17:00', services: ['党员教育', '志愿服务'], openTo: 'public', openedOn: '2018-07-01', source: '示意' },
  { key: 'jinhulu-home', name: '金葫芦科技大厦职工之家', type: 'workers_home', streetCode: '150103D01', building: 'jinhulu', hours: '工作日 9:00-18:00', services: ['职工服务', '入会服务'], openTo: 'building', openedOn: '2021-03-01', source: 'seeds/003 (楼宇工会联合会)' },
  { key: 'jinqiao-library', name: '金桥电子商务产业园职工书屋', type: 'workers_library', streetCode: '150105D01', building: 'jinqiao', hours: '工作日 9:00-18:00', services: ['阅读', '职工培训'], openTo: 'building', openedOn: '2020-05-01', source: 'seeds/003 (职工书屋)' },
  { key: 'jinqiao-mothers', name: '金桥电子商务产业园爱心妈咪小屋', type: 'mothers_room', streetCode: '150105D01', building: 'jinqiao', hours: '工作日 9:00-18:00', services: ['哺乳休息'], openTo: 'building', openedOn: '2020-05-01', source: 'seeds/003 (爱心妈咪小屋)' },
  { key: 'jingshi-library', name: '京师智能职工书屋(彩虹图书馆)', type: 'workers_library', streetCode: '150102D01', building: 'jingshi', hours: '每日 9:00-21:00', services: ['智能借阅', '职业技能书籍'], openTo: 'public', openedOn: '2021-01-01', source: 'seeds/003 (智能化职工书屋)' },
  { key: 'yuquan-station', name: '玉泉大厦党群服务站', type: 'party_service_station', streetCode: '150104D01', building: 'yuquan', hours: '工作日 9:00-18:00', services: ['党群共建', '妇女儿童服务', '青年活动'], openTo: 'public', openedOn: '2021-05-28', source: 'seeds/003 (5月28日成立楼宇党群共建共同体)' },
  { key: 'macalline-home', name: '红星美凯龙世博家居广场职工之家', type: 'workers_home', streetCode: '150104D01', building: 'macalline', hours: '每日 9:30-18:00', services: ['商户入会', '送清凉'], openTo: 'members', openedOn: '2021-07-01', source: 'seeds/003 (送清凉慰问)' },
];
