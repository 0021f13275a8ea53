// A station's profile: its own walking bands — how many buildings and workers lie within 5/10/15 minutes' walk
// of it (on roads where they reach, else in straight line) and how many of those nearby do not.
import { useEffect, useState } from 'react';
import { getStationBands } from '../../../api/endpoints';
import type { StationWalkBands } from '../../../api/types';
import { useI18n, useLabel } from '../../../i18n/I18n';
import { fill, WalkBandsTable } from './WalkBands';

export function StationProfile({ id, onOpenBuilding }: { id: number; onOpenBuilding: (id: number) => void }) {
  const { t, num } = useI18n();
  const label = useLabel();
  const [s, setS] = useState<StationWalkBands | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    setS(null);
    setError(false);
    getStationBands(id, ctrl.signal).then(setS).catch(() => !ctrl.signal.aborted && setError(true));
    return () => ctrl.abort();
  }, [id]);
  if (error) return <p className="error">{t('errorLoading')}</p>;
  if (!s) return <p className="muted">{t('loading')}</p>;
  const widest = s.bands.at(-1);
  return (
    <div className="profile station" data-station={id}>
      <h2>{s.name}</h2>
      <p className="muted">{t('layer.stations')} · {label('station', s.type)}</p>
      {s.buildingId !== null && (
        <p>{t('walk.inBuilding')}: <button type="button" className="link" onClick={() => onOpenBuilding(s.buildingId as number)} data-open="building">{t('level.building')} #{s.buildingId}</button></p>
      )}
      <section data-section="station-walk">
        <h3>{t('walk.stationTitle')}</h3>
        <WalkBandsTable bands={s} note={[widest ? fill(t('walk.nearBuildings'), { n: num(s.buildings), m: num(widest.metres) }) : '', s.network ? '' : t('walk.stationOffRoad'), t('walk.stationBandsOnMap')].filter(Boolean).join(' · ')} />
      </section>
    </div>
  );
}
