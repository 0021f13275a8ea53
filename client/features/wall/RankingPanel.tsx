import { useI18n } from '../../i18n/I18n';
import { rateColor } from '../../map/colors';
import type { Ranked, WallSummary } from '../../../server/wall/contract';
import type { Warnings } from '../../api/types';
import { CrossedList } from '../warnings/CrossedList';

function Board({ title, items, active }: { title: string; items: Ranked[]; active: string | null }) {
  const { pct } = useI18n();
  return (
    <div className="board">
      <h3>{title}</h3>
      <ol>
        {items.slice(0, 8).map((r, i) => {
          const v = r.rates.partyOrg.value;
          const [cr, cg, cb] = rateColor(v);
          return (
            <li key={r.id} className={active === `${r.level}:${r.id}` ? 'active' : ''}>
              <span className="rank">{i + 1}</span>
              <span className="name">{r.name}</span>
              <span className="bar"><i style={{ width: `${(v ?? 0) * 100}%`, background: `rgb(${cr},${cg},${cb})` }} /></span>
              <span className="val">{pct(v)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

export function RankingPanel({ s, active, warnings }: { s: WallSummary; active: string | null; warnings: Warnings | null }) {
  const { t, num, locale } = useI18n();
  return (
    <section className="wall-rankings">
      <Board title={s.scope.level === 'street' ? t('rankingAreas') : t('rankingStreets')} items={s.rankings.areas} active={active} />
      {s.rankings.businessDistricts.length > 0 && <Board title={t('rankingBusinessDistricts')} items={s.rankings.businessDistricts} active={active} />}
      <div className="board gaps">
        <h3>{t('topGapsWall')}</h3>
        <ol>
          {s.topGaps.slice(0, 5).map((g) => (
            <li key={g.id}>
              <span className="rank">{g.rank}</span>
              <span className="name">{g.name}</span>
              <span className="val">{num(g.workersAffected)}<small>{t('wall.workers')}</small></span>
              <span className="hint">{locale === 'en' ? g.suggestion.label.en : g.suggestion.label.zh}</span>
            </li>
          ))}
        </ol>
      </div>
      {warnings && (
        <div className="board warnings" data-board="warnings">
          <h3>{t('warn.title')}</h3>
          <CrossedList w={warnings} max={2} />
        </div>
      )}
    </section>
  );
}
