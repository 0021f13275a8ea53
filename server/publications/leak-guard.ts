// The last leak check before a version is stored: independent of redact()'s per-field scrubbing, it
// looks at every string of the finished snapshot (whatever field it came from) for every private
// string the store holds, and for phone/ID digit runs. Pure (no I/O): the private strings are read by
// gather.readPrivateStrings and passed in. A hit blocks the publish; what was found is reported by
// field path and kind only, never by the private value itself.
//
// Matching uses redact.ts's normalisation (normaliseTerm: NFKC, invisible format characters dropped,
// lower case, no spaces, punctuation or symbols) on both sides, and redact.ts's digit-run rule
// (hasPhoneOrId), per string (never across two). The snapshot's own street and district codes (also
// inside the slug) are public identifiers, set aside before the digit-run rule; a private name found
// only inside its scope or street names is no hit. The only data page text besides the snapshot is
// the built shell (index.html and its assets), which carries nothing from the draft: the page and
// the poster draw every text from data/publication.json.
import { hasPhoneOrId, isInstitutionalPhone, normaliseTerm } from './private-text.js';
import { metadataSegments } from '../stations/image/jpeg-segments.js';
import { sniffImage } from '../stations/image/sniff.js';

/** The one field that may hold a number: a station's public service line (an institution's landline or 400/800 line). */
const PUBLIC_PHONE_PATH = /^stations\[\d+\]\.phone$/;
/** A photo's path names its content (a sha256 in hex, whose digits may run long): exactly that shape and no other text. */
const PHOTO_PATH = /^stations\[\d+\]\.photo\.(src|thumb)$/;
const PHOTO_FILE = /^photos\/[0-9a-f]{64}\.jpg$/;

/** Enterprise, organisation and alliance member names shorter than this (characters, as stored) are not scanned for: see gather.MIN_ENTERPRISE_TERM. */
export const MIN_NAME_LENGTH = 4;
/** Shorter normalised terms are never scanned for (the same floor as redact's textScrubber). */
const MIN_NORMALISED = 2;

/** Every private string of the store, by kind, as stored. */
export interface PrivateStrings {
  /** Organisation secretaries, instructors and enterprises' contact persons. */
  people: string[];
  /** Organisation contact phones, instructor phones, station phones, enterprises' contact phones. */
  phones: string[];
  /** ID numbers: enterprises' USCC codes (the store holds no personal ID numbers). */
  idNumbers: string[];
  /** Enterprise names (all; those shorter than MIN_NAME_LENGTH are not scanned for). */
  enterprises: string[];
  /** Organisation names. */
  organisations: string[];
  /** Alliance member names, except those a station has: a station's name is public. */
  allianceMembers: string[];
}

export type PrivateKind = 'person_name' | 'phone' | 'id_number' | 'enterprise_name' | 'organisation_name' | 'alliance_member_name';
export type LeakKind = PrivateKind | 'phone_or_id_pattern';

export interface Leak {
  /** Where in the snapshot, e.g. `stations[3].hours` or `texts.intro`. */
  path: string;
  kind: LeakKind;
}

interface Term {
  kind: PrivateKind;
  norm: string;
}

const KIND_OF: [keyof PrivateStrings, PrivateKind, boolean][] = [
  ['people', 'person_name', false],
  ['phones', 'phone', false],
  ['idNumbers', 'id_number', false],
  ['enterprises', 'enterprise_name', true],
  ['organisations', 'organisation_name', true],
  ['allianceMembers', 'alliance_member_name', true],
];

/** The strings scanned for, with their kind: names of enterprises, organisations and alliance members only from MIN_NAME_LENGTH characters. */
export function scannedStrings(p: PrivateStrings): { kind: PrivateKind; value: string }[] {
  const out: { kind: PrivateKind; value: string }[] = [];
  for (const [key, kind, isName] of KIND_OF) {
    for (const value of p[key]) {
      if (isName && value.length < MIN_NAME_LENGTH) continue;
      out.push({ kind, value });
    }
  }
  return out;
}

function termsOf(p: PrivateStrings): Term[] {
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const { kind, value } of scannedStrings(p)) {
    // \u0000 separates the snapshot's strings below; no term may span two of them.
    const norm = normaliseTerm(value).replaceAll('\u0000', '');
    const key = `${kind}\u0000${norm}`;
    if (norm.length < MIN_NORMALISED || seen.has(key)) continue;
    seen.add(key);
    terms.push({ kind, norm });
  }
  return terms;
}

/** A compiled matcher: the kinds of private string found in one text (normalised as redact does). */
export function privateMatcher(p: PrivateStrings): (text: string) => PrivateKind[] {
  const terms = termsOf(p);
  return (text) => {
    const norm = normaliseTerm(text);
    const kinds = new Set<PrivateKind>();
    for (const t of terms) if (norm.includes(t.norm)) kinds.add(t.kind);
    return [...kinds];
  };
}

/** Every string in a JSON-like value, with its path (object keys are the format's own, not scanned). */
function stringsOf(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => stringsOf(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) stringsOf(v, path ? `${path}.${k}` : k, out);
  }
}

/** Street and district codes the snapshot itself publishes (scope id, street codes): identifiers, not numbers to hide. */
function publicCodes(snapshot: unknown): string[] {
  const s = snapshot as { scope?: { id?: unknown }; streets?: { code?: unknown }[] } | null;
  const codes = [s?.scope?.id, ...(Array.isArray(s?.streets) ? s.streets.map((x) => x?.code) : [])];
  // Only what looks like an administrative code (6-digit district, 9-character street): never a phone.
  return [...new Set(codes.filter((c): c is string => typeof c === 'string' && /^\d{6}(?:\d{3})?$/.test(c)))].sort((a, b) => b.length - a.length);
}

/**
 * The official names of the territory the snapshot covers (scope name, street names): public by
 * definition. A private name found only inside one of them is no hit, so a person called like a part
 * of a street's name ("江宁" and 江宁路街道) does not make that street unpublishable; the same name
 * anywhere else, or a longer private string that merely contains the street's name, is still a hit.
 * (Redaction leaves place names out of its organisation terms likewise.)
 */
function publicNames(snapshot: unknown): string[] {
  const s = snapshot as { scope?: { name?: unknown }; streets?: { name?: unknown }[] } | null;
  const names = [s?.scope?.name, ...(Array.isArray(s?.streets) ? s.streets.map((x) => x?.name) : [])];
  return [...new Set(names.filter((n): n is string => typeof n === 'string').map(normaliseTerm).filter((n) => n.length >= MIN_NORMALISED))].sort((a, b) => b.length - a.length);
}

/**
 * Every private string or phone/ID number in a snapshot (or any JSON-like value), by field path and
 * kind, in snapshot order. Empty when the snapshot may be published.
 */
export function scanSnapshot(snapshot: unknown, p: PrivateStrings): Leak[] {
  const strings: { path: string; text: string }[] = [];
  stringsOf(snapshot, '', strings);
  /** Kinds found per string, by the string's index: the result comes in snapshot order. */
  const found = new Map<number, Set<LeakKind>>();
  const add = (index: number, kind: LeakKind) => found.set(index, (found.get(index) ?? new Set<LeakKind>()).add(kind));

  // One indexOf per term over all strings, joined by a character normalisation never produces.
  const norms = strings.map((s) => normaliseTerm(s.text).replaceAll('\u0000', ''));
  // Where each string holds an official name of the territory: a match lying wholly inside one is no hit.
  const names = publicNames(snapshot);
  const official = norms.map((n) => {
    const spans: [number, number][] = [];
    for (const pn of names) for (let i = n.indexOf(pn); i !== -1; i = n.indexOf(pn, i + 1)) spans.push([i, i + pn.length]);
    return spans;
  });
  const joined = norms.join('\u0000');
  const starts: number[] = [];
  let at = 0;
  for (const n of norms) {
    starts.push(at);
    at += n.length + 1;
  }
  const stringAt = (offset: number): number => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  for (const t of termsOf(p)) {
    for (let i = joined.indexOf(t.norm); i !== -1; i = joined.indexOf(t.norm, i + 1)) {
      const k = stringAt(i);
      const from = i - (starts[k] as number), to = from + t.norm.length;
      if ((official[k] as [number, number][]).some(([a, b]) => a <= from && to <= b)) continue;
      add(k, t.kind);
    }
  }

  const codes = publicCodes(snapshot);
  strings.forEach((s, i) => {
    let text = s.text;
    for (const c of codes) text = text.replaceAll(c, '#');
    // A station's public line is a number by design: only the private phones (matched above) block it there.
    if (PUBLIC_PHONE_PATH.test(s.path) && isInstitutionalPhone(text)) return;
    if (PHOTO_PATH.test(s.path) && PHOTO_FILE.test(text)) return;
    if (hasPhoneOrId(text)) add(i, 'phone_or_id_pattern');
  });
  return [...found.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([i, kinds]) => [...kinds].sort().map((kind) => ({ path: (strings[i] as { path: string }).path, kind })));
}

/**
 * A published photo must be a JPEG with no metadata segment: EXIF (GPS position, camera, time), XMP, ICC or
 * comments. Uploads are re-encoded from pixels (server/stations/image), so this is the independent last check.
 */
export function photoIsClean(bytes: Uint8Array): boolean {
  return sniffImage(bytes) === 'jpeg' && metadataSegments(bytes).length === 0;
}
