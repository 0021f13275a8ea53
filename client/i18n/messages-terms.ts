// Vocabulary names as UI messages, shared by both languages' tables.
import { ACTIVITY_TYPE_TERMS, ALLIANCE_KIND_TERMS, BUILDING_KIND_TERMS, NO_ORG_REASON_TERMS, OPEN_TO_TERMS, ORG_KIND_TERMS, STATION_TYPE_TERMS, type Term } from '../../server/domain/vocabulary';

/** A vocabulary list's names as messages `prefix.code`. */
function named<P extends string, K extends string>(prefix: P, list: Readonly<Record<K, Term>>, lang: 'zh' | 'en'): Record<`${P}.${K}`, string> {
  return Object.fromEntries(Object.entries<Term>(list).map(([code, t]) => [`${prefix}.${code}`, t[lang]])) as Record<`${P}.${K}`, string>;
}

/** Station types, alliance kinds and organisation kinds are named by the vocabulary, like everywhere else. */
export const terms = (lang: 'zh' | 'en') => ({
  ...named('station', STATION_TYPE_TERMS, lang),
  ...named('alliance', ALLIANCE_KIND_TERMS, lang),
  ...named('org', ORG_KIND_TERMS, lang),
  ...named('reason', NO_ORG_REASON_TERMS, lang),
  ...named('openTo', OPEN_TO_TERMS, lang),
  ...named('buildingKind', BUILDING_KIND_TERMS, lang),
  ...named('activity', ACTIVITY_TYPE_TERMS, lang),
});
