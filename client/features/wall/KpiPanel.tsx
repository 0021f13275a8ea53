import { useI18n, useLabel } from '../../i18n/I18n';
import type { RateKey } from '../../api/types';
import type { WallSummary } from '../../../server/wall/contract';
import type { OrgKind } from '../../../server/domain/vocabulary';

const RATES: RateKey[] = ['partyOrg', 'standalone', 'work', 'union'];
/** The kinds a wall counts: party and union organisations and building committees. */
const ORG_KINDS: OrgKind[] = ['party_committee', 'party_general_branch', 'party_branch', 'joint_party_branch', 'union', 'joint_union', 'building_union_federation', 'building_committee'];

export function KpiPanel({ s }: { s: WallSummary }) {
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
            <div className="kpi-value" data-kpi={k}>{pct(now)}</div>
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
