// What a change set moves: counts with expandable lists, members and employees moved, and each affected
// grid's rates before → after (numerator / denominator).
import { useI18n } from '../../i18n/I18n';
import type { Impact, Move, Rates } from './api';
import type { EditorState } from './editor-state';
import { keyOfServerRef, type BuiltChanges } from './topology';

const RATE_KEYS = ['partyOrg', 'standalone', 'work', 'union'] as const;

export function ImpactView({ impact, state, built }: { impact: Impact; state: EditorState; built: BuiltChanges }) {
  const { t, pct, num } = useI18n();
  const gridName = (ref: number | string | null): string => {
    if (ref === null) return '—';
    const k = keyOfServerRef(ref, built);
    return state.grids.find((g) => g.key === k)?.name ?? state.original.find((g) => g.key === k)?.name ?? String(ref);
  };
  const moves = (key: 'buildings' | 'enterprises' | 'stations', label: string) => (
    <details className="moves" data-impact={key}>
      <summary>
        {label} <b data-count={impact[key].length}>{num(impact[key].length)}</b>
      </summary>
      <ul>
        {impact[key].map((m: Move) => (
          <li key={m.id}>
            {m.name} <span className="muted">{gridName(m.from)} → {gridName(m.to)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
  const none = impact.buildings.length + impact.enterprises.length + impact.stations.length === 0;
  const cell = (r: Rates | null, k: (typeof RATE_KEYS)[number]) =>
    r ? (
      <>
        {pct(r[k].value)} <span className="muted">{num(r[k].numerator)}/{num(r[k].denominator)}</span>
      </>
    ) : (
      '—'
    );
  return (
    <div className="impact" data-testid="impact">
      <h4>{t('ge.preview')}</h4>
      {none && <p className="muted small">{t('ge.impact.none')}</p>}
      {moves('buildings', t('ge.impact.buildings'))}
      {moves('enterprises', t('ge.impact.enterprises'))}
      {moves('stations', t('ge.impact.stations'))}
      <p className="figures">
        <span>
          {t('ge.impact.members')} <b data-figure="members">{num(impact.partyMembersMoved)}</b>
        </span>
        <span>
          {t('ge.impact.employees')} <b>{num(impact.employeesMoved)}</b>
        </span>
      </p>
      {impact.grids.length > 0 && (
        <>
          <h4>{t('ge.impact.rates')}</h4>
          <div className="rates-list">
            {impact.grids.map((g) => (
              <div key={String(g.key)} className="grid-rates" data-grid-key={String(g.key)}>
                <h5>
                  {g.name}
                  {g.before === null && <span className="muted"> {t('ge.impact.newGrid')}</span>}
                  {g.after === null && <span className="muted"> {t('ge.impact.gone')}</span>}
                </h5>
                {RATE_KEYS.map((k) => (
                  <div key={k} className="rate-row">
                    <span className="label">{t(`rate.${k}`)}</span>
                    <span>{cell(g.before, k)}</span>
                    <span className="arrow">→</span>
                    <span>{cell(g.after, k)}</span>
                  </div>
                ))}
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
