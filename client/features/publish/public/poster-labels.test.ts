import { describe, expect, it } from 'vitest';
import { overlaps, placeAreaLabel, placeRoadLabels, pointAlong, type Box } from './poster-labels';

const width = (t: string) => [...t].length * 20;

describe('poster labels', () => {
  it('finds the point halfway along a polyline and its direction', () => {
    const p = pointAlong([[0, 0], [100, 0], [100, 100]], 0.5);
    expect(p).toEqual({ x: 100, y: 0, angle: 0 });
    const q = pointAlong([[0, 0], [100, 0], [100, 100]], 0.75);
    expect(q?.x).toBe(100);
    expect(q?.y).toBeCloseTo(50);
    expect(q?.angle).toBeCloseTo(Math.PI / 2);
  });

  it('never lets two names, a marker or the scale bar overlap, and keeps names inside the frame', () => {
    const frame: Box = [0, 0, 1000, 1000];
    const scaleBar: Box = [700, 900, 1000, 1000];
    const marker: Box = [480, 480, 520, 520];
    const taken: Box[] = [scaleBar, marker];
    // Parallel roads close together (the demo's 延安高架路 over 延安中路), a crossing road, one along the scale bar.
    const roads = [
      { text: '延安高架路', line: [[0, 950], [1000, 940]] as [number, number][] },
      { text: '石门一路', line: [[0, 958], [1000, 948]] as [number, number][] },
      { text: '南京西路', line: [[0, 500], [1000, 500]] as [number, number][] },
      { text: '陕西北路', line: [[500, 0], [500, 1000]] as [number, number][] },
      { text: '威海路', line: [[0, 0], [1000, 1000]] as [number, number][] },
    ];
    const placed = placeRoadLabels(roads, width, 20, frame, taken);
    expect(placed.length).toBeGreaterThanOrEqual(4);
    for (const [i, a] of placed.entries()) {
      expect(a.box[0] >= 0 && a.box[1] >= 0 && a.box[2] <= 1000 && a.box[3] <= 1000).toBe(true);
      expect(overlaps(a.box, scaleBar)).toBe(false);
      expect(overlaps(a.box, marker)).toBe(false);
      for (const b of placed.slice(i + 1)) expect(overlaps(a.box, b.box), `${a.text} / ${b.text}`).toBe(false);
    }
    // A north–south road is named upright, characters stacked; a diagonal one follows its angle.
    expect(placed.find((p) => p.text === '陕西北路')?.vertical).toBe(true);
    expect(placed.find((p) => p.text === '威海路')?.angle).toBeCloseTo(Math.PI / 4);
  });

  it('moves an area name off a marker, or leaves it out when nothing fits', () => {
    const taken: Box[] = [[90, 90, 110, 110]];
    const spot = placeAreaLabel('恒隆广场商圈', 100, 100, 120, 26, [0, 0, 1000, 1000], taken);
    expect(spot && overlaps(spot.box, [90, 90, 110, 110])).toBe(false);
    expect(placeAreaLabel('x', 5, 5, 120, 26, [0, 0, 50, 50], [])).toBeNull();
  });
});
