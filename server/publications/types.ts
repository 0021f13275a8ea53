// The shapes of a publication: its draft config, the internal facts gathered for it, and the public
// snapshot (data/publication.json) that redaction makes of them. The client reaches them through contract.ts.
import type { MultiLineString, MultiPolygon, Polygon } from 'geojson';
import type { WeeklyHours } from '../domain/opening-hours.js';
import type { Counts } from '../domain/coverage/rates.js';
import type { OpenTo } from '../domain/vocabulary/index.js';

/** Who a station is open to (the vocabulary's OPEN_TO). */
export type StationAudience = OpenTo;

export interface RedactionOptions {
  /** Counts below this are withheld (and rates built on them): small groups are identifiable. */
  minCount: number;
  /** Which stations are listed; members-only ones are never useful to the public. */
  stationAudiences: StationAudience[];
  /** Activities held from the publish date up to this many days later are listed at public stations. */
  activityDays: number;
}

export const DEFAULT_REDACTION: RedactionOptions = { minCount: 5, stationAudiences: ['public', 'building'], activityDays: 60 };

export interface PublicationLayers {
  stations: boolean;
  grids: boolean;
  businessDistricts: boolean;
  coverage: boolean;
  activities: boolean;
}

export interface PublicationTexts {
  intro: string;
  dataSource: string;
  /** The approval-number line (审图号) printed on the page and the poster; empty when none was issued. */
  approvalNumber: string;
}

export interface PublicationConfig {
  layers: PublicationLayers;
  texts: PublicationTexts;
  redaction: RedactionOptions;
}

// ---------------------------------------------------------------------------------------------
// Internal facts: everything redaction looks at, including what it must withhold.

/** Counts an area needs for its public figures: the coverage model's (party members are never published) plus organisations. */
export type AreaCounts = Omit<Counts, 'partyMembers'> & {
  /** Party organisations seated in the area's buildings. */
  organisations: number;
};

export interface InternalArea {
  id: number;
  name: string;
  nameEn?: string;
  streetCode: string;
  geometry: Polygon;
  counts: AreaCounts;
}

export interface InternalStation {
  id: number;
  name: string;
  type: string;
  alsoTypes: string[];
  streetCode: string;
  buildingName: string | null;
  /** The building's address (often only a number); the station's own `address` wins. */
  buildingAddress: string | null;
  /** The station's own street address (road and number). */
  address: string | null;
  floor: string | null;
  areaM2: number | null;
  hours: string | null;
  /** Opening hours by weekday (Monday first); null: read from `hours`. */
  hoursWeek: WeeklyHours | null;
  services: string[];
  openTo: StationAudience;
  reachM: number | null;
  /** Internal contact: never published. */
  phone: string | null;
  /** The station's public service line (an institution's number). */
  publicPhone: string | null;
  accessibility: string | null;
  /** The station's photo as stored (station_photos): content hashes of the JPEG and its thumbnail. */
  photo?: { sha256: string; thumbSha256: string; width: number; height: number } | null;
  openedOn: string | null;
  lon: number;
  lat: number;
}

export interface InternalActivity {
  id: number;
  title: string;
  type: string;
  stationId: number;
  heldAt: string;
  participants: number;
  organiserName: string | null;
  signupNote: string | null;
}

export interface InternalFacts {
  slug: string;
  title: string;
  scope: { level: 'street' | 'district'; id: string; name: string };
  /** The coverage figures' date and the first day of "upcoming" (China time, YYYY-MM-DD). */
  asOf: string;
  streets: { code: string; name: string; nameEn: string; geometry: MultiPolygon }[];
  /** Roads and water around the scope (public, 示意): drawn on the page and the poster, walked for times. */
  roads: PublicRoad[];
  water: PublicWater[];
  grids: InternalArea[];
  businessDistricts: InternalArea[];
  stations: InternalStation[];
  activities: InternalActivity[];
  totals: AreaCounts;
  /** How many private rows exist in scope, for the list of what was withheld. */
  privateRows: {
    enterprises: number;
    organisationsWithSecretary: number;
    organisationsWithPhone: number;
    instructors: number;
    instructorsWithPhone: number;
    buildings: number;
  };
  /** Known private strings (people, phones, enterprise names): free text containing one is withheld. */
  privateTerms: string[];
}

// ---------------------------------------------------------------------------------------------
// The public snapshot.

export interface PublicStats {
  /** Operating enterprises; null when below the publication's minimum count. */
  enterprises: number | null;
  organisations: number | null;
  /** Rates as whole percentages 0..100; null when suppressed or nothing to divide by. */
  rates: { partyOrg: number | null; work: number | null; union: number | null; workersServed: number | null };
}

export interface PublicArea {
  id: string;
  name: string;
  nameEn: string | null;
  streetCode: string;
  geometry: Polygon;
  stats: PublicStats | null;
}

export interface PublicActivity {
  title: string | null;
  type: string;
  heldAt: string;
  /** How to sign up (scrubbed like every free text); absent in versions published before it existed. */
  signup?: string | null;
}

export interface PublicRoad {
  name: string;
  class: string;
  /** Elevated: drawn, never walked. */
  barrier: boolean;
  geometry: MultiLineString;
}

export interface PublicWater {
  name: string;
  kind: string;
  geometry: MultiPolygon;
}

export interface PublicPhoto {
  /** Paths relative to the page: photos/<sha256 of the JPEG>.jpg (long side ≤ 1600 px) and its thumbnail (≤ 400 px). */
  src: string;
  thumb: string;
  width: number;
  height: number;
}

export interface PublicStation {
  id: string;
  name: string;
  type: string;
  alsoTypes: string[];
  buildingName: string | null;
  address: string | null;
  floor: string | null;
  hours: string | null;
  /** Service codes of the vocabulary (server/domain/vocabulary/services.ts); older versions hold free text. */
  services: string[];
  openTo: 'public' | 'building';
  lon: number;
  lat: number;
  activities: PublicActivity[];
  /** Fields added by issue 17; optional so versions published before read as "not given". */
  /** Opening hours by weekday, Monday first. */
  week?: WeeklyHours | null;
  /** The station's public service line: an institution's landline or 400/800 number, never a mobile. */
  phone?: string | null;
  accessibility?: string | null;
  /** The station's photo, as files beside the page (photos/<sha256>.jpg; EXIF never kept). */
  photo?: PublicPhoto | null;
  /** The position in GCJ-02 (高德, 腾讯) and BD-09 (百度), for the page's navigation links. */
  gcj02?: [number, number];
  bd09?: [number, number];
}

export interface PublicSnapshot {
  format: 'pbmap-publication/1';
  slug: string;
  title: string;
  scope: { level: 'street' | 'district'; id: string; name: string };
  asOf: string;
  /** Set when published: the version number and time; a preview has null. */
  version: number | null;
  publishedAt: string | null;
  texts: PublicationTexts;
  layers: PublicationLayers;
  minCount: number;
  bbox: [number, number, number, number];
  streets: { code: string; name: string; nameEn: string; geometry: MultiPolygon }[];
  /** Roads and water around the scope (示意); absent in versions published before. */
  roads?: PublicRoad[];
  water?: PublicWater[];
  grids: PublicArea[];
  businessDistricts: PublicArea[];
  stations: PublicStation[];
  totals: PublicStats | null;
}

export interface RedactedField {
  field: string;
  reason: string;
  count: number;
}

export interface RedactionResult {
  public: PublicSnapshot;
  redacted: RedactedField[];
}
