// Stations grouped where their icons would overlap at a zoom level (greedy, like supercluster's single pass):
// each not yet grouped station, in a fixed order, takes every ungrouped station within `radius` pixels of it.
// Pure: the same stations and zoom give the same groups.
import { CellIndex, worldPixel } from '../screen';

export interface Group<T> {
  /** Where the group is drawn: the mean of its members (a lone station: its own position). */
  at: [number, number];
  members: T[];
}

export function clusterPoints<T>(items: readonly T[], position: (t: T) => [number, number], zoom: number, radius: number): Group<T>[] {
  const px = items.map((t) => worldPixel(position(t), zoom));
  const index = new CellIndex<number>(radius);
  px.forEach(([x, y], i) => index.add(i, [x, y, x, y]));
  const taken = new Uint8Array(items.length);
  const groups: Group<T>[] = [];
  for (let i = 0; i < items.length; i++) {
    if (taken[i]) continue;
    const [x, y] = px[i] as [number, number];
    const members: number[] = [];
    for (const j of index.near([x - radius, y - radius, x + radius, y + radius])) {
      if (taken[j]) continue;
      const [xj, yj] = px[j] as [number, number];
      if ((xj - x) ** 2 + (yj - y) ** 2 <= radius * radius) members.push(j);
    }
    members.sort((a, b) => a - b);
    for (const j of members) taken[j] = 1;
    const lon = members.reduce((s, j) => s + position(items[j] as T)[0], 0) / members.length;
    const lat = members.reduce((s, j) => s + position(items[j] as T)[1], 0) / members.length;
    groups.push({ at: [lon, lat], members: members.map((j) => items[j] as T) });
  }
  return groups;
}
