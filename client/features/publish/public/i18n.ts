// The public page's own small i18n (the app's full message table stays out of this bundle).
import { ACTIVITY_TYPE_TERMS, STATION_TYPE_TERMS, termLabel, type Locale } from '../../../../server/domain/vocabulary';

export type PublicLocale = Locale;

const zhCN = {
  loading: '正在加载…',
  loadFailed: '无法加载版图数据。',
  skip: '跳到站点列表',
  stations: '服务站点',
  areas: '商圈与网格',
  map: '地图',
  list: '列表',
  filterType: '类型',
  filterService: '服务',
  all: '全部',
  openNowOnly: '只看正在开放',
  nearest: '找最近的站点',
  locating: '正在定位…',
  locationDenied: '无法获取您的位置（未授权或不可用）。',
  nearestIs: '离您最近：',
  distance: '距离',
  openNow: '开放中',
  closedNow: '已休息',
  hoursUnknown: '开放时间以现场为准',
  hours: '开放时间',
  services: '服务内容',
  floor: '楼层',
  address: '地址',
  building: '所在楼宇',
  openToBuilding: '仅对本楼宇职工开放',
  openToPublic: '对公众开放',
  upcoming: '近期活动',
  noUpcoming: '近期暂无公开活动',
  back: '返回列表',
  share: '分享链接',
  copied: '链接已复制',
  poster: '下载海报',
  language: 'English',
  languageLabel: '切换到英文',
  coverage: '覆盖情况',
  partyOrg: '党组织覆盖率',
  work: '工作覆盖率',
  union: '工会覆盖率',
  workersServed: '阵地服务覆盖',
  enterprises: '在营企业',
  organisations: '党组织',
  suppressed: '数量较少，不公开',
  totals: '全域',
  businessDistricts: '商圈',
  grids: '网格',
  illustrative: '示意图，边界为示意范围，不作为权属依据',
  dataSource: '数据来源',
  asOf: '数据截至',
  published: '发布',
  approval: '审图号',
  zoomIn: '放大',
  zoomOut: '缩小',
  resetView: '复位',
  mapAlt: '版图地图：街道与网格的示意范围、商圈与服务站点位置',
  you: '您的位置',
  results: '个站点',
  formulaNote: '覆盖率 = 对应企业数 ÷ 在营企业数；少于 {n} 的数量不公开。',
  legend: '图例',
  noStations: '没有符合条件的站点',
  version: '版本',
};

export type PublicKey = keyof typeof zhCN;

const en: Record<PublicKey, string> = {
  loading: 'Loading…',
  loadFailed: 'Could not load the map data.',
  skip: 'Skip to the station list',
  stations: 'Service stations',
  areas: 'Business districts & grids',
  map: 'Map',
  list: 'List',
  filterType: 'Type',
  filterService: 'Service',
  all: 'All',
  openNowOnly: 'Open now only',
  nearest: 'Find the nearest station',
  locating: 'Locating…',
  locationDenied: 'Your location is not available (not allowed or not supported).',
  nearestIs: 'Nearest to you: ',
  distance: 'Distance',
  openNow: 'Open now',
  closedNow: 'Closed now',
  hoursUnknown: 'Hours as posted on site',
  hours: 'Hours',
  services: 'Services',
  floor: 'Floor',
  address: 'Address',
  building: 'Building',
  openToBuilding: 'For people working in this building',
  openToPublic: 'Open to the public',
  upcoming: 'Upcoming activities',
  noUpcoming: 'No public activities coming up',
  back: 'Back to the list',
  share: 'Share link',
  copied: 'Link copied',
  poster: 'Download poster',
  language: '中文',
  languageLabel: 'Switch to Chinese',
  coverage: 'Coverage',
  partyOrg: 'Party organisation coverage',
  work: 'Work coverage',
  union: 'Trade union coverage',
  workersServed: 'Workers within reach of a station',
  enterprises: 'Operating enterprises',
  organisations: 'Party organisations',
  suppressed: 'too few to publish',
  totals: 'Whole area',
  businessDistricts: 'Business districts',
  grids: 'Grids',
  illustrative: 'Illustrative map: boundaries are approximate (示意) and carry no legal meaning',
  dataSource: 'Data source',
  asOf: 'Figures as of',
  published: 'Published',
  approval: 'Approval No.',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  resetView: 'Reset view',
  mapAlt: 'Territory map: approximate street and grid outlines, business districts and service stations',
  you: 'You are here',
  results: 'stations',
  formulaNote: 'Rate = enterprises covered ÷ operating enterprises; counts below {n} are not published.',
  legend: 'Legend',
  noStations: 'No station matches',
  version: 'Version',
};

/** Station types as the public map draws them: the vocabulary's names and colours, the same as the internal map's. */
export const STATION_TYPES: Record<string, { zh: string; en: string; color: string }> = Object.fromEntries(
  Object.entries(STATION_TYPE_TERMS).map(([code, t]) => [code, { zh: t.zh, en: t.en, color: t.colour }]),
);

export const PUBLIC_MESSAGES: Record<PublicLocale, Record<PublicKey, string>> = { 'zh-CN': zhCN, en };

export const typeLabel = (type: string, locale: PublicLocale): string => termLabel(STATION_TYPE_TERMS, type, locale);

export const activityLabel = (type: string, locale: PublicLocale): string => termLabel(ACTIVITY_TYPE_TERMS, type, locale);

export function initialPublicLocale(search: string): PublicLocale {
  const q = new URLSearchParams(search).get('lang');
  if (q === 'en' || q === 'zh-CN') return q;
  try {
    return localStorage.getItem('pbmap-public-locale') === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}
