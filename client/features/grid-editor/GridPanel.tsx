// The grid list and the selected grid: rename, merge a neighbour into it, or delete it giving its area
// to a neighbour.
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { EditorState } from './editor-state';
import { areaM2, mergeInto, neighboursOf, type EditResult } from './topology';
import { format, roundArea } from './format';

export function GridPanel(p: { state: EditorState; selected: string | null; onSelect: (k: string) => void; onCommit: (r: EditResult) => void; editableOnMap: () => boolean }) {
  const { t } = useI18n();
  const { state, selected } = p;
  const grid = state.grids.find((g) => g.key === selected) ?? null;
  const neighbours = useMemo(
    () => (grid ? neighboursOf(grid.geometry, state.grids.filter((g) => g.key !== grid.key), 0.5) : []),
    [grid, state.grids],
  );
  const [other, setOther] = useState<string>('');
  useEffect(() => setOther(neighbours[0] ?? ''), [neighbours]);
  const nameOf = (k: string) => state.grids.find((g) => g.key === k)?.name ?? k;
  const rename = (name: string) => {
    if (!grid) return;
    p.onCommit({ ok: true, grids: state.grids.map((g) => (g.key === grid.key ? { ...g, name } : g)) });
  };

  return (
    <section className="ge-grids">
      <h3>{t('ge.grids')}</h3>
      <ul className="grid-list">
        {state.grids.map((g) => (
          <li key={g.key}>
            <button type="button" className={`link${g.key === selected ? ' active' : ''}`} data-grid={g.key} onClick={() => p.onSelect(g.key)}>
              {g.name}
            </button>
            <span className="muted small"> {format(t('ge.m2'), { n: roundArea(areaM2(g.geometry)) })}</span>
          </li>
        ))}
      </ul>
      {grid && (
        <div className="selected-grid" data-selected={grid.key}>
          <h4>{t('ge.selected')}</h4>
          <label>
            {t('ge.rename')}
            <input key={grid.key} defaultValue={grid.name} disabled={!state.editable} maxLength={60} onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== grid.name && rename(e.target.value.trim())} />
          </label>
          {state.editable && !p.editableOnMap() && <p className="hint">{t('ge.cantEdit')}</p>}
          <label>
            {t('ge.neighbour')}
            <select value={other} onChange={(e) => setOther(e.target.value)} disabled={!state.editable || neighbours.length === 0}>
              {neighbours.length === 0 && <option value="">{t('ge.noNeighbour')}</option>}
              {neighbours.map((k) => (
                <option key={k} value={k}>
                  {nameOf(k)}
                </option>
              ))}
            </select>
          </label>
          <div className="buttons">
            <button type="button" data-control="merge" disabled={!state.editable || !other} onClick={() => p.onCommit(mergeInto(state.grids, other, grid.key, state.street))}>
              {t('ge.mergeHere')}
            </button>
            <button type="button" data-control="delete" className="danger" disabled={!state.editable || !other} onClick={() => p.onCommit(mergeInto(state.grids, grid.key, other, state.street))}>
              {t('ge.deleteGive')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
