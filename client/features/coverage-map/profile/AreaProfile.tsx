import { useEffect, useState } from 'react';
import { getGaps, getSummary, getTrend, getWarnings } from '../../../api/endpoints';
import type { Gap, Level, SummaryNode, Trend, Warnings } from '../../../api/types';
import { useRule, WarnDot, warningOf } from '../../warnings/Warn';
import { CrossedList } from '../../warnings/CrossedList';
import { ThresholdsEditor } from '../../warnings/ThresholdsEditor';
import { TrendChart } from '../../trend/TrendChart';
import { useI18n } from '../../../i18n/I18n';
import { summaryOf } from '../summaries';
import { afterMapDrawnAsk } from '../../../map/first-drawn';
import { RateCards } from './RateCards';
import { reasonCounts } from './reasons';
import { ExportLinks } from './ExportLinks';
import { WalkSection } from './WalkSection';

interface Props {
  level: Exclude<Level, 'building'>;
  id: string;
  /** The parent area, to rank this one among its siblings. */
  parent: { level: Level; id: string } | null;
  /** Siblings that are not the parent's children (business districts of a street), to rank against. */
  siblings?: string[];
  streetCode: string | null;
  onOpen: (level: Level, id: string) => void;
  /** An admin sets the warning thresholds here; null for everyone else. */
  admin?: { csrfToken: string | null } | null;
}

export function AreaProfile({ level, id, parent, siblings, streetCode, onOpen, admin = null }: Props) {
  const { t, pct, num, locale } = useI18n();
  const [node, setNode] = useState<SummaryNode | null>(null);
  const [rank, setRank] = useState<{ rank: number; of: number } | null>(null);
  const [gaps, setGaps] = useState<Gap[]>([]);
  const [trend, setTrend] = useState<Trend | null>(null);
  const [warnings, setWarnings] = useState<Warnings | null>(null);
  const [thresholdsVersion, setThresholdsVersion] = useState(0);
  const rule = useRule();
  const [error, setError] = useState(false);
  const siblingKey = siblings?.join(',');
  const parentLevel = parent?.level;
  const parentId = parent?.id;
  useEffect(() => {
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    setNode(null);
    setError(false);
    getSummary(level, id, signal).then(setNode).catch(() => !signal.aborted && setError(true));
    setTrend(null);
    setWarnings(null);
    // The trend, warnings and gap list wait for the map's first drawing and go two at a time (first-drawn.ts): the
    // map's tiles go first and keep connections to ask on.
    afterMapDrawnAsk(() => getTrend(level, id, signal), signal).then(setTrend).catch(() => undefined);
    // A street or district lists its own warnings; a grid or business district reads its street's.
    const scope = level === 'street' || level === 'district' ? { level, id } : streetCode ? { level: 'street' as const, id: streetCode } : null;
    if (scope) afterMapDrawnAsk(() => getWarnings(scope.level, scope.id, signal), signal).then(setWarnings).catch(() => undefined);
    const where = level === 'grid' ? { gridId: id } : level === 'businessDistrict' ? { businessDistrictId: id } : level === 'street' ? { streetCode: id } : level === 'district' ? { districtCode: id } : streetCode ? { streetCode } : {};
    afterMapDrawnAsk(() => getGaps({ level: 'building', kind: 'party', limit: 5, ...where }, signal), signal).then((g) => setGaps(g.gaps)).catch(() => undefined);
    return () => ctrl.abort();
    // Not on the parent: it is known only once the boundaries have loaded, and asking the area's own figures
    // again then would queue the same heavy requests twice on a busy server (a city's first view).
  }, [level, id, streetCode, thresholdsVersion]);
  // The rank among siblings, from the parent's children (or the listed siblings), when the parent is known; the
  // parent's summary is shared with the thematic map and the area tree.
  useEffect(() => {
    const ctrl = new AbortController();
    const signal = ctrl.signal;
    setRank(null);
    if (siblingKey) {
      Promise.all(siblingKey.split(',').map((sid) => summaryOf(level, sid)))
        .then((nodes) => {
          if (signal.aborted) return;
          const sorted = nodes.sort((a, b) => (b.rates.partyOrg.value ?? -1) - (a.rates.partyOrg.value ?? -1));
          const i = sorted.findIndex((c) => c.id === id);
          if (i >= 0) setRank({ rank: i + 1, of: sorted.length });
        })
        .catch(() => undefined);
    } else if (parentLevel && parentId) {
      summaryOf(parentLevel, parentId)
        .then((p) => {
          if (signal.aborted) return;
          const sibs = (p.children ?? []).filter((c) => c.level === level).sort((a, b) => (b.rates.partyOrg.value ?? -1) - (a.rates.partyOrg.value ?? -1));
          const i = sibs.findIndex((c) => c.id === id);
          if (i >= 0) setRank({ rank: i + 1, of: sibs.length });
        })
        .catch(() => undefined);
    }
    return () => ctrl.abort();
  }, [level, id, parentLevel, parentId, siblingKey]);
  if (error) return <p className="error">{t('errorLoading')}</p>;
  if (!node) return <p className="muted">{t('loading')}</p>;
  const zh = locale === 'zh-CN';
  const warnOf = (l: string, i: string) => warnings?.areas.find((a) => a.level === l && a.id === i)?.rates.partyOrg.warning ?? null;
  return (
    <div className="profile area" data-area={`${level}:${id}`}>
      <h2>{level === 'city' ? t('level.city') : node.name}</h2>
      <p className="muted">
        {t(`level.${level}`)}
        {rank && <> · {t('rankAmongSiblings')} <b data-figure="rank">{rank.rank}</b>/{rank.of}</>}
        {warnings && <WarnDot warning={warnOf(level, id)} rule={rule(warnings.thresholds, 'partyOrg')} />}
      </p>
      <ExportLinks level={level} id={id} />
      <RateCards node={node} />
      <WalkSection level={level} id={id} streetCode={streetCode} onOpen={onOpen} />
      {trend && <TrendChart trend={trend} />}
      {warnings && (level === 'street' || level === 'district') && (
        <section>
          <h3>{t('warn.title')}</h3>
          <CrossedList w={warnings} onOpen={(l, i) => onOpen(l, i)} />
          {admin && <ThresholdsEditor csrfToken={admin.csrfToken} onSaved={() => setThresholdsVersion((v) => v + 1)} />}
        </section>
      )}
      {gaps.length > 0 && (
        <section>
          <h3>{t('topGaps')}</h3>
          <ol className="gaps">
            {gaps.map((g) => (
              <li key={g.id}>
                {warnings && <WarnDot warning={warningOf(g.rate.value, warnings.thresholds.partyOrg)} rule={rule(warnings.thresholds, 'partyOrg')} />}
                <button type="button" className="link" onClick={() => onOpen('building', g.id)}>{g.name}</button>
                <span className="muted"> · {num(g.workersAffected)} {t('workersAffected')} · {pct(g.rate.value)}</span>
                <div className="suggestion">{t('suggestedAction')}: {zh ? g.suggestion.label.zh : g.suggestion.label.en}</div>
                {g.reasons.length > 0 && <div className="muted small" title={g.reasons.map((r) => `${r.reason} ×${r.enterprises}`).join('\n')}>{t('reasons')}: {reasonCounts(g.reasons).map((r) => `${t(`reason.${r.kind}`)} ×${r.enterprises}`).join('; ')}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {node.children && node.children.length > 0 && (
        <section>
          <h3>{t('children')}</h3>
          <table className="children">
            <thead><tr><th>{t('col.name')}</th><th className="num">{t('enterprises')}</th><th className="num">{t('rate.partyOrg')}</th></tr></thead>
            <tbody>
              {node.children.map((c) => (
                <tr key={c.id}>
                  <td>{warnings && <WarnDot warning={warnOf(c.level, c.id)} rule={rule(warnings.thresholds, 'partyOrg')} />}<button type="button" className="link" onClick={() => onOpen(c.level, c.id)}>{c.name}</button></td>
                  <td className="num">{num(c.enterprises)}</td>
                  <td className="num">{pct(c.rates.partyOrg.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
