// Step 5: twelve months of activities at stations (drives the activity heat layer), plus the
// dated events the seed articles report.
import { offset } from './geometry.js';
import { SYNTHETIC, addDays, type Ctx } from './context.js';
import type { ActivityType } from '../../server/domain/vocabulary/index.js';

const TITLES: Record<ActivityType, string[]> = {
  theme_party_day: ['主题党日', '重温入党誓词', '红色寻访'],
  training: ['白领午间课堂', '政策宣讲', '职业技能培训'],
  volunteer: ['志愿服务日', '社区清洁行动', '爱心义卖'],
  culture: ['读书会', '书画沙龙', '红色文化路线导览'],
  wellbeing: ['八段锦元气课堂', '健康跑', '心理减压讲座'],
  council_meeting: ['联席会议', '楼宇议事会', '商圈协商会'],
  union_care: ['送清凉', '职工生日会', '困难职工慰问'],
  youth: ['青年联谊', '青年创新沙龙'],
};
const TYPES = Object.keys(TITLES) as ActivityType[];

interface Fixed {
  station: string;
  title: string;
  type: ActivityType;
  at: string;
  participants: number;
  source: string;
}
const REPORTED: Fixed[] = [
  { station: 'mondelez-station', title: '亿滋党群服务站·职工之家揭牌暨元气课堂(八段锦)午间一小时', type: 'wellbeing', at: '2025-03-21T12:00:00+08:00', participants: 50, source: 'seeds/000 (近50名亿滋职工)' },
  { station: 'sigb-wch', title: '南京西路街道2020年区域化党建联席会议理事会暨白领驿家揭牌', type: 'council_meeting', at: '2020-06-29T14:00:00+08:00', participants: 80, source: 'seeds/004' },
  { station: 'haipo-point', title: '绿地海珀外滩党建联建剪彩暨红色物业授牌', type: 'theme_party_day', at: '2024-07-30T10:00:00+08:00', participants: 60, source: 'seeds/002 (年份为示意)' },
  { station: 'bay-post', title: '上海湾区科创中心楼委会成立', type: 'council_meeting', at: '2022-11-15T14:00:00+08:00', participants: 40, source: 'seeds/001' },
  { station: 'yuquan-station', title: '楼宇党群共建共同体成立', type: 'council_meeting', at: '2021-05-28T10:00:00+08:00', participants: 45, source: 'seeds/003' },
];

export function generateActivities(ctx: Ctx): void {
  const { rng, data, today } = ctx;
  for (const f of REPORTED) {
    const id = ctx.stationByKey.get(f.station);
    const s = data.stations.find((x) => x.id === id);
    if (!s) continue;
    data.activities.push({ id: ctx.nextId('activities'), title: f.title, type: f.type, streetCode: s.streetCode, stationId: s.id ?? null, buildingId: s.buildingId ?? null, heldAt: f.at, participants: f.participants, geom: s.geom, source: f.source });
  }
  for (const s of data.stations) {
    const busy = s.type === 'party_service_centre' ? 5 : s.type === 'mothers_room' ? 0.4 : 2;
    for (let day = 365; day > 0; day -= rng.int(3, 20)) {
      if (!rng.chance(Math.min(1, busy / 3))) continue;
      const opened = s.openedOn ?? '2000-01-01';
      const date = addDays(today, -day);
      if (date.toISOString().slice(0, 10) < opened) continue;
      const type = s.type === 'workers_home' || s.type === 'workers_post' ? rng.pick(['union_care', 'wellbeing', 'training'] as const) : rng.pick(TYPES);
      const hour = rng.pick([12, 12, 14, 15, 18, 19]);
      const heldAt = `${date.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00+08:00`;
      const [lon, lat] = s.geom.coordinates as [number, number];
      data.activities.push({
        id: ctx.nextId('activities'), title: rng.pick(TITLES[type]), type, streetCode: s.streetCode, stationId: s.id ?? null,
        buildingId: s.buildingId ?? null, heldAt, participants: Math.min(300, Math.max(5, Math.round(rng.logNormal(type === 'council_meeting' ? 30 : 22, 0.6)))),
        geom: { type: 'Point', coordinates: offset([lon, lat], rng.range(-8, 8), rng.range(-8, 8)) }, source: SYNTHETIC,
      });
    }
  }
}

/** How the public signs up for a planned activity; no person's name or mobile, only the station itself. */
const SIGNUP = [
  '免费参加，请提前一天到服务台登记',
  '名额 30 人，致电本站公共服务电话报名',
  '无需报名，直接到场',
  '请扫描现场二维码报名，额满即止',
  '面向周边楼宇职工，凭工牌参加',
];
/** Planned activities lie this many days ahead at most: what a public page lists as 近期活动. */
export const UPCOMING_DAYS = 60;

/**
 * Step 8: planned activities in the next UPCOMING_DAYS days at every station open to the public, each with a
 * signup note, dated from the generator's `today` (so a fixed date gives the same rows). Run last: it draws
 * from the seeded generator after every other step, so the territory before it is unchanged.
 */
export function generateUpcomingActivities(ctx: Ctx): void {
  const { rng, data, today } = ctx;
  for (const s of data.stations) {
    if (s.openTo !== 'public') continue;
    const n = s.type === 'party_service_centre' ? 5 : rng.int(2, 3);
    const days = new Set<number>();
    while (days.size < n) days.add(rng.int(1, UPCOMING_DAYS - 1));
    for (const day of [...days].sort((a, b) => a - b)) {
      const type = s.type === 'workers_home' || s.type === 'workers_post' ? rng.pick(['union_care', 'wellbeing', 'training'] as const) : rng.pick(TYPES);
      const time = rng.pick(['12:00', '12:15', '14:00', '18:30', '19:00']);
      const heldAt = `${addDays(today, day).toISOString().slice(0, 10)}T${time}:00+08:00`;
      data.activities.push({
        id: ctx.nextId('activities'), title: rng.pick(TITLES[type]), type, streetCode: s.streetCode, stationId: s.id ?? null,
        buildingId: s.buildingId ?? null, heldAt, participants: 0, signupNote: rng.pick(SIGNUP), geom: s.geom, source: SYNTHETIC,
      });
    }
  }
}
