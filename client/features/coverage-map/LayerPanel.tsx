import { memo, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { COLOR_BY, LAYER_IDS, type LayerId } from '../../map/layers/types';
import type { ViewState } from './view-state';
import { Legend } from './Legend';
import { Formulas } from './Formulas';

interface Props {
  view: ViewState;
  today: string;
  onChange: (patch: Partial<ViewState>) => void;
}

const addDays = (d: string, n: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** Memoised: the camera changes on every pan, the panel does not. */
export const LayerPanel = memo(function LayerPanel({ view, today, onChange }: Props) {
  const { t } = useI18n();
  const [playing, setPlaying] = useState(false);
  const toggle = (id: LayerId) => onChange({ layers: view.layers.includes(id) ? view.layers.filter((l) => l !== id) : [...view.layers, id] });
  const end = view.activityEnd ?? today;
  const first = addDays(today, -365 + view.activityDays);
  const offset = Math.round((new Date(end).getTime() - new Date(first).getTime()) / 86_400_000);
  const span = Math.round((new Date(today).getTime() - new Date(first).getTime()) / 86_400_000);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      const next = addDays(view.activityEnd ?? first, 7);
      onChange({ activityEnd: next > today ? first : next });
    }, 700);
    return () => clearInterval(timer);
  }, [playing, view.activityEnd, first, today, onChange]);

  return (
    <aside className="panel layer-panel">
      <h3>{t('layers')}</h3>
      <ul className="toggles">
        {LAYER_IDS.map((id) => (
          <li key={id}>
            <label>
              <input type="checkbox" checked={view.layers.includes(id)} onChange={() => toggle(id)} data-layer={id} />
              {t(`layer.${id}`)}
            </label>
            {id === 'buildings' && view.layers.includes('buildings') && (
              <select value={view.colorBy} onChange={(e) => onChange({ colorBy: e.target.value as ViewState['colorBy'] })} aria-label={t('colorBy')} data-control="color-by">
                {COLOR_BY.map((c) => (
                  <option key={c} value={c}>
                    {t(`color.${c}`)}
                  </option>
                ))}
              </select>
            )}
            {id === 'reach' && view.layers.includes('reach') && (
              <select value={view.reachMode} onChange={(e) => onChange({ reachMode: e.target.value as ViewState['reachMode'] })} aria-label={t('layer.reach')}>
                <option value="circles">{t('reachCircles')}</option>
                <option value="bands">{t('reachBands')}</option>
              </select>
            )}
            {id === 'density' && view.layers.includes('density') && (
              <label className="sub">
                <input type="checkbox" checked={view.uncoveredOnly} onChange={(e) => onChange({ uncoveredOnly: e.target.checked })} />
                {t('uncoveredOnly')}
              </label>
            )}
            {id === 'activity' && view.layers.includes('activity') && (
              <div className="timeline">
                <button type="button" onClick={() => setPlaying(!playing)} aria-pressed={playing}>
                  {playing ? `❚❚ ${t('pause')}` : `▶ ${t('play')}`}
                </button>
                <input
                  type="range"
                  min={0}
                  max={span}
                  value={Math.min(span, Math.max(0, offset))}
                  onChange={(e) => onChange({ activityEnd: addDays(first, Number(e.target.value)) })}
                  aria-label={t('activityWindow')}
                />
                <span className="window">
                  {addDays(end, -view.activityDays)} – {end} ({view.activityDays} {t('days')})
                </span>
              </div>
            )}
          </li>
        ))}
      </ul>
      <Legend view={view} />
      <Formulas />
    </aside>
  );
});
