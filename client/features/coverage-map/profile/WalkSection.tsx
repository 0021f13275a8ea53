// An area's walking reach in its profile: buildings and workers within 5/10/15 minutes' walk of a station and
// outside, and the largest places not served with the reason (walking time on roads, straight line without).
import { useEffect, useState } from 'react';
import { afterMapDrawnAsk } from '../../../map/first-drawn';
import { getBands, getGaps } from '../../../api/endpoints';
import type { Gap, Level, WalkBands } from '../../../api/types';
import { useI18n } from '../../../i18n/I18n';
import { WalkBandsTable } from './WalkBands';

interface Props {
  level: Exclude<Level, 'building'>;
  id: string;
  streetCode: string | null;
  onOpen: (level: Level, id: string) => void;
}

export function WalkSection({ level, id, streetCode, onOpen }: Props) {
  const { t, num, locale } = useI18n();
  const [bands, setBands] = useState<WalkBands | null>(null);
  const [gaps, setGaps] = useState<Gap[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    setBands(null);
    setGaps([]);
    // After the map's first drawing, two figures at a time: its tiles go first on a busy server (first-drawn.ts).
    afterMapDrawnAsk(() => getBands(level, id, ctrl.signal), ctrl.signal).then(setBands).catch(() => undefined);
    const where = level === 'grid' ? { gridId: id } : level === 'businessDistrict' ? { businessDistrictId: id } : level === 'street' ? { streetCode: id } : level === 'district' ? { districtCode: id } : streetCode ? { streetCode } : {};
    afterMapDrawnAsk(() => getGaps({ level: 'building', kind: 'reach', limit: 3, ...where }, ctrl.signal), ctrl.signal).then((g) => setGaps(g.gaps)).catch(() => undefined);
    return () => ctrl.abort();
  }, [level, id, streetCode]);
  if (!bands) return null;
  return (
    <section data-section="walk">
      <h3>{t('walk.title')}</h3>
      <WalkBandsTable bands={bands} />
      {gaps.length > 0 && (
        <>
          <h3>{t('walk.reachGaps')}</h3>
          <ol className="gaps" data-gaps="reach">
            {gaps.map((g) => (
              <li key={g.id}>
                <button type="button" className="link" onClick={() => onOpen('building', g.id)}>{g.name}</button>
                <span className="muted"> · {num(g.workersAffected)} {t('workersAffected')}</span>
                {g.reachReasons.map((r) => (
                  <div key={`${r.code}:${r.minutes}`} className="suggestion" data-reason={r.code}>{t('walk.why')}: {locale === 'en' ? r.label.en : r.label.zh}</div>
                ))}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
