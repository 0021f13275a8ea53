import { useEffect, useState } from 'react';
import { getGaps, getSummary } from '../../../api/endpoints';
import type { Gap, Level, SummaryNode } from '../../../api/types';
import { useI18n } from '../../../i18n/I18n';
import { RateCards } from './RateCards';

interface Props {
  level: Exclude<Level, 'building'>;
  id: string;
  /** The parent area, to rank this one among its siblings. */
  parent: { level: Level; id: string } | null;
  /** Siblings that are not the parent's children (business districts of a street), to rank against. */
  siblings?: string[];
  streetCode: string | null;
  onOpen: (level: Level, id: string) => void;
}

export function AreaProfile({ level, id, parent, siblings, streetCode, onOpen }: Props) {
  const { t, pct, num, locale } = useI18n();
  const [node, setNode] = useState<SummaryNode | null>(null);
  const [rank, setRank] = useState<{ rank: number; of: number } | null>(null);
  const [gaps, setGaps] = useState<Gap[]>([]);
  const [error, setError] = useState(false);
  const siblingKey = siblings?.join(',');
  const parentLevel = parent?.level;
  const parentId = parent?.id;
  useEffect(() => {
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    setNode(null);
    setRank(null);
    setError(false);
    getSummary(level, id, signal).then(setNode).catch(() => !signal.aborted && setError(true));
    if (siblingKey) {
      Promise.all(siblingKey.split(',').map((sid) => getSummary(level, sid, signal)))
        .then((nodes) => {
          const sorted = nodes.sort((a, b) => (b.rates.partyOrg.value ?? -1) - (a.rates.partyOrg.value ?? -1));
          const i = sorted.findIndex((c) => c.id === id);
          if (i >= 0) setRank({ rank: i + 1, of: sorted.length });
        })
        .catch(() => undefined);
    } else if (parentLevel && parentId) {
      getSummary(parentLevel, parentId, signal)
        .then((p) => {
          const sibs = (p.children ?? []).filter((c) => c.level === level).sort((a, b) => (b.rates.partyOrg.value ?? -1) - (a.rates.partyOrg.value ?? -1));
          const i = sibs.findIndex((c) => c.id === id);
          if (i >= 0) setRank({ rank: i + 1, of: sibs.length });
        })
        .catch(() => undefined);
    }
    const where = level === 'grid' ? { gridId: id } : level === 'businessDistrict' ? { businessDistrictId: id } : level === 'street' ? { streetCode: id } : streetCode ? { streetCode } : {};
    getGaps({ level: 'building', kind: 'party', limit: 5, ...where }, signal).then((g) => setGaps(g.gaps)).catch(() => undefined);
    return () => ctrl.abort();
  }, [level, id, parentLevel, parentId, siblingKey, streetCode]);
  if (error) return <p className="error">{t('errorLoading')}</p>;
  if (!node) return <p className="muted">{t('loading')}</p>;
  const zh = locale === 'zh-CN';
  return (
    <div className="profile area" data-area={`${level}:${id}`}>
      <h2>{node.name}</h2>
      <p className="muted">
        {t(`level.${level}`)}
        {rank && <> · {t('rankAmongSiblings')} <b data-figure="rank">{rank.rank}</b>/{rank.of}</>}
      </p>
      <RateCards node={node} />
      {gaps.length > 0 && (
        <section>
          <h3>{t('topGaps')}</h3>
          <ol className="gaps">
            {gaps.map((g) => (
              <li key={g.id}>
                <button type="button" className="link" onClick={() => onOpen('building', g.id)}>{g.name}</button>
                <span className="muted"> · {num(g.workersAffected)} {t('workersAffected')} · {pct(g.rate.value)}</span>
                <div className="suggestion">{t('suggestedAction')}: {zh ? g.suggestion.label.zh : g.suggestion.label.en}</div>
                {g.reasons.length > 0 && <div className="muted small">{t('reasons')}: {g.reasons.map((r) => `${r.reason} ×${r.enterprises}`).join('; ')}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {node.children && node.children.length > 0 && (
        <section>
          <h3>{t('children')}</h3>
          <table className="children">
            <tbody>
              {node.children.map((c) => (
                <tr key={c.id}>
                  <td><button type="button" className="link" onClick={() => onOpen(c.level, c.id)}>{c.name}</button></td>
                  <td>{num(c.enterprises)}</td>
                  <td>{pct(c.rates.partyOrg.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
