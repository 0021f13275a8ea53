// Driving the grid editor in a browser: where a coordinate is on screen, a hand-like drag, selecting a grid.
import type { Page } from 'playwright-core';
import type { Position } from 'geojson';

export type Pt = { x: number; y: number };

/** Screen position of a coordinate, through the editor's test hook. */
export async function screenOfOn(p: Page, pos: Position): Promise<Pt> {
  const box = await p.locator('[data-testid=editor-map]').boundingBox();
  if (!box) throw new Error('no map box');
  const q = await p.evaluate(([lng, lat]) => window.__gridEditor?.map.project([lng as number, lat as number]), pos);
  if (!q) throw new Error('no test hook');
  return { x: box.x + q.x, y: box.y + q.y };
}

/** A mouse drag in small steps, as a hand would make it. */
export async function dragOn(p: Page, from: Pt, dx: number, dy: number): Promise<void> {
  await p.mouse.move(from.x, from.y);
  await p.waitForTimeout(150);
  await p.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await p.mouse.move(from.x + (dx * i) / 12, from.y + (dy * i) / 12);
    await p.waitForTimeout(20);
  }
  await p.mouse.up();
  await p.waitForTimeout(400);
}

export async function selectGridOn(p: Page, id: number | string): Promise<void> {
  const k = typeof id === 'number' ? `g:${id}` : id;
  await p.click(`.grid-list [data-grid="${k}"]`);
  await p.waitForSelector(`.selected-grid[data-selected="${k}"]`);
  await p.waitForTimeout(1200); // the map flies to the grid
}

