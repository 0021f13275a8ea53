// Live validation as a list: what is wrong, where (click zooms), how big, and the one-click fixes.
import { useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import type { EditorState } from './editor-state';
import { clipToStreet, giveAreaTo, mergeInto, subtractFromNeighbour, type Areal, type EditResult, type Problem } from './topology';
import { format, roundArea } from './format';

interface Props {
  state: EditorState;
  problems: Problem[];
  serverProblems: Problem[];
  focusId: string | null;
  onZoom: (g: Areal | null) => void;
  onCommit: (r: EditResult) => void;
}

export function ProblemList({ state, problems, serverProblems, onZoom, onCommit }: Props) {
  const { t } = useI18n();
  return (
    <section className="ge-problems" data-count={problems.length}>
      <h3>
        {t('ge.problems')} {problems.length > 0 && <span className="count">{problems.length}</span>}
      </h3>
      {problems.length === 0 && <p className="ok">✓ {t('ge.problemsNone')}</p>}
      <ul>
        {problems.map((p) => (
          <ProblemItem key={p.id} p={p} state={state} onZoom={onZoom} onCommit={onCommit} />
        ))}
      </ul>
      {serverProblems.length > 0 && (
        <>
          <h3 className="server">{t('ge.serverProblems')}</h3>
          <ul>
            {serverProblems.map((p) => (
              <ProblemItem key={p.id} p={p} state={state} onZoom={onZoom} onCommit={onCommit} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ProblemItem({ p, state, onZoom, onCommit }: { p: Problem; state: EditorState; onZoom: (g: Areal | null) => void; onCommit: (r: EditResult) => void }) {
  const { t } = useI18n();
  const nameOf = (k: string) => state.grids.find((g) => g.key === k)?.name ?? k;
  const [receiver, setReceiver] = useState(p.gridKeys[0] ?? '');
  const detail = p.reason === 'server' ? p.message : ['kinks', 'too_few_points', 'bad_coordinates', 'holes'].includes(p.reason) ? t(`ge.reason.${p.reason}` as MessageKey) : null;
  const geometry = p.geometry;
  const editable = state.editable;
  return (
    <li className={`problem ${p.kind}`} data-kind={p.kind}>
      <button type="button" className="link title" onClick={() => onZoom(geometry)} title={t('ge.zoom')}>
        {t(`ge.kind.${p.kind}` as MessageKey)}
      </button>
      {p.areaM2 !== null && <span className="area">{format(t('ge.m2'), { n: roundArea(p.areaM2) })}</span>}
      <div className="grids small muted">{p.gridKeys.map(nameOf).join(' · ')}</div>
      {detail && <div className="small">{detail}</div>}
      {editable && (
        <div className="fixes">
          {p.kind === 'outside' && p.gridKeys[0] && (
            <button type="button" data-fix="clip" onClick={() => onCommit(clipToStreet(state.grids, p.gridKeys[0] as string, state.street))}>
              {t('ge.fix.clip')}
            </button>
          )}
          {p.kind === 'overlap' &&
            p.gridKeys.length === 2 &&
            [0, 1].map((i) => {
              const keep = p.gridKeys[i] as string;
              const from = p.gridKeys[1 - i] as string;
              return (
                <button key={i} type="button" data-fix="subtract" onClick={() => onCommit(subtractFromNeighbour(state.grids, keep, from, state.street))}>
                  {format(t('ge.fix.subtract'), { name: nameOf(from) })}
                </button>
              );
            })}
          {(p.kind === 'gap' || p.kind === 'sliver') && p.gridKeys.length > 0 && (
            <span className="give">
              <select value={receiver} onChange={(e) => setReceiver(e.target.value)}>
                {(p.kind === 'gap' ? p.gridKeys : state.grids.filter((g) => g.key !== p.gridKeys[0]).map((g) => g.key)).map((k) => (
                  <option key={k} value={k}>
                    {nameOf(k)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                data-fix={p.kind === 'gap' ? 'give' : 'merge'}
                onClick={() =>
                  p.kind === 'gap' && geometry
                    ? onCommit(giveAreaTo(state.grids, geometry, receiver, state.street))
                    : onCommit(mergeInto(state.grids, p.gridKeys[0] as string, receiver === p.gridKeys[0] ? (state.grids.find((g) => g.key !== p.gridKeys[0])?.key ?? '') : receiver, state.street))
                }
              >
                {p.kind === 'gap' ? t('ge.fix.give') : t('ge.fix.merge')}
              </button>
            </span>
          )}
          {p.kind === 'invalid' && <span className="hint">{t('ge.fix.undoHint')}</span>}
        </div>
      )}
    </li>
  );
}
