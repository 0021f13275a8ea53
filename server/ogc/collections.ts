// The feature collections: one declaration each drives the SQL, the parameter validation and the
// OpenAPI document that GDAL and other clients read. SQL fragments here are constants, never input.
import { ACTIVITY_TYPES, ALLIANCE_KINDS, BUILDING_KINDS, OWNERSHIPS, ROAD_CLASSES, STATION_TYPES, WATER_KINDS } from '../domain/vocabulary/index.js';

export type PropType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'date-time' | 'string[]' | 'object[]';

export interface PropertyDef {
  name: string;
  sql: string;
  type: PropType;
  description?: string;
}

export interface FilterDef {
  /** Query parameter name (camelCase, as in the properties). */
  name: string;
  sql: string;
  type: 'string' | 'integer' | 'boolean';
  enum?: readonly string[];
  description: string;
}

export interface CollectionDef {
  id: string;
  title: string;
  description: string;
  from: string;
  idSql: string;
  idType: 'integer' | 'string';
  geomSql: string;
  properties: PropertyDef[];
  filters: FilterDef[];
  /** Column matched by the datetime parameter, where the collection has time. */
  temporal?: { sql: string; type: 'date' | 'date-time' };
}

const date = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;
const dateTime = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const streetFilter = (sql = 't.street_code'): FilterDef => ({
  name: 'streetCode', sql, type: 'string', description: 'Official 9-character street (街道/镇) code, e.g. 310106012',
});
/** A point's coordinates as imported (migration 0009): what a re-import compares with, so a round trip is identity. */
const importedPoint: PropertyDef[] = [
  { name: 'coordSource', sql: 't.coord_source', type: 'string', description: 'Coordinate system the point was imported in (wgs84, gcj02, bd09); null when placed by the product' },
  { name: 'sourceLon', sql: 't.source_lon', type: 'number', description: 'Longitude as imported, in coordSource' },
  { name: 'sourceLat', sql: 't.source_lat', type: 'number', description: 'Latitude as imported, in coordSource' },
];
const gridFilter: FilterDef = { name: 'gridId', sql: 't.grid_id', type: 'integer', description: 'Work grid (网格) id' };

export const COLLECTIONS: CollectionDef[] = [
  {
    id: 'districts',
    title: '区 Districts',
    description: 'Districts. Shapes are the union of our illustrative streets: internal only, never published.',
    from: 'districts t',
    idSql: 't.code',
    idType: 'string',
    geomSql: 't.geom',
    properties: [
      { name: 'code', sql: 't.code', type: 'string' },
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'nameEn', sql: 't.name_en', type: 'string' },
      { name: 'city', sql: 't.city', type: 'string' },
      { name: 'illustrative', sql: 't.illustrative', type: 'boolean', description: '示意范围: hand-drawn, not official' },
    ],
    filters: [],
  },
  {
    id: 'streets',
    title: '街道/镇 Streets',
    description: 'Streets and towns with their official codes; outlines are illustrative (示意范围).',
    from: 'streets t',
    idSql: 't.code',
    idType: 'string',
    geomSql: 't.geom',
    properties: [
      { name: 'code', sql: 't.code', type: 'string' },
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'nameEn', sql: 't.name_en', type: 'string' },
      { name: 'districtCode', sql: 't.district_code', type: 'string' },
      { name: 'illustrative', sql: 't.illustrative', type: 'boolean' },
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [streetFilter('t.code'), { name: 'districtCode', sql: 't.district_code', type: 'string', description: '6-digit district code' }],
  },
  {
    id: 'grids',
    title: '网格 Work grids',
    description: "Work grids; a street's grids tile it exactly.",
    from: 'grids t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'code', sql: 't.code', type: 'string' },
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'streetCode', sql: 't.street_code', type: 'string' },
      { name: 'illustrative', sql: 't.illustrative', type: 'boolean' },
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [streetFilter()],
  },
  {
    id: 'business-districts',
    title: '商圈 Business districts',
    description: 'Business districts; they may cross grids.',
    from: 'business_districts t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'nameEn', sql: 't.name_en', type: 'string' },
      { name: 'streetCode', sql: 't.street_code', type: 'string' },
      { name: 'illustrative', sql: 't.illustrative', type: 'boolean' },
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [streetFilter()],
  },
  {
    id: 'buildings',
    title: '楼宇 Buildings',
    description: 'Commercial buildings: footprint polygons (point where no footprint is known).',
    from: 'buildings t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'address', sql: 't.address', type: 'string' },
      { name: 'streetCode', sql: 't.street_code', type: 'string' },
      { name: 'gridId', sql: 't.grid_id', type: 'integer' },
      { name: 'businessDistrictId', sql: 't.business_district_id', type: 'integer' },
      { name: 'kind', sql: 't.kind', type: 'string' },
      { name: 'floors', sql: 't.floors', type: 'integer' },
      { name: 'billionYuan', sql: 't.billion_yuan', type: 'boolean', description: '亿元楼: tax revenue over 100 million yuan' },
      { name: 'propertyManager', sql: 't.property_manager', type: 'string' },
      { name: 'redProperty', sql: 't.red_property', type: 'boolean', description: '红色物业' },
      { name: 'illustrative', sql: 't.illustrative', type: 'boolean' },
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [
      streetFilter(),
      gridFilter,
      { name: 'businessDistrictId', sql: 't.business_district_id', type: 'integer', description: 'Business district (商圈) id' },
      { name: 'kind', sql: 't.kind', type: 'string', enum: BUILDING_KINDS, description: 'Building type' },
    ],
  },
  {
    id: 'enterprises',
    title: '企业 Enterprises',
    description: 'Enterprises in buildings (staff only: per-enterprise data never reaches walls or the public).',
    from: 'enterprises t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'uscc', sql: 't.uscc', type: 'string', description: '统一社会信用代码' },
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'buildingId', sql: 't.building_id', type: 'integer' },
      { name: 'gridId', sql: 't.grid_id', type: 'integer' },
      { name: 'streetCode', sql: 't.street_code', type: 'string' },
      { name: 'floor', sql: 't.floor', type: 'integer' },
      { name: 'industry', sql: 't.industry', type: 'string' },
      { name: 'ownership', sql: 't.ownership', type: 'string' },
      { name: 'employees', sql: 't.employees', type: 'integer' },
      { name: 'partyMembers', sql: 't.party_members', type: 'integer' },
      { name: 'unionMembers', sql: 't.union_members', type: 'integer' },
      { name: 'registeredOn', sql: date('t.registered_on'), type: 'date' },
      { name: 'deregisteredOn', sql: date('t.deregistered_on'), type: 'date' },
      { name: 'operating', sql: 't.deregistered_on IS NULL', type: 'boolean' },
      { name: 'noOrgReason', sql: 't.no_org_reason', type: 'string', description: 'Reason recorded for having no party organisation' },
      { name: 'address', sql: 't.address', type: 'string', description: 'Address as the roster gave it (internal record)' },
      { name: 'contactPerson', sql: 't.contact_person', type: 'string', description: 'Contact person (internal record, never published)' },
      { name: 'contactPhone', sql: 't.contact_phone', type: 'string', description: 'Contact phone (internal record, never published)' },
      ...importedPoint,
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [
      streetFilter(),
      gridFilter,
      { name: 'buildingId', sql: 't.building_id', type: 'integer', description: 'Building id' },
      { name: 'ownership', sql: 't.ownership', type: 'string', enum: OWNERSHIPS, description: 'Ownership' },
      { name: 'industry', sql: 't.industry', type: 'string', description: 'Industry' },
    ],
    temporal: { sql: 't.registered_on', type: 'date' },
  },
  {
    id: 'stations',
    title: '阵地 Service stations',
    description: '党群服务中心/站/点, 职工之家, 白领驿家, 红色加油站, 职工驿站, 爱心妈咪小屋, 职工书屋.',
    from: 'stations t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'type', sql: 't.type', type: 'string' },
      { name: 'alsoTypes', sql: 't.also_types', type: 'string[]' },
      { name: 'streetCode', sql: 't.street_code', type: 'string' },
      { name: 'gridId', sql: 't.grid_id', type: 'integer' },
      { name: 'buildingId', sql: 't.building_id', type: 'integer' },
      { name: 'floor', sql: 't.floor', type: 'string' },
      { name: 'areaM2', sql: 't.area_m2::float8', type: 'number' },
      { name: 'hours', sql: 't.hours', type: 'string' },
      { name: 'services', sql: 't.services', type: 'string[]' },
      { name: 'openTo', sql: 't.open_to', type: 'string' },
      { name: 'reachM', sql: 't.reach_m', type: 'integer' },
      { name: 'phone', sql: 't.phone', type: 'string' },
      { name: 'address', sql: 't.address', type: 'string' },
      { name: 'publicPhone', sql: 't.public_phone', type: 'string' },
      // Opening hours by weekday: seven days (Monday first) of ["HH:MM", "HH:MM"] ranges.
      { name: 'hoursWeek', sql: 't.hours_week', type: 'object[]' },
      { name: 'accessibility', sql: 't.accessibility', type: 'string' },
      { name: 'openedOn', sql: date('t.opened_on'), type: 'date' },
      ...importedPoint,
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [streetFilter(), gridFilter, { name: 'type', sql: 't.type', type: 'string', enum: STATION_TYPES, description: 'Station type' }],
    temporal: { sql: 't.opened_on', type: 'date' },
  },
  {
    id: 'activities',
    title: '活动 Activities',
    description: 'Activities at stations and buildings, with participants (drives the activity heat layer).',
    from: 'activities t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'title', sql: 't.title', type: 'string' },
      { name: 'type', sql: 't.type', type: 'string' },
      { name: 'streetCode', sql: 't.street_code', type: 'string' },
      { name: 'stationId', sql: 't.station_id', type: 'integer' },
      { name: 'buildingId', sql: 't.building_id', type: 'integer' },
      { name: 'organiserId', sql: 't.organiser_id', type: 'integer' },
      { name: 'heldAt', sql: dateTime('t.held_at'), type: 'date-time' },
      { name: 'participants', sql: 't.participants', type: 'integer' },
      ...importedPoint,
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [
      streetFilter(),
      { name: 'stationId', sql: 't.station_id', type: 'integer', description: 'Station id' },
      { name: 'buildingId', sql: 't.building_id', type: 'integer', description: 'Building id' },
      { name: 'type', sql: 't.type', type: 'string', enum: ACTIVITY_TYPES, description: 'Activity type' },
    ],
    temporal: { sql: 't.held_at', type: 'date-time' },
  },
  {
    id: 'alliances',
    title: '共建/联盟 Alliances',
    description: 'Councils, alliances and co-building agreements, drawn as lines from the lead member to the others.',
    from: 'alliances t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'kind', sql: 't.kind', type: 'string' },
      { name: 'domain', sql: 't.domain', type: 'string' },
      { name: 'streetCode', sql: 't.street_code', type: 'string' },
      { name: 'businessDistrictId', sql: 't.business_district_id', type: 'integer' },
      { name: 'signedOn', sql: date('t.signed_on'), type: 'date' },
      {
        name: 'members',
        type: 'object[]',
        sql: `(SELECT coalesce(json_agg(json_build_object('name', m.name, 'role', m.role, 'chairFrom', m.chair_from, 'chairUntil', m.chair_until) ORDER BY m.id), '[]'::json) FROM alliance_members m WHERE m.alliance_id = t.id)`,
      },
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [streetFilter(), { name: 'kind', sql: 't.kind', type: 'string', enum: ALLIANCE_KINDS, description: 'Alliance kind' }],
    temporal: { sql: 't.signed_on', type: 'date' },
  },
  {
    id: 'roads',
    title: '道路 Roads',
    description: 'Road centre lines by class (主干道/次干道/支路/步行): map context and the walking network of station reach. A barrier (e.g. an elevated road) is never walked.',
    from: 'roads t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'class', sql: 't.class', type: 'string' },
      { name: 'oneway', sql: 't.oneway', type: 'boolean' },
      { name: 'barrier', sql: 't.barrier', type: 'boolean', description: 'A walker cannot use or cross it (elevated road, railway)' },
      { name: 'coordSource', sql: 't.coord_source', type: 'string', description: 'Coordinate system it was imported in (stored as WGS84)' },
      { name: 'illustrative', sql: 't.illustrative', type: 'boolean', description: '示意: hand-drawn, not surveyed' },
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [
      { name: 'class', sql: 't.class', type: 'string', enum: ROAD_CLASSES, description: 'Road class' },
      { name: 'barrier', sql: 't.barrier', type: 'boolean', description: 'Only barriers (true) or only walkable roads (false)' },
    ],
  },
  {
    id: 'water',
    title: '水系 Water',
    description: 'Rivers, lakes and canals (areas): map context; walkers cross water only on roads (bridges).',
    from: 'water t',
    idSql: 't.id',
    idType: 'integer',
    geomSql: 't.geom',
    properties: [
      { name: 'name', sql: 't.name', type: 'string' },
      { name: 'kind', sql: 't.kind', type: 'string' },
      { name: 'coordSource', sql: 't.coord_source', type: 'string' },
      { name: 'illustrative', sql: 't.illustrative', type: 'boolean' },
      { name: 'version', sql: 't.version', type: 'integer' },
    ],
    filters: [{ name: 'kind', sql: 't.kind', type: 'string', enum: WATER_KINDS, description: 'Kind of water' }],
  },
];

export const COLLECTION_BY_ID = new Map(COLLECTIONS.map((c) => [c.id, c]));
