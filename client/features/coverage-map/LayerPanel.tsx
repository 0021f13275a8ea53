import { memo, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { COLOR_BY, LAYER_IDS, type LayerId } from '../../map/layers/types';
import type { ViewState } from './view-state';
import { Legend, type Walk } from './Legend';
import { Formulas } from './Formulas';
import { histogram } from './histogram';

interface Props {
  view: ViewState;
  today: string;
  onChange: (patch: Partial<ViewState>) => void;
  collapsed: boolean;
  onCollapse: (collapsed: boolean) => void;
  walk: Walk;
  /** When each loaded activity was held (ISO), for the histogram over the time slider. */
  activityTimes: readonly string[];
}

const WINDOWS = [7, 30, 90, 180, 365];
const SPEEDS = [1, 2, 4];
const BINS = 52;

const addDays = (d: string, n: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** Memoised: the camera changes on every pan, the panel does not. */
export const LayerPanel = memo(function LayerPanel({ view, today, onChange, collapsed, onCollapse, walk, activityTimes }: Props) {
  const { t } = useI18n();
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
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
    }, 700 / speed);
    return () => clearInterval(timer);
  }, [playing, view.activityEnd, first, today, onChange, speed]);
  const bins = useMemo(() => histogram(activityTimes, first, today, BINS), [activityTimes, first, today]);
  const peak = Math.max(1, ...bins);

  if (collapsed) {
    return (
      <aside className="panel layer-panel collapsed">
        <button type="button" className="panel-toggle" onClick={() => onCollapse(false)} aria-expanded={false} data-control="layer-panel">☰ {t('layers')}</button>
      </aside>
    );
  }
  return (
    <aside className="panel layer-panel">
      <button type="button" className="panel-toggle corner" onClick={() => onCollapse(true)} aria-expanded title={t('collapse')} aria-label={t('collapse')} data-control="layer-panel">‹</button>
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
                <svg className="histogram" viewBox={`0 0 ${BINS} 20`} preserveAspectRatio="none" role="img" aria-label={`${t('histogram')} ${first} – ${today}`} data-legend="histogram">
                  {bins.map((n, i) => (
                    <rect key={i} x={i + 0.1} width={0.8} y={20 - (20 * n) / peak} height={(20 * n) / peak} className={i >= Math.floor(((offset - view.activityDays) / span) * BINS) && i <= Math.floor((offset / span) * BINS) ? 'in' : ''}>
                      <title>{n}</title>
                    </rect>
                  ))}
                </svg>
                <input
                  type="range"
                  min={0}
                  max={span}
                  value={Math.min(span, Math.max(0, offset))}
                  onChange={(e) => onChange({ activityEnd: addDays(first, Number(e.target.value)) })}
                  aria-label={t('activityWindow')}
                />
                <span className="window">
                  {addDays(end, -view.activityDays)} – {end}
                </span>
                <span className="heat-controls">
                  <label>{t('activityWindow')}{' '}
                    <select value={view.activityDays} onChange={(e) => onChange({ activityDays: Number(e.target.value) })} data-control="heat-window">
                      {[...new Set([...WINDOWS, view.activityDays])].sort((a, b) => a - b).map((d) => <option key={d} value={d}>{d} {t('days')}</option>)}
                    </select>
                  </label>
                  <label>{t('speed')}{' '}
                    <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-control="heat-speed">
                      {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
                    </select>
                  </label>
                </span>
                <span className="hint">{t('histogram')}: {t('peakPerBin').replace('{n}', String(peak))}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
      <Legend view={view} walk={walk} />
      <Formulas />
    </aside>
  );
});
