// The public page's legend under the map and the areas section (business districts and grids with their
// published figures; withheld counts shown as such).
import type { PublicArea, PublicSnapshot, PublicStats } from '../../../../server/publications/contract';
import { STATION_TYPES, typeLabel, type PublicKey, type PublicLocale } from './i18n';

export function Legend({ data, locale, t }: { data: PublicSnapshot; locale: PublicLocale; t: (k: PublicKey) => string }) {
  const types = [...new Set(data.stations.map((s) => s.type))];
  return (
    <div className="pm-legend" aria-label={t('legend')}>
      {types.map((x) => (
        <span key={x}><span className="pm-dot" style={{ background: STATION_TYPES[x]?.color ?? '#495057' }} aria-hidden="true" />{typeLabel(x, locale)}</span>
      ))}
      {data.businessDistricts.length > 0 && <span><span className="pm-swatch pm-bd" aria-hidden="true" />{t('businessDistricts')}</span>}
      {data.layers.coverage && data.grids.length > 0 && <span><span className="pm-swatch pm-cov" aria-hidden="true" />{t('partyOrg')}（{t('grids')}）</span>}
    </div>
  );
}

function Stat({ label, v, pct, t }: { label: string; v: number | null; pct?: boolean; t: (k: PublicKey) => string }) {
  return (
    <div className="pm-stat">
      <dt>{label}</dt>
      <dd>{v === null ? <span className="pm-supp" title={t('suppressed')}>— <small>{t('suppressed')}</small></span> : pct ? `${v}%` : v}</dd>
    </div>
  );
}

function StatsBlock({ s, t }: { s: PublicStats; t: (k: PublicKey) => string }) {
  return (
    <dl className="pm-stats">
      <Stat label={t('partyOrg')} v={s.rates.partyOrg} pct t={t} />
      <Stat label={t('work')} v={s.rates.work} pct t={t} />
      <Stat label={t('union')} v={s.rates.union} pct t={t} />
      <Stat label={t('workersServed')} v={s.rates.workersServed} pct t={t} />
      <Stat label={t('enterprises')} v={s.enterprises} t={t} />
      <Stat label={t('organisations')} v={s.organisations} t={t} />
    </dl>
  );
}

export function Areas({ data, t }: { data: PublicSnapshot; t: (k: PublicKey) => string }) {
  const block = (title: string, areas: PublicArea[]) =>
    areas.length > 0 && (
      <>
        <h3>{title}</h3>
        <div className="pm-cards">
          {areas.map((a) => (
            <article key={a.id} className="pm-card">
              <h4>{a.name}</h4>
              {a.stats ? <StatsBlock s={a.stats} t={t} /> : null}
            </article>
          ))}
        </div>
      </>
    );
  return (
    <section className="pm-areas" aria-labelledby="pm-areas-title">
      <h2 id="pm-areas-title">{t('areas')}</h2>
      {data.layers.coverage && data.totals && (
        <article className="pm-card pm-total">
          <h4>{t('totals')} · {data.scope.name}</h4>
          <StatsBlock s={data.totals} t={t} />
        </article>
      )}
      {block(t('businessDistricts'), data.businessDistricts)}
      {block(t('grids'), data.grids)}
      {data.layers.coverage && <p className="pm-note">{t('formulaNote').replace('{n}', String(data.minCount))}</p>}
    </section>
  );
}
