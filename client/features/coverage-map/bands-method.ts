import type { MessageKey } from '../../i18n/messages';

/** How the drawn walking bands were made, as the legend says it: the server's walk on roads ('network', 'mixed',
 *  'straight' where no roads are loaded) or circles merged in the browser; null while they load. */
export type BandsMethod = 'network' | 'mixed' | 'straight' | 'circles' | null;

/** The legend's line for a drawing method; `offRoad` is the number of stations drawn as straight-line circles. */
export function bandsMethodText(method: BandsMethod | undefined, offRoad: number | undefined, t: (k: MessageKey) => string): string {
  if (method === 'network') return t('walk.bandsNetwork');
  if (method === 'mixed') return t('walk.bandsMixed').replace('{n}', String(offRoad ?? 0));
  if (method === null) return t('loading');
  return t('bandsStraight');
}
