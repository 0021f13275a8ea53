import { useI18n, useLabel } from '../../i18n/I18n';
import { BIVARIATE_LEGEND, NO_DATA, RATE_LEGEND, STATION_COLORS, type RGBA } from '../../map/colors';
import { REACH_COLORS } from '../../map/layers/buildings';
import { ALLIANCE_COLORS } from '../../map/layers/alliances';
import { stationIconUrl } from '../../map/layers/stations/icons';
import type { ViewState } from './view-state';
import { BAND_COLORS } from '../../map/layers/reach';
import { DENSITY_BREAKS, DENSITY_RAMP } from '../../map/layers/density/cells';
import { bandsMethodText, type BandsMethod } from './bands-method';

const css = (c: RGBA) => `rgba(${c[0]},${c[1]},${c[2]},${(c[3] / 255).toFixed(2)})`;

function Swatch({ color, label }: { color: RGBA; label: string }) {
  return (
    <li>
      <span className="swatch" style={{ background: css(color) }} />
      {label}
    </li>
  );
}

export interface Walk {
  speedKmh: number;
  minutes: number[];
  method?: BandsMethod;
  /** Stations drawn as straight-line circles (no road near them). */
  offRoad?: number;
}

export function Legend({ view, walk }: { view: ViewState; walk: Walk }) {
  const { t, num } = useI18n();
  const label = useLabel();
  const on = (id: ViewState['layers'][number]) => view.layers.includes(id);
  return (
    <div className="legend" aria-label={t('legend')}>
      {on('buildings') && (
        <section>
          <h4>{t(`color.${view.colorBy}`)}</h4>
          {view.colorBy === 'combined' ? (
            <div className="bivariate" data-legend="bivariate">
              <span className="y-title">{t('partyAxis')} ↑</span>
              <div className="y-ticks">{['≥80%', '50–80%', '<50%'].map((x) => <span key={x}>{x}</span>)}</div>
              <div className="grid3">
                {[2, 1, 0].map((party) =>
                  [0, 1, 2].map((union) => <span key={`${party}${union}`} title={`${t('partyAxis')} ${['<50%', '50–80%', '≥80%'][party]} · ${t('unionAxis')} ${['<50%', '50–80%', '≥80%'][union]}`} style={{ background: css(BIVARIATE_LEGEND[party]?.[union] as RGBA) }} />),
                )}
              </div>
              <div className="x-ticks">{['<50%', '50–80%', '≥80%'].map((x) => <span key={x}>{x}</span>)}</div>
              <span className="x-title">{t('unionAxis')} →</span>
            </div>
          ) : view.colorBy === 'reach' ? (
            <>
              <ul>
                <Swatch color={REACH_COLORS.served} label={t('served')} />
                <Swatch color={REACH_COLORS.walk10} label={t('band10')} />
                <Swatch color={REACH_COLORS.walk15} label={t('band15')} />
                <Swatch color={REACH_COLORS.none} label={t('unserved')} />
              </ul>
              <p className="hint" data-legend="walk-method">{t('walk.legendFallback')}</p>
            </>
          ) : (
            <ul className="ramp">
              {RATE_LEGEND.map((s) => (
                <Swatch key={s.label} color={s.color} label={s.label} />
              ))}
              <Swatch color={NO_DATA} label={t('noData')} />
            </ul>
          )}
        </section>
      )}
      {(on('stations') || on('reach')) && (
        <section>
          <h4>{t('layer.stations')}</h4>
          <ul className="icons">
            {Object.keys(STATION_COLORS).map((type) => (
              <li key={type}>
                <img src={stationIconUrl(type)} alt="" width={18} height={18} />
                {label('station', type)}
              </li>
            ))}
          </ul>
          {on('reach') && view.reachMode === 'bands' && (
            <ul data-legend="bands">
              {[...walk.minutes].sort((a, b) => a - b).map((m, i) => (
                <Swatch key={m} color={[...(BAND_COLORS[Math.min(i, BAND_COLORS.length - 1)] as RGBA).slice(0, 3), 200] as RGBA} label={`${t('walk')} ${m} ${t('minutes')} · ${num(Math.round((m * walk.speedKmh * 1000) / 60))} ${t('metres')}`} />
              ))}
            </ul>
          )}
          {on('reach') && <p className="hint">{view.reachMode === 'bands' ? `${t('walkSpeed')} ${walk.speedKmh} km/h` : t('reachCircles')}</p>}
          {on('reach') && view.reachMode === 'bands' && <p className="hint" data-legend="bands-method" data-method={walk.method ?? 'loading'}>{bandsMethodText(walk.method, walk.offRoad, t)}</p>}
        </section>
      )}
      {on('density') && (
        <section>
          <h4>{t('layer.density')}</h4>
          <ul className="ramp density" data-legend="density">
            {DENSITY_BREAKS.map((b, i) => (
              <Swatch key={b} color={DENSITY_RAMP[i] as RGBA} label={i === DENSITY_BREAKS.length - 1 ? `≥${num(b)}` : `${num(b)}–${num((DENSITY_BREAKS[i + 1] as number) - 1)}`} />
            ))}
          </ul>
          <p className="hint">{t('densityUnitKm2')}{view.uncoveredOnly ? ` · ${t('uncoveredOnly')}` : ''}</p>
        </section>
      )}
      {on('activity') && (
        <section>
          <h4>{t('layer.activity')}</h4>
          <div className="gradient heat" />
          <p className="hint">{t('weightedByParticipants')}</p>
        </section>
      )}
      {on('alliances') && (
        <section>
          <h4>{t('layer.alliances')}</h4>
          <ul>
            {Object.entries(ALLIANCE_COLORS).map(([kind, c]) => (
              <Swatch key={kind} color={c} label={label('alliance', kind)} />
            ))}
          </ul>
        </section>
      )}
      {on('gaps') && (
        <section>
          <h4>{t('layer.gaps')}</h4>
          <ul>
            <Swatch color={[255, 40, 40, 255]} label={t('gapRank')} />
          </ul>
        </section>
      )}
      {on('boundaries') && <p className="hint">{t('illustrative')}</p>}
    </div>
  );
}
