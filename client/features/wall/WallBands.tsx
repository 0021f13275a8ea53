// The wall's walking reach: the share of the scope's workers within 5/10/15 minutes' walk of a station (on roads
// where they exist, straight-line elsewhere, said below), with the counts, and those outside the widest band.
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
      <div className="kpi-label">
        {t('walk.title')} · {t('employees')}
        {widest && <small data-figure="outside">{t('walk.wallUnserved')} {num(widest.workersUnserved)}</small>}
      </div>
      <div className="band-cols">
        {bands.bands.map((b, i) => {
          const [r, g, bl] = BAND_COLORS[Math.min(i, BAND_COLORS.length - 1)] as number[];
          return (
            <div key={b.minutes} data-band={b.minutes} style={{ borderTopColor: `rgb(${r},${g},${bl})` }}>
              <b data-figure="within">{pct(share(b.workers))}</b>
              <span>{fill(t('walk.band'), { m: b.minutes })} · {num(b.workers)}</span>
            </div>
          );
        })}
      </div>
      <div className="band-note">{walkMethod(bands, t)}</div>
    </div>
  );
}
