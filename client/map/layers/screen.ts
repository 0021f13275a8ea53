// Positions in Web Mercator pixels of a whole zoom level (512-px tiles, as the map's zoom counts them). Pure.

import { tileOf } from '../../api/tile-grid';

/** [x, y] in pixels of the world at `zoom` (y down), for distances as the screen shows them at that zoom. */
export function worldPixel([lon, lat]: [number, number], zoom: number): [number, number] {
  const [x, y] = tileOf(lon, lat, zoom);
  return [x * 512, y * 512];
}

/** A spatial hash of boxes or points by square cells of `cell` pixels. */
export class CellIndex<T> {
  private readonly cells = new Map<string, T[]>();
  constructor(private readonly cell: number) {}
  private key(i: number, j: number): string {
    return `${i}:${j}`;
  }
  /** Adds an item over the cells its box [x0, y0, x1, y1] touches. */
  add(item: T, [x0, y0, x1, y1]: [number, number, number, number]): void {
    for (let i = Math.floor(x0 / this.cell); i <= Math.floor(x1 / this.cell); i++)
      for (let j = Math.floor(y0 / this.cell); j <= Math.floor(y1 / this.cell); j++) {
        const k = this.key(i, j);
        const list = this.cells.get(k);
        if (list) list.push(item);
        else this.cells.set(k, [item]);
      }
  }
  /** Items in the cells the box touches (maybe more than overlap it: callers test exactly). */
  near([x0, y0, x1, y1]: [number, number, number, number]): Set<T> {
    const out = new Set<T>();
    for (let i = Math.floor(x0 / this.cell); i <= Math.floor(x1 / this.cell); i++)
      for (let j = Math.floor(y0 / this.cell); j <= Math.floor(y1 / this.cell); j++) for (const t of this.cells.get(this.key(i, j)) ?? []) out.add(t);
    return out;
  }
}
