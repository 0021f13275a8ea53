// The thematic map without a browser: class breaks (fixed bands, quantiles), the legend's counts, label points
// inside their areas, and the layer's colours following the rates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon, point } from '@turf/turf';
import { CLASS_COUNT, FIXED_BREAKS, THEMATIC_RAMP, classColor, classOf, legendOf, pct, quantileBreaks } from './classes';
import { areaLabelPoint } from './label-point';
import { fittedLabel, screenSize, textWidth } from './fit';
import { thematicLayers, THEMATIC_LAYER_ID } from './index';
import type { ThematicArea, ThematicFigures } from './model';
import { EMPTY_DATA, type MapData, type StyleState } from '../types';
import { identity } from '../../coords';

const rateValue = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null, freq: 8 });

describe('class breaks', () => {
  it('fixed bands: below 50%, 50–70%, 70–80%, 80–90%, 90% and above; no enterprises is no class', () => {
    expect([0, 0.4999, 0.5, 0.69, 0.7, 0.8, 0.85, 0.9, 1].map((v) => classOf(v, FIXED_BREAKS))).toEqual([0, 0, 1, 1, 2, 3, 3, 4, 4]);
    expect(classOf(null, FIXED_BREAKS)).toBe(-1);
    expect(classColor(0, 5)).toEqual(THEMATIC_RAMP[0]);
    expect(classColor(4, 5)).toEqual(THEMATIC_RAMP[4]);
  });

  it('quantiles: increasing breaks inside the values, classes about equal in size', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 300 }), (values) => {
        const b = quantileBreaks(values);
        if (b.length > CLASS_COUNT - 1) return false;
        if (b.some((x, i) => i > 0 && x <= (b[i - 1] as number))) return false;
        const [lo, hi] = [Math.min(...values), Math.max(...values)];
        if (b.some((x) => x <= lo || x > hi + 0.0005)) return false;
        // With distinct values, no class holds more than its share by more than rounding to 0.1% can move.
        const distinct = new Set(values.map((v) => Math.round(v * 1000))).size === values.length;
        if (distinct && values.length >= 10 && b.length === CLASS_COUNT - 1) {
          const { classes } = legendOf(values, b);
          const share = values.length / CLASS_COUNT;
          return classes.every((c) => c.count <= Math.ceil(share) + 1);
        }
        return true;
      }),
      { numRuns: 2000 },
    );
    expect(quantileBreaks([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])).toEqual([0.3, 0.5, 0.7, 0.9]);
    // All the same: one class.
    expect(quantileBreaks([0.4, 0.4, 0.4])).toEqual([]);
  });

  it('the legend counts every area once: in its class, or without data', () => {
    fc.assert(
      fc.property(fc.array(rateValue, { maxLength: 200 }), fc.boolean(), (values, quant) => {
        const b = quant ? quantileBreaks(values) : [...FIXED_BREAKS];
        const { classes, noData } = legendOf(values, b);
        if (classes.length !== b.length + 1) return false;
        if (classes.reduce((s, c) => s + c.count, 0) + noData !== values.length) return false;
        return classes.every((c, k) => c.count === values.filter((v) => classOf(v, b) === k).length) && noData === values.filter((v) => v === null).length;
      }),
      { numRuns: 1000 },
    );
  });

  it('writes rates with one decimal', () => {
    expect([0, 0.5, 0.8234, 0.99999, 1].map(pct)).toEqual(['0%', '50%', '82.3%', '100%', '100%']);
  });
});

describe('label points', () => {
  it('fall inside the largest polygon, even a concave one (a U whose centroid is outside it)', () => {
    const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const p = areaLabelPoint(u) as [number, number];
    expect(booleanPointInPolygon(point(p), u)).toBe(true);
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]]], u.coordinates] };
    expect(booleanPointInPolygon(point(areaLabelPoint(multi) as [number, number]), u)).toBe(true);
  });
});

describe('the thematic layer', () => {
  const square = (x: number): Polygon => ({ type: 'Polygon', coordinates: [[[x, 31], [x + 0.01, 31], [x + 0.01, 31.01], [x, 31.01], [x, 31]]] });
  const fig = (id: string, value: number | null): ThematicFigures => {
    const r = { numerator: value === null ? 0 : Math.round(value * 100), denominator: value === null ? 0 : 100, value };
    return { id, name: `街道${id}`, level: 'street', enterprises: r.denominator, rates: { partyOrg: r, standalone: r, work: r, union: { ...r, value: value === null ? null : 1 - value }, workersServed: r } };
  };
  const style = (rate: 'partyOrg' | 'union', method: 'fixed' | 'quantile'): StyleState => ({
    colorBy: 'party', reachMode: 'circles', uncoveredOnly: false, activityWindow: ['', ''], theme: 'dark', selection: null, reachByType: {}, walkingSpeedKmh: 4.5,
    bandsMinutes: [], toMap: identity, label: (_p, c) => c, thematic: { rate, method, strength: 'strong' },
  });

  it("colours each area with its rate's class colour, for the rate chosen, and labels it with the value", () => {
    fc.assert(
      fc.property(fc.array(rateValue, { minLength: 1, maxLength: 40 }), fc.constantFrom('partyOrg', 'union') as fc.Arbitrary<'partyOrg' | 'union'>, fc.constantFrom('fixed', 'quantile') as fc.Arbitrary<'fixed' | 'quantile'>, (values, rate, method) => {
        const figures = values.map((v, i) => fig(String(i), v));
        const streets = { type: 'FeatureCollection', features: figures.map((f, i): Feature<MultiPolygon> => ({ type: 'Feature', id: f.id, geometry: { type: 'MultiPolygon', coordinates: [square(121 + i * 0.02).coordinates] }, properties: {} })) };
        const data: MapData = { ...EMPTY_DATA, streets: streets as MapData['streets'], thematic: { level: 'street', parent: 'district:1', figures } };
        const [areas, labels] = thematicLayers(data, style(rate, method));
        expect(areas?.props.id).toBe(THEMATIC_LAYER_ID);
        const feats = areas?.props.data as { id: string; properties: ThematicArea }[];
        const colour = areas?.props.getFillColor as (f: { properties: ThematicArea }) => number[];
        const rates = figures.map((f) => f.rates[rate].value);
        const breaks = method === 'fixed' ? [...FIXED_BREAKS] : quantileBreaks(rates);
        for (const f of feats) {
          const r = figures.find((x) => x.id === f.id)?.rates[rate].value ?? null;
          const k = classOf(r, breaks);
          const expected = classColor(k, breaks.length + 1);
          if (expected) expect(colour(f).slice(0, 3)).toEqual(expected.slice(0, 3));
          else expect(colour(f).slice(0, 3)).not.toEqual(THEMATIC_RAMP[0]?.slice(0, 3));
        }
        const texts = (labels?.props.data as { text: string }[]).map((l) => l.text);
        expect(texts).toEqual(figures.map((f) => `${f.name}\n${f.rates[rate].value === null ? '—' : pct(f.rates[rate].value as number)}`));
      }),
      { numRuns: 200 },
    );
  });

  it('draws nothing close in (the buildings carry the colours there) or before the figures arrive', () => {
    const data: MapData = { ...EMPTY_DATA, thematic: null };
    expect(thematicLayers(data, style('partyOrg', 'fixed'))).toEqual([]);
    const s = style('partyOrg', 'fixed');
    expect(thematicLayers({ ...EMPTY_DATA, thematic: { level: 'street', parent: 'district:1', figures: [] } }, { ...s, thematic: { rate: 'partyOrg', method: 'fixed', strength: 'off' } })).toEqual([]);
  });
});

describe('labels that fit', () => {
  // About 1 km × 1 km at Shanghai.
  const km: Polygon = { type: 'Polygon', coordinates: [[[121.4, 31.2], [121.4105, 31.2], [121.4105, 31.209], [121.4, 31.209], [121.4, 31.2]]] };
  it('name and value where both fit, the value alone where only it fits, nothing where the area is a few pixels', () => {
    // A kilometre is ~7.6 px at zoom 10, ~61 px at 13, ~122 px at 14.
    expect(screenSize(km, 13)[0]).toBeGreaterThan(55);
    expect(screenSize(km, 13)[0]).toBeLessThan(65);
    expect(fittedLabel(km, 10, '南京西路街道', '82.3%', 14, true)).toBeNull();
    expect(fittedLabel(km, 13, '南京西路街道', '82.3%', 14, true)).toBe('82.3%');
    expect(fittedLabel(km, 14, '南京西路街道', '82.3%', 14, true)).toBe('南京西路街道\n82.3%');
    expect(fittedLabel(km, 15, '第一网格', '82.3%', 13, false)).toBe('82.3%');
    expect(textWidth('合成街道12', 10)).toBeCloseTo(52, 6);
  });
});
