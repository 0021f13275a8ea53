// The public page's reading of opening hours: the parser lives with the domain (server/domain/opening-hours.ts)
// so the publication's structured week and the page agree.
export * from '../../../../server/domain/opening-hours';
