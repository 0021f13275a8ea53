import { useI18n, useLabel } from '../../i18n/I18n';
import type { Trend } from '../../api/types';
import { rateColor } from '../../map/colors';
import { pathOf, positions, yRange, type TrendKey } from '../trend/trend-math';
import type { WallSummary } from '../../../server/wall/contract';
import type { OrgKind } from '../../../server/domain/vocabulary';
import { WallBands } from './WallBands';

const RATES: TrendKey[] = ['partyOrg', 'standalone', 'work', 'union'];
/** The kinds a wall counts: party and union organisations and building committees. */
const ORG_KINDS: OrgKind[] = ['party_committee', 'party_general_branch', 'party_branch', 'joint_party_branch', 'union', 'joint_union', 'building_union_federation', 'building_committee'];

const SPARK = { width: 150, height: 46, pad: 4 };

/** Twelve month-ends of one rate: the line, its last point, and each point's figures on hover. */
function Sparkline({ trend, k }: { trend: Trend; k: TrendKey }) {
  const { t, pct, num } = useI18n();
  const points = trend.area.points;
  const values = points.map((p) => p.rates[k].value);
  const pts = positions(values, yRange(values), SPARK);
  const last = [...pts].reverse().find((p) => p !== null);
  const [r, g, b] = rateColor(values.at(-1) ?? null);
  return (
    <svg className="kpi-spark" data-spark={k} width={SPARK.width} height={SPARK.height} viewBox={`0 0 ${SPARK.width} ${SPARK.height}`} role="img"
      aria-label={`${t('trend.title')} ${points[0]?.date ?? ''}–${points.at(-1)?.date ?? ''}`}>
      <path d={pathOf(pts)} fill="none" stroke={`rgb(${r},${g},${b})`} strokeWidth={2.5} strokeLinejoin="round" />
      {last && <circle cx={last.x} cy={last.y} r={3.5} fill={`rgb(${r},${g},${b})`} />}
      {pts.map((p, i) => p && points[i] && (
        <circle key={points[i].date} cx={p.x} cy={p.y} r={6} fill="transparent">
          <title>{`${points[i].date} · ${pct(points[i].rates[k].value)} (${num(points[i].rates[k].numerator)} / ${num(points[i].rates[k].denominator)})`}</title>
        </circle>
      ))}
    </svg>
  );
}

export function KpiPanel({ s, trend }: { s: WallSummary; trend: Trend | null }) {
  const { t, pct, num } = useI18n();
  const label = useLabel();
  return (
    <section className="wall-kpis">
      {RATES.map((k) => {
        const now = s.totals.rates[k].value;
        const then = s.previousRates[k].value;
        const delta = now !== null && then !== null ? (now - then) * 100 : null;
        return (
          <div className="kpi" key={k}>
            <div className="kpi-label">{t(`rate.${k}`)}</div>
            <div className="kpi-main">
              <div className="kpi-value" data-kpi={k}>{pct(now)}</div>
              {trend && <Sparkline trend={trend} k={k} />}
            </div>
            <div className="kpi-sub">
              <span>{num(s.totals.rates[k].numerator)} / {num(s.totals.rates[k].denominator)}</span>
              {delta !== null && (
                <span className={delta > 0.05 ? 'up' : delta < -0.05 ? 'down' : 'flat'} data-delta={k}>
                  {t('vs30Days')} {delta > 0.05 ? '▲' : delta < -0.05 ? '▼' : '＝'} {Math.abs(delta).toFixed(1)} {t('pp')}
                </span>
              )}
            </div>
          </div>
        );
      })}
      <div className="kpi small-kpis">
        <div>
          <div className="kpi-value" data-kpi="stations">{num(s.stations)}</div>
          <div className="kpi-label">{t('stationsCount')}</div>
        </div>
        <div>
          <div className="kpi-value" data-kpi="activities">{num(s.activitiesThisMonth.count)}</div>
          <div className="kpi-label">{t('activitiesThisMonth')}</div>
        </div>
        <div>
          <div className="kpi-value" data-kpi="participants">{num(s.activitiesThisMonth.participants)}</div>
          <div className="kpi-label">{t('participantsThisMonth')}</div>
        </div>
      </div>
      {s.bands && s.bands.workers > 0 && <WallBands bands={s.bands} />}
      <div className="kpi orgs">
        <div className="kpi-label">{t('organisationsByKind')}</div>
        <ul>
          {ORG_KINDS.map((k) => (
            <li key={k}>
              <b data-org={k}>{num(s.organisationsByKind[k] ?? 0)}</b>
              <span>{label('org', k)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
