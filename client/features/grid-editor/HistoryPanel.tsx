// The street's change sets, newest first: select one to see that version as a ghost on the map with the
// areas that belonged to another grid then, and revert to it (as a new change set).
import { useEffect, useState } from 'react';
import type { Polygon } from 'geojson';
import { useI18n } from '../../i18n/I18n';
import { ApiError } from '../../api/http';
import { getHistory, getHistoryItem, revertTo, type HistoryDetail, type HistoryItem } from './api';
import { changedAreas, type Areal, type EditGrid } from './topology';
import { format } from './format';

interface Props {
  streetCode: string;
  tick: number;
  current: EditGrid[];
  editable: boolean;
  onGhost: (g: { grids: Polygon[]; diff: Areal[] } | null) => void;
  onReverted: (changeSetId: number | null) => void;
  onZoom: (g: Areal | null) => void;
}

export function HistoryPanel({ streetCode, tick, current, editable, onGhost, onReverted, onZoom }: Props) {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<HistoryItem[] | null>(null);
  const [open, setOpen] = useState<HistoryDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    getHistory(streetCode, ac.signal)
      .then((r) => setItems(r.items))
      .catch((e: Error) => ac.signal.aborted || setError(e.message));
    return () => ac.abort();
  }, [streetCode, tick]);

  // The ghost follows the selected version and the current saved grids.
  useEffect(() => {
    if (!open) {
      onGhost(null);
      return;
    }
    const now = current.filter((g) => g.id !== null).map((g) => ({ id: g.id as number, name: g.name, geometry: g.geometry }));
    const diff = changedAreas(open.after, now).map((d) => d.geometry);
    onGhost({ grids: open.after.map((g) => g.geometry), diff });
  }, [open, current]);

  const show = async (id: number) => {
    if (open?.id === id) {
      setOpen(null);
      return;
    }
    try {
      const d = await getHistoryItem(streetCode, id);
      setOpen(d);
      onZoom(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const revert = async (state: 'before' | 'after') => {
    if (!open) return;
    try {
      const base = current.flatMap((g) => (g.id === null || g.version === null ? [] : [{ id: g.id, version: g.version }]));
      const r = await revertTo(streetCode, open.id, state, format(t('ge.revertOf'), { id: open.id }), base);
      setOpen(null);
      onReverted(r.changeSetId);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.status} ${e.message}` : (e as Error).message);
    }
  };

  const when = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <section className="ge-history">
      <h3>{t('ge.history')}</h3>
      {error && <p className="error small">{error}</p>}
      {items?.length === 0 && <p className="muted small">{t('ge.historyEmpty')}</p>}
      <ol>
        {items?.map((h) => (
          <li key={h.id} className={open?.id === h.id ? 'open' : ''} data-history={h.id}>
            <button type="button" className="link" onClick={() => void show(h.id)} title={t('ge.showVersion')}>
              #{h.id} · {h.actor.replace(/^(user|token):/, '')} · {when(h.at)}
            </button>
            {h.note && <div className="small">{h.note}</div>}
            <div className="small muted">
              {h.changes.map((c) => `${c.name} ${t(`ge.action.${c.action}`)}`).join(' · ')}
              {h.revertOf !== null && ` · ${format(t('ge.revertOf'), { id: h.revertOf })}`}
            </div>
            {open?.id === h.id && (
              <div className="version">
                <p className="small legend-line">
                  <i className="sw ghost" /> {t('ge.ghostLegend')} <i className="sw diff" /> {t('ge.diffLegend')}
                </p>
                {editable && (
                  <div className="buttons">
                    <button type="button" data-control="revert" onClick={() => void revert('after')}>
                      {t('ge.revertAfter')}
                    </button>
                    <button type="button" data-control="revert-before" onClick={() => void revert('before')}>
                      {t('ge.revertBefore')}
                    </button>
                  </div>
                )}
                <button type="button" className="link small" onClick={() => setOpen(null)}>
                  {t('ge.hideVersion')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
