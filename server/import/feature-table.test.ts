import { describe, expect, it } from 'vitest';
import { featuresToTable } from './feature-table';

const isCoordinate = (h: string) => ['lon', 'lat', 'x', 'y', '经度', '纬度'].includes(h.toLowerCase());

describe('a GIS point layer as a roster table', () => {
  it('makes a column per attribute in first-seen order, the id first, the point last, lists as JSON', () => {
    const t = featuresToTable({ format: 'geojson', features: [
      { id: 7, geometry: { type: 'Point', coordinates: [121.1, 31.2] }, properties: { name: '甲', services: ['reading', '休憩'], lon: 1 } },
      { id: 8, geometry: null, properties: { name: '乙', floor: '3F', empty: '' } },
      { id: 9, geometry: { type: 'MultiPoint', coordinates: [[121.3, 31.4]] }, properties: { hoursWeek: [[['09:00', '17:00']]], open: true, n: Number.NaN } },
    ] }, isCoordinate);
    expect(t.rows).toEqual([
      ['id', 'name', 'services', 'floor', 'empty', 'hoursWeek', 'open', 'n', '经度', '纬度'],
      [7, '甲', '["reading","休憩"]', null, null, null, null, null, 121.1, 31.2],
      [8, '乙', null, '3F', null, null, null, null, null, null],
      [9, null, null, null, null, '[[["09:00","17:00"]]]', true, null, 121.3, 31.4],
    ]);
    expect(t).toMatchObject({ format: 'geojson', encoding: null, rowNumbers: [0, 1, 2, 3], headerFirst: true });
  });
  it("keeps an attribute called id rather than the feature's id", () => {
    const t = featuresToTable({ format: 'geojson', features: [{ id: 'f1', geometry: null, properties: { id: 12 } }] }, isCoordinate);
    expect(t.rows).toEqual([['id', '经度', '纬度'], [12, null, null]]);
  });
  it('refuses outlines and multi-point features, naming the feature', () => {
    const square = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
    expect(() => featuresToTable({ format: 'kml', features: [{ geometry: null, properties: {} }, { geometry: square, properties: {} }] }, isCoordinate)).toThrow(/Feature 2 is a Polygon/);
    expect(() => featuresToTable({ format: 'shapefile', features: [{ geometry: { type: 'MultiPoint', coordinates: [[0, 0], [1, 1]] }, properties: {} }] }, isCoordinate)).toThrow(/Feature 1 is a MultiPoint/);
  });
});
