// Why a building is a reach gap (服务空白), in words a reader can act on: no station within the widest band's
// walk, or the nearest one is within walking bands but the building lies beyond that station's service reach.
// On the road network the reason names walking time; where no roads reach the building it names the
// straight-line distance and says it is an estimate. Minutes come from the configured bands. Pure.
import type { BuildingReach, ReachConfig } from './reach.js';
import { metresPerMinute } from './bands.js';

export type ReachReasonCode = 'no_station_walk' | 'beyond_reach_walk' | 'no_station_straight' | 'beyond_reach_straight';

export interface ReachReason {
  code: ReachReasonCode;
  /** The band the reason speaks of (the widest for "no station", the nearest station's band otherwise). */
  minutes: number;
  /** That band in straight-line metres, for the straight-line reasons; null on the network. */
  metres: number | null;
  label: { zh: string; en: string };
}

type BandConfig = Pick<ReachConfig, 'bandsMinutes' | 'walkingSpeedKmh'>;

const enNum = (n: number) => n.toLocaleString('en-US');

export function reachReasonOf(r: Pick<BuildingReach, 'walkMinutes' | 'band' | 'network'> | undefined, cfg: BandConfig): ReachReason {
  const widest = Math.max(...cfg.bandsMinutes);
  const within = r?.walkMinutes != null && r.walkMinutes <= widest;
  const minutes = within ? (r?.band ?? widest) : widest;
  if (r?.network) {
    return within
      ? { code: 'beyond_reach_walk', minutes, metres: null, label: { zh: `最近阵地在步行${minutes}分钟内，但不在其服务范围`, en: `Nearest station within ${minutes} minutes' walk, but beyond its service reach` } }
      : { code: 'no_station_walk', minutes, metres: null, label: { zh: `步行${minutes}分钟内无党群服务阵地`, en: `No station within ${minutes} minutes' walk` } };
  }
  const metres = Math.round(minutes * metresPerMinute(cfg));
  const note = { zh: '（无路网，按直线估算）', en: ' (no roads here: straight-line estimate)' };
  return within
    ? { code: 'beyond_reach_straight', minutes, metres, label: { zh: `最近阵地在直线${metres}米内，但不在其服务范围${note.zh}`, en: `Nearest station within ${enNum(metres)} m in a straight line, but beyond its service reach${note.en}` } }
    : { code: 'no_station_straight', minutes, metres, label: { zh: `直线${metres}米内无党群服务阵地${note.zh}`, en: `No station within ${enNum(metres)} m in a straight line${note.en}` } };
}
