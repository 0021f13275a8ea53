// What crossed a threshold this month: each area whose colour for a rate changed since the end of last month.
import type { Warnings } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { useRule, WarnDot } from './Warn';

export function CrossedList({ w, onOpen, max = 50 }: { w: Warnings; onOpen?: (level: Warnings['crossed'][number]['level'], id: string) => void; max?: number }) {
  const { t, pct } = useI18n();
  const rule = useRule();
  if (w.crossed.length === 0) return <p className="muted small" data-section="crossed">{t('warn.noneCrossed')} ({w.since} – {w.asOf})</p>;
  return (
    <ul className="crossed" data-section="crossed">
      {w.crossed.flatMap((a) => a.crossings.map((c) => ({ a, c }))).sort((x, y) => (x.c.direction === y.c.direction ? 0 : x.c.direction === 'worse' ? -1 : 1)).slice(0, max).map(({ a, c }) => (
        <li key={`${a.level}:${a.id}:${c.rate}`} className={c.direction}>
          {onOpen ? <button type="button" className="link" onClick={() => onOpen(a.level, a.id)}>{a.name}</button> : <span>{a.name}</span>}
          {' '}{t(`rate.${c.rate}`)} <WarnDot warning={c.from} rule={rule(w.thresholds, c.rate)} />{pct(c.before.value)} → <WarnDot warning={c.to} rule={rule(w.thresholds, c.rate)} />{pct(c.now.value)}
        </li>
      ))}
    </ul>
  );
}
