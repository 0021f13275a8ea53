// The thematic map's legend, on the map (DHIS2-style): the rate and how its classes are cut (both chosen here),
// each class with its range and how many areas fall in it, the areas without enterprises, and a note on the
// breaks. At zoom 13 and closer the map colours buildings instead; the legend then only says so.
import { useI18n } from '../../i18n/I18n';
import type { RGBA } from '../../map/colors';
import { NO_DATA } from '../../map/colors';
import { CLASS_METHODS, THEMATIC_RATES, pct, type ClassMethod, type ThematicRate } from '../../map/layers/thematic/classes';
import type { ThematicModel } from '../../map/layers/thematic/model';
import { THEMATIC_MAX_ZOOM } from '../../map/layers/thematic';

const css = (c: RGBA) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`;
export const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));

interface Props {
  model: ThematicModel | null;
  zoom: number;
  rate: ThematicRate;
  method: ClassMethod;
  onChange: (p: { rate?: ThematicRate; classes?: ClassMethod }) => void;
  /** The layer panel is open on the left: the legend sits beside it. */
  besidePanel: boolean;
}

export function ThematicLegend({ model, zoom, rate, method, onChange, besidePanel }: Props) {
  const { t } = useI18n();
  const far = zoom < THEMATIC_MAX_ZOOM;
  const levelName = model ? t(`level.${model.level}`) : '';
  const range = (from: number | null, to: number | null) => (from === null ? `< ${pct(to ?? 1)}` : to === null ? `≥ ${pct(from)}` : `${pct(from)} – ${pct(to)}`);
  return (
    <section className={`thematic-legend${besidePanel ? ' beside-panel' : ''}`} aria-label={t('layer.thematic')} data-legend="thematic">
      <div className="controls">
        <select value={rate} onChange={(e) => onChange({ rate: e.target.value as ThematicRate })} aria-label={t('thematic.rate')} data-control="thematic-rate">
          {THEMATIC_RATES.map((r) => <option key={r} value={r}>{t(`rate.${r}`)}</option>)}
        </select>
        <select value={method} onChange={(e) => onChange({ classes: e.target.value as ClassMethod })} aria-label={t('thematic.method')} data-control="thematic-classes">
          {CLASS_METHODS.map((m) => <option key={m} value={m}>{t(`thematic.${m}`)}</option>)}
        </select>
      </div>
      {!far ? (
        <p className="hint">{fill(t('thematic.zoomHint'), { z: THEMATIC_MAX_ZOOM, now: zoom.toFixed(1) })}</p>
      ) : model ? (
        <>
          <h4>{fill(t('thematic.title'), { rate: t(`rate.${rate}`), level: levelName })}</h4>
          <ul className="classes">
            {[...model.legend.classes].reverse().map((c) => (
              <li key={`${c.from}-${c.to}`} data-class-count={c.count} data-from={c.from ?? ''} data-to={c.to ?? ''}>
                <span className="swatch" style={{ background: css(c.color) }} />
                <span className="range">{range(c.from, c.to)}</span>
                <span className="count">{fill(t('thematic.areas'), { n: c.count })}</span>
              </li>
            ))}
            {model.legend.noData > 0 && (
              <li data-class-count={model.legend.noData} data-class="none">
                <span className="swatch" style={{ background: css(NO_DATA) }} />
                <span className="range">{t('noData')}</span>
                <span className="count">{fill(t('thematic.areas'), { n: model.legend.noData })}</span>
              </li>
            )}
          </ul>
          <p className="hint">
            {method === 'fixed' ? t('thematic.breaksFixed') : fill(t('thematic.breaksQuantile'), { n: model.areas.length, level: levelName })} · {t('thematic.drill')}
          </p>
        </>
      ) : (
        <p className="hint">{t('tree.loading')}</p>
      )}
    </section>
  );
}
