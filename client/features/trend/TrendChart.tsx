// 近12个月趋势: the four official rates at each month end, as small multiples. The area is the solid line,
// its parent the dashed one; every point names its date, rate and numerator/denominator on hover; each
// row gives the change over the period and the area's rank among its siblings for that rate.
import type { Trend } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { rateColor } from '../../map/colors';
import { changePp, pathOf, positions, rankAmong, TREND_KEYS, yRange } from './trend-math';
import './trend.css';

export function TrendChart({ trend, width = 150, height = 34, className = '' }: { trend: Trend; width?: number; height?: number; className?: string }) {
  const { t, pct, num } = useI18n();
  const box = { width, height, pad: 3 };
  const dates = trend.area.points.map((p) => p.date);
  const siblings = trend.siblings.length > 1 ? trend.siblings : [];
  return (
    <div className={`trend ${className}`} data-section="trend">
      <div className="trend-head">
        <span>{t('trend.title')}</span>
        <span className="muted">{dates[0]} – {dates.at(-1)}</span>
      </div>
      {TREND_KEYS.map((k) => {
        const values = trend.area.points.map((p) => p.rates[k].value);
        const parentValues = trend.parent?.points.map((p) => p.rates[k].value) ?? [];
        const range = yRange([...values, ...parentValues]);
        const pts = positions(values, range, box);
        const parentPts = positions(parentValues, range, box);
        const last = values.at(-1) ?? null;
        const change = changePp(values);
        const rank = siblings.length ? rankAmong(siblings, trend.area.id, k) : null;
        const [r, g, b] = rateColor(last);
        const parentLast = parentValues.at(-1) ?? null;
        return (
          <div className="trend-row" key={k} data-trend={k}>
            <div className="trend-label">
              <span>{t(`rate.${k}`)}</span>
              <b style={{ color: `rgb(${r},${g},${b})` }}>{pct(last)}</b>
              <span className={`trend-change ${change === null ? '' : change > 0 ? 'up' : change < 0 ? 'down' : ''}`} data-figure="change" title={t('trend.changeHint')}>
                {change === null ? '—' : `${change > 0 ? '▲' : change < 0 ? '▼' : '■'} ${Math.abs(change).toFixed(1)} ${t('pp')}`}
              </span>
            </div>
            <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${t(`rate.${k}`)} ${dates[0]}–${dates.at(-1)}`}>
              {trend.parent && <path d={pathOf(parentPts)} className="trend-parent" />}
              <path d={pathOf(pts)} className="trend-line" style={{ stroke: `rgb(${r},${g},${b})` }} />
              {pts.map((p, i) => {
                const point = trend.area.points[i];
                if (!p || !point) return null;
                const rate = point.rates[k];
                return (
                  <circle key={point.date} cx={p.x} cy={p.y} r={i === pts.length - 1 ? 2.6 : 1.6} className="trend-dot">
                    <title>{`${point.date} · ${pct(rate.value)} (${num(rate.numerator)} / ${num(rate.denominator)})`}</title>
                  </circle>
                );
              })}
            </svg>
            <div className="trend-compare muted">
              {trend.parent && <span title={t('trend.parentHint')}>┄ {t(`level.${trend.parent.level}`)} {pct(parentLast)}</span>}
              {rank && <span data-figure="siblingRank"> · {t('trend.rank')} {rank.rank}/{rank.of}</span>}
            </div>
          </div>
        );
      })}
    </div>
  );
}
