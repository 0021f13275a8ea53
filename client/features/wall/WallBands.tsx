// The wall's walking reach: the scope's workers within 5/10/15 minutes' walk of a station (on roads where they
// exist, straight-line elsewhere, said below), each as a bar with the count and share, and those outside.
import { useI18n } from '../../i18n/I18n';
import type { WallSummary } from '../../../server/wall/contract';
import { BAND_COLORS } from '../../map/layers/reach';
import { fill, walkMethod } from '../coverage-map/profile/WalkBands';

export function WallBands({ bands }: { bands: NonNullable<WallSummary['bands']> }) {
  const { t, pct, num } = useI18n();
  const share = (n: number) => (bands.workers > 0 ? n / bands.workers : null);
  const widest = bands.bands.at(-1);
  return (
    <div className="kpi wall-bands" data-kpi="bands">
      <div className="kpi-label">{t('walk.title')} · {t('employees')}</div>
      <ul>
        {bands.bands.map((b, i) => {
          const [r, g, bl] = BAND_COLORS[Math.min(i, BAND_COLORS.length - 1)] as number[];
          const p = share(b.workers);
          return (
            <li key={b.minutes} data-band={b.minutes}>
              <span className="band-name">{fill(t('walk.band'), { m: b.minutes })}</span>
              <span className="band-bar"><i style={{ width: `${(p ?? 0) * 100}%`, background: `rgb(${r},${g},${bl})` }} /></span>
              <b data-figure="within">{num(b.workers)}</b>
              <span className="band-pct">{pct(p)}</span>
            </li>
          );
        })}
      </ul>
      <div className="kpi-sub">
        {widest && <span data-figure="outside">{t('walk.wallUnserved')} {fill(t('walk.band'), { m: widest.minutes })}: <b>{num(widest.workersUnserved)}</b></span>}
        <span>{walkMethod(bands, t)}</span>
      </div>
    </div>
  );
}
