// Under the wall's map: 活动动态 (the latest activities, newest first) and 党群阵地 (the stations in scope), each
// rolling one row at a time when there are more than fit, so an unattended wall shows everything in turn.
import { useEffect, useState } from 'react';
import { useI18n, useLabel } from '../../i18n/I18n';
import { STATION_COLORS, STATION_GLYPHS } from '../../map/colors';
import type { MapData } from '../../map/layers/types';
import { rollingWindow } from './rolling';

const ROWS = 4;
const ROLL_MS = 5000;

function useTick(): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((x) => x + 1), ROLL_MS);
    return () => clearInterval(timer);
  }, []);
  return tick;
}

export function StationIcon({ type }: { type: string }) {
  const [r, g, b] = STATION_COLORS[type] ?? [160, 160, 160];
  return <span className="station-icon" aria-hidden="true" style={{ background: `rgb(${r},${g},${b})` }}>{STATION_GLYPHS[type] ?? '·'}</span>;
}

export function LowerBoards({ data }: { data: MapData }) {
  const { t, num, locale } = useI18n();
  const label = useLabel();
  const tick = useTick();
  const activities = [...data.activities.features]
    .sort((a, b) => b.properties.heldAt.localeCompare(a.properties.heldAt))
    .slice(0, 20);
  const stations = [...data.stations.features].sort((a, b) => a.properties.type.localeCompare(b.properties.type) || a.properties.name.localeCompare(b.properties.name, 'zh-CN'));
  const day = (iso: string) => new Date(iso).toLocaleDateString(locale, { month: '2-digit', day: '2-digit', timeZone: 'Asia/Shanghai' });
  return (
    <div className="wall-lower">
      <div className="board feed" data-board="feed">
        <h3>{t('wall.feed')}</h3>
        {activities.length === 0 ? <p className="board-empty">{t('none')}</p> : (
          <ol>
            {rollingWindow(activities, tick, ROWS).map((a, i) => (
              <li key={`${String(a.id ?? i)}-${a.properties.heldAt}`}>
                <span className="when">{day(a.properties.heldAt)}</span>
                <span className="name">{a.properties.title}</span>
                <span className="val">{num(a.properties.participants)} <small>{t('participants')}</small></span>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div className="board stations" data-board="stations">
        <h3>{t('wall.stations')} <small>{num(stations.length)} {t('wall.stationsUnit')}</small></h3>
        <ol>
          {rollingWindow(stations, tick, ROWS).map((s, i) => (
            <li key={String(s.id ?? i)}>
              <StationIcon type={s.properties.type} />
              <span className="name">{s.properties.name}</span>
              <span className="kind">{label('station', s.properties.type)}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
