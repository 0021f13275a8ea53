// Buildings and workers within each walking band (5/10/15 minutes) and outside it, for an area or a station,
// with how the walk was measured: on roads, or in straight line where no roads reach.
import type { WalkBands as Bands } from '../../../api/types';
import { useI18n } from '../../../i18n/I18n';
import { BAND_COLORS } from '../../../map/layers/reach';

/** Fills a message's {placeholders}. */
export const fill = (template: string, values: Record<string, string | number>): string => template.replace(/\{(\w+)\}/g, (m, k: string) => String(values[k] ?? m));

/** "on roads", or which part was a straight-line estimate. */
export function walkMethod(b: Bands, t: (k: 'walk.byRoad' | 'walk.straightAll' | 'walk.straightSome') => string): string {
  if (b.buildings > 0 && b.straightBuildings === b.buildings) return t('walk.straightAll');
  if (b.straightBuildings > 0) return fill(t('walk.straightSome'), { n: b.straightBuildings });
  return t('walk.byRoad');
}

export function WalkBandsTable({ bands, note }: { bands: Bands; note?: string }) {
  const { t, pct, num } = useI18n();
  const share = (n: number) => (bands.workers > 0 ? n / bands.workers : null);
  return (
    <div className="walk-bands" data-walk-bands>
      <table>
        <thead>
          <tr><th /><th className="num">{t('walk.buildings')}</th><th className="num">{t('walk.within')}</th><th className="num">{t('walk.outside')}</th></tr>
        </thead>
        <tbody>
          {bands.bands.map((b, i) => {
            const [r, g, bl] = BAND_COLORS[Math.min(i, BAND_COLORS.length - 1)] as number[];
            return (
              <tr key={b.minutes} data-band={b.minutes}>
                <th scope="row" title={`${num(b.metres)} ${t('metres')}`}><span className="swatch" style={{ background: `rgb(${r},${g},${bl})` }} />{fill(t('walk.band'), { m: b.minutes })}</th>
                <td className="num" data-figure="buildings">{num(b.buildings)}</td>
                <td className="num" data-figure="within">{num(b.workers)} <span className="muted">{pct(share(b.workers))}</span></td>
                <td className="num" data-figure="outside">{num(b.workersUnserved)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{note ? `${note} · ` : ''}{walkMethod(bands, t)} · {fill(t('walk.speed'), { v: bands.speedKmh })}</p>
    </div>
  );
}
