// The one vocabulary of controlled lists (station types, who a station is open to, organisation kinds,
// building kinds, ownership, alliance kinds, activity types): each code with its Chinese and English name
// and, where a list has them, colour, glyph, default reach and typical services. The SQL CHECK lists, the
// OGC filters, imports, the demo generator, the client maps and their i18n all read it
// (vocabulary.test.ts holds it against the migrations). Pure data: no I/O, no dependencies.
export * from './terms.js';
export * from './stations.js';
export * from './organisations.js';
export * from './places.js';
export * from './work.js';
export * from './reasons.js';
export * from './roads.js';
export * from './services.js';
