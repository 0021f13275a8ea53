// The wall map's legend: what a building's colour means (with its scale), what the glow is, and each station
// type's icon that occurs in scope, so a viewer reads the map without asking.
import { useI18n, useLabel } from '../../i18n/I18n';
import { RATE_LEGEND } from '../../map/colors';
import { StationIcon } from './LowerBoards';

export function WallLegend({ stationTypes }: { stationTypes: string[] }) {
  const { t } = useI18n();
  const label = useLabel();
  // Stops at their values (0, 50, 80, 100 %), ticks under them: the scale is not evenly spaced.
  const ramp = RATE_LEGEND.map((s) => `rgb(${s.color[0]},${s.color[1]},${s.color[2]}) ${parseFloat(s.label)}%`).join(', ');
  return (
    <div className="wall-legend" data-testid="wall-legend">
      <div className="legend-title">{t('wall.legendBuildings')}</div>
      <div className="legend-ramp" style={{ background: `linear-gradient(90deg, ${ramp})` }} />
      <div className="legend-ticks">{RATE_LEGEND.map((s) => <span key={s.label} style={{ left: `${parseFloat(s.label)}%` }}>{s.label}</span>)}</div>
      <div className="legend-title heat"><i className="legend-glow" />{t('wall.legendHeat')}</div>
      <ul className="legend-stations">
        {stationTypes.map((type) => <li key={type}><StationIcon type={type} />{label('station', type)}</li>)}
      </ul>
    </div>
  );
}
