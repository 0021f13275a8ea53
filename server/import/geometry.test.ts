import { describe, expect, it } from 'vitest';
import { checkGeometry } from './geometry.js';

const square = [[121.45, 31.22], [121.46, 31.22], [121.46, 31.23], [121.45, 31.23], [121.45, 31.22]];

describe('boundary geometry checks', () => {
  it('accepts polygons and wraps or unwraps parts as the table needs', () => {
    expect(checkGeometry({ type: 'Polygon', coordinates: [square] }, 'multipolygon')).toMatchObject({ ok: true, geom: { type: 'MultiPolygon' } });
    expect(checkGeometry({ type: 'MultiPolygon', coordinates: [[square]] }, 'polygon')).toMatchObject({ ok: true, geom: { type: 'Polygon' } });
    expect(checkGeometry({ type: 'Point', coordinates: [121.45, 31.22, 10] }, 'polygon-or-point')).toEqual({ ok: true, geom: { type: 'Point', coordinates: [121.45, 31.22] } });
  });
  it.each([
    ['open ring', { type: 'Polygon', coordinates: [square.slice(0, 4)] }],
    ['two-point ring', { type: 'Polygon', coordinates: [[[1, 1], [2, 2]]] }],
    ['latitude 95', { type: 'Polygon', coordinates: [square.map(([x, y]) => [x, (y as number) + 64])] }],
    ['NaN', { type: 'Polygon', coordinates: [[[NaN, 1], [2, 2], [2, 3], [NaN, 1]]] }],
    ['a line', { type: 'LineString', coordinates: square }],
    ['nothing', null],
  ])('refuses %s', (_, g) => {
    expect(checkGeometry(g, 'polygon').ok).toBe(false);
  });
  it('refuses two parts where one grid polygon is needed', () => {
    expect(checkGeometry({ type: 'MultiPolygon', coordinates: [[square], [square]] }, 'polygon')).toMatchObject({ ok: false });
  });
});
