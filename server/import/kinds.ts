// The roster kinds that can be imported and their columns: Chinese template headers, synonyms (Chinese and
// English) and types. Data only; parsing is in fields.ts and rows.ts.
import type { FieldSpec } from './fields.js';
import { ACTIVITY_TYPE_TERMS, OPEN_TO_TERMS, ORG_KIND_TERMS, OWNERSHIP_TERMS, STATION_TYPE_TERMS, type Term } from '../domain/vocabulary/index.js';

export const ROSTER_KINDS = ['enterprises', 'organisations', 'instructors', 'stations', 'activities'] as const;
export type RosterKind = (typeof ROSTER_KINDS)[number];
export const BOUNDARY_KINDS = ['streets', 'grids', 'business-districts', 'buildings'] as const;
export type BoundaryKind = (typeof BOUNDARY_KINDS)[number];
export type ImportKind = RosterKind | BoundaryKind;

export const isRosterKind = (k: string): k is RosterKind => (ROSTER_KINDS as readonly string[]).includes(k);

export const COORD_SYSTEMS = {
  wgs84: ['WGS84', 'WGS-84', 'GPS', 'CGCS2000', '天地图', '国际标准'],
  gcj02: ['GCJ02', 'GCJ-02', '高德', '腾讯', '火星坐标', '国测局', 'amap', 'tencent'],
  bd09: ['BD09', 'BD-09', '百度', 'baidu'],
} satisfies Record<string, string[]>;
export type CoordSystem = keyof typeof COORD_SYSTEMS;

/** What an import accepts for each code of a vocabulary list: its Chinese name first (the name the product shows
 *  and error messages list), then the other ways rosters write it. The code itself is always accepted. */
function accepted<K extends string>(terms: Readonly<Record<K, Term>>, also: Partial<Record<K, string[]>>): Record<K, string[]> {
  return Object.fromEntries(
    (Object.entries(terms) as [K, Term][]).map(([code, t]) => [code, [...new Set([t.zh, ...(also[code] ?? [])])]]),
  ) as Record<K, string[]>;
}

const OWNERSHIP = accepted(OWNERSHIP_TERMS, {
  state: ['国有企业', '国企', '国有控股', '国有独资'],
  private: ['私营', '民营企业', '私营企业', '民企', '非公'],
  foreign: ['外商投资', '外商独资', '中外合资', '外企'],
  hk_macao_taiwan: ['港澳台资', '港澳台投资', '港澳台商投资'],
  collective: ['集体企业', '集体所有制'],
  individual: ['个体工商户', '个体户'],
});

const STATION_TYPES = accepted(STATION_TYPE_TERMS, {
  workers_post: ['户外职工爱心驿站', '爱心驿站'],
  mothers_room: ['妈咪小屋'],
});

const ORG_KINDS = accepted(ORG_KIND_TERMS, {
  joint_party_branch: ['联合支部'],
  building_committee: ['楼宇委员会'],
  youth_league: ['团支部', '团委'],
  womens_federation: ['妇联', '妇女组织'],
});

const ACTIVITY_TYPES = accepted(ACTIVITY_TYPE_TERMS, {
  training: ['培训', '党员教育'],
  volunteer: ['志愿'],
  culture: ['文化'],
  wellbeing: ['健康', '关爱', '元气课堂', '身心健康'],
  council_meeting: ['议事会', '议事'],
  union_care: ['送温暖', '工会活动'],
  youth: ['青年', '团建'],
});

const OPEN_TO = accepted(OPEN_TO_TERMS, {
  public: ['公众', '社会', '全部'],
  building: ['楼宇', '楼内企业'],
  members: ['会员', '内部'],
});

const id: FieldSpec = { key: 'id', label: '编号', labelEn: 'ID', type: { t: 'int', min: 1, max: 2_000_000_000 }, synonyms: ['id', '序号ID', '系统编号'] };
const street: FieldSpec = { key: 'street', label: '所属街道', labelEn: 'Street', type: { t: 'text', max: 60 }, synonyms: ['街道', '街道镇', '所属街镇', '街镇', '街道代码', 'street', 'streetcode'] };
const building: FieldSpec = { key: 'building', label: '所在楼宇', labelEn: 'Building', type: { t: 'text', max: 100 }, synonyms: ['楼宇', '楼宇名称', '所属楼宇', '所在大厦', '所属大厦', '所在建筑', '所在楼宇名称', '大厦', '大厦名称', '园区', '所在园区', 'building', 'buildingname'] };
const address: FieldSpec = { key: 'address', label: '地址', labelEn: 'Address', type: { t: 'text', max: 200 }, synonyms: ['注册地址', '经营地址', '办公地址', '详细地址', '企业地址', '单位地址', '住所', '所在地址', '通讯地址', 'address'] };
const lon: FieldSpec = { key: 'lon', label: '经度', labelEn: 'Longitude', type: { t: 'lon' }, synonyms: ['lon', 'lng', 'long', 'longitude', 'x', '经度坐标', 'x坐标'] };
const lat: FieldSpec = { key: 'lat', label: '纬度', labelEn: 'Latitude', type: { t: 'lat' }, synonyms: ['lat', 'latitude', 'y', '纬度坐标', 'y坐标'] };
const coordSystem: FieldSpec = { key: 'coordSystem', label: '坐标系', labelEn: 'Coordinate system', type: { t: 'enum', values: COORD_SYSTEMS }, synonyms: ['坐标系统', '坐标类型', '坐标来源', 'crs', 'coordsystem', 'coordsource', 'srs'] };
/** The coordinates as first imported, in the row's 坐标系 (what an export carries so that re-importing it converts
 *  the same numbers again). When a row has them, they place it; 经度/纬度 are then the stored WGS84 point. */
const sourceLon: FieldSpec = { key: 'sourceLon', label: '原始经度', labelEn: 'Source longitude', type: { t: 'lon' }, synonyms: ['sourcelon', '原经度'], fromExport: true };
const sourceLat: FieldSpec = { key: 'sourceLat', label: '原始纬度', labelEn: 'Source latitude', type: { t: 'lat' }, synonyms: ['sourcelat', '原纬度'], fromExport: true };
/** The product's building id (exports carry it): placement by reference, before any name. */
const buildingId: FieldSpec = { key: 'buildingId', label: '楼宇编号', labelEn: 'Building id', type: { t: 'int', min: 1, max: 2_000_000_000 }, synonyms: ['buildingid', '楼宇ID'], fromExport: true };
const phone: FieldSpec = { key: 'phone', label: '联系电话', labelEn: 'Phone', type: { t: 'text', max: 40 }, synonyms: ['电话', '手机', '手机号', '联系方式', '联系人电话', '联系手机', '电话号码', 'phone', 'tel', 'telephone', 'mobile'] };

export const ROSTER_FIELDS: Record<RosterKind, FieldSpec[]> = {
  enterprises: [
    { key: 'uscc', label: '统一社会信用代码', labelEn: 'USCC', type: { t: 'uscc' }, required: true, synonyms: ['社会信用代码', '信用代码', '统一代码', '统一信用代码', '社会统一信用代码', '纳税人识别号', '统一社会信用代码（注册号）', 'uscc', 'creditcode'] },
    { key: 'name', label: '企业名称', labelEn: 'Name', type: { t: 'text', max: 200 }, required: true, synonyms: ['单位名称', '名称', '企业', '公司名称', '企业全称', '企业（单位）名称', '单位全称', 'name', 'enterprise', 'enterprisename', 'company'] },
    building,
    buildingId,
    address,
    { key: 'floor', label: '楼层', labelEn: 'Floor', type: { t: 'int', min: -5, max: 200 }, synonyms: ['所在楼层', '所处楼层', '层', 'floor'] },
    lon, lat, coordSystem, sourceLon, sourceLat,
    { key: 'contactPerson', label: '联系人', labelEn: 'Contact person', type: { t: 'text', max: 40 }, synonyms: ['联系人姓名', '联系人员', '企业联系人', 'contact', 'contactperson'] },
    { ...phone, key: 'contactPhone', synonyms: [...phone.synonyms, 'contactphone'] },
    { key: 'employees', label: '从业人员数', labelEn: 'Employees', type: { t: 'int', min: 0, max: 1_000_000 }, required: true, synonyms: ['从业人员', '从业人员数量', '职工人数', '职工数', '员工人数', '员工数', '员工总数', '从业人数', '在职人数', '在岗职工数', 'employees', 'staff'] },
    { key: 'partyMembers', label: '党员数', labelEn: 'Party members', type: { t: 'int', min: 0, max: 1_000_000 }, synonyms: ['党员人数', '党员数量', '党员总数', '中共党员数', '中共党员人数', 'partymembers'] },
    { key: 'unionMembers', label: '工会会员数', labelEn: 'Union members', type: { t: 'int', min: 0, max: 1_000_000 }, synonyms: ['会员数', '工会会员人数', '工会会员数量', 'unionmembers'] },
    { key: 'industry', label: '行业', labelEn: 'Industry', type: { t: 'text', max: 60 }, required: true, synonyms: ['所属行业', '行业类别', '行业分类', '行业门类', '国民经济行业', 'industry'] },
    { key: 'ownership', label: '经济类型', labelEn: 'Ownership', type: { t: 'enum', values: OWNERSHIP }, required: true, synonyms: ['所有制', '所有制类型', '企业类型', '经济性质', '企业性质', '单位性质', '登记注册类型', '注册类型', 'ownership'] },
    { key: 'registeredOn', label: '成立日期', labelEn: 'Registered on', type: { t: 'date' }, required: true, synonyms: ['注册日期', '登记日期', '成立时间', '注册时间', '设立日期', '开业日期', 'registeredon', 'founded'] },
    { key: 'deregisteredOn', label: '注销日期', labelEn: 'Deregistered on', type: { t: 'date' }, synonyms: ['迁出日期', '注销时间', 'deregisteredon'] },
    { key: 'noOrgReason', label: '未建组织原因', labelEn: 'Reason for no organisation', type: { t: 'text', max: 200 }, synonyms: ['未建原因', '未建党组织原因', '未组建原因', 'noorgreason'] },
  ],
  organisations: [
    id,
    { key: 'name', label: '组织名称', labelEn: 'Name', type: { t: 'text', max: 200 }, required: true, synonyms: ['党组织名称', '名称', 'name'] },
    { key: 'kind', label: '组织类别', labelEn: 'Kind', type: { t: 'enum', values: ORG_KINDS }, required: true, synonyms: ['组织类型', '类别', '类型', 'kind'] },
    { key: 'formation', label: '组建方式', labelEn: 'Formation', type: { t: 'enum', values: { own: ['单独组建', '单建', '独立组建'], joint: ['联合组建', '联建'] } }, synonyms: ['组建形式', 'formation'] },
    street,
    { ...building, key: 'seatBuilding', synonyms: [...building.synonyms, '驻地楼宇', 'seatbuilding'] },
    { key: 'members', label: '党员数', labelEn: 'Members', type: { t: 'int', min: 0, max: 1_000_000 }, synonyms: ['成员数', '会员数', '党员人数', 'members'] },
    { key: 'secretary', label: '书记', labelEn: 'Secretary', type: { t: 'text', max: 40 }, synonyms: ['负责人', '书记姓名', '主席', 'secretary'] },
    { ...phone, key: 'contactPhone' },
    { key: 'foundedOn', label: '成立日期', labelEn: 'Founded on', type: { t: 'date' }, required: true, synonyms: ['成立时间', '组建日期', 'foundedon'] },
    { key: 'dissolvedOn', label: '撤销日期', labelEn: 'Dissolved on', type: { t: 'date' }, synonyms: ['撤销时间', 'dissolvedon'] },
    { key: 'covers', label: '覆盖企业统一社会信用代码', labelEn: 'Covered enterprises (USCCs)', type: { t: 'usccList' }, synonyms: ['覆盖企业', '覆盖企业信用代码', '联建企业', '所属企业', 'covers', 'enterprises'] },
    { key: 'parent', label: '上级组织', labelEn: 'Parent organisation', type: { t: 'text', max: 200 }, synonyms: ['上级党组织', 'parent'] },
  ],
  instructors: [
    id,
    { key: 'name', label: '姓名', labelEn: 'Name', type: { t: 'text', max: 40 }, required: true, synonyms: ['名字', 'name'] },
    { key: 'role', label: '类别', labelEn: 'Role', type: { t: 'enum', values: { instructor: ['指导员', '党建指导员', '党建工作指导员'], liaison: ['联络员', '党建联络员'] } }, required: true, synonyms: ['角色', '身份', 'role'] },
    { ...street, required: true },
    phone,
    { key: 'enterprises', label: '联系企业统一社会信用代码', labelEn: 'Enterprises (USCCs)', type: { t: 'usccList' }, synonyms: ['联系企业', '负责企业', '指导企业', 'enterprises'] },
    { key: 'since', label: '起始日期', labelEn: 'Since', type: { t: 'date' }, synonyms: ['开始日期', '任职日期', 'since'] },
  ],
  stations: [
    id,
    { key: 'name', label: '阵地名称', labelEn: 'Name', type: { t: 'text', max: 200 }, required: true, synonyms: ['站点名称', '名称', 'name'] },
    { key: 'type', label: '阵地类型', labelEn: 'Type', type: { t: 'enum', values: STATION_TYPES }, required: true, synonyms: ['类型', '站点类型', 'type'] },
    { key: 'alsoTypes', label: '加挂牌子', labelEn: 'Also types', type: { t: 'enumList', values: STATION_TYPES }, synonyms: ['其他类型', '加挂', 'alsotypes'] },
    street,
    building,
    { key: 'floor', label: '楼层', labelEn: 'Floor', type: { t: 'text', max: 20 }, synonyms: ['所在楼层', 'floor'] },
    { key: 'areaM2', label: '面积(平方米)', labelEn: 'Area (m²)', type: { t: 'decimal', min: 0.1, max: 1_000_000, scale: 1 }, synonyms: ['面积', '使用面积', 'area', 'aream2'] },
    { key: 'hours', label: '开放时间', labelEn: 'Hours', type: { t: 'text', max: 100 }, synonyms: ['服务时间', 'hours'] },
    { key: 'services', label: '服务内容', labelEn: 'Services', type: { t: 'services' }, synonyms: ['服务项目', 'services'] },
    // The station's own street address (not used to find its building: that is 所在楼宇 or the point).
    { key: 'siteAddress', label: '站点地址', labelEn: 'Address', type: { t: 'text', max: 200 }, synonyms: ['地址', '详细地址', '门牌地址', '站点详细地址', 'address', 'siteaddress'] },
    { key: 'publicPhone', label: '对外服务电话', labelEn: 'Public phone', type: { t: 'publicPhone' }, synonyms: ['服务电话', '对外电话', '咨询电话', '公共电话', '服务热线', 'publicphone'] },
    { key: 'hoursWeek', label: '每周开放时间', labelEn: 'Hours by weekday', type: { t: 'week' }, synonyms: ['分日开放时间', '开放时段', '每周开放', 'hoursweek', 'week'] },
    { key: 'accessibility', label: '无障碍设施', labelEn: 'Accessibility', type: { t: 'text', max: 300 }, synonyms: ['无障碍', '无障碍说明', '无障碍通道', 'accessibility'] },
    { key: 'openTo', label: '开放对象', labelEn: 'Open to', type: { t: 'enum', values: OPEN_TO }, synonyms: ['服务对象', 'opento'] },
    { key: 'reachM', label: '服务半径(米)', labelEn: 'Reach (m)', type: { t: 'int', min: 50, max: 5000 }, synonyms: ['服务半径', 'reach', 'reachm'] },
    phone,
    { key: 'openedOn', label: '启用日期', labelEn: 'Opened on', type: { t: 'date' }, synonyms: ['建成日期', '揭牌日期', 'openedon'] },
    buildingId,
    lon, lat, coordSystem, sourceLon, sourceLat,
  ],
  activities: [
    id,
    { key: 'title', label: '活动名称', labelEn: 'Title', type: { t: 'text', max: 300 }, required: true, synonyms: ['活动主题', '标题', '主题', 'title'] },
    { key: 'type', label: '活动类型', labelEn: 'Type', type: { t: 'enum', values: ACTIVITY_TYPES }, required: true, synonyms: ['类型', 'type'] },
    { key: 'heldAt', label: '活动时间', labelEn: 'Held at', type: { t: 'datetime' }, required: true, synonyms: ['举办时间', '活动日期', '日期', 'heldat', 'date'] },
    { key: 'participants', label: '参与人数', labelEn: 'Participants', type: { t: 'int', min: 0, max: 1_000_000 }, required: true, synonyms: ['参加人数', '人数', 'participants'] },
    { key: 'organiser', label: '组织单位', labelEn: 'Organiser', type: { t: 'text', max: 200 }, synonyms: ['主办组织', '主办单位', '组织者', 'organiser', 'organizer'] },
    { key: 'station', label: '活动阵地', labelEn: 'Station', type: { t: 'text', max: 200 }, synonyms: ['阵地', '地点', '活动地点', 'station'] },
    street,
    building,
    buildingId,
    lon, lat, coordSystem, sourceLon, sourceLat,
  ],
};
