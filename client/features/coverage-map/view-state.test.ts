import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, decodeView, encodeView, type ViewState } from './view-state';

describe('view state in the URL', () => {
  it('round-trips every field', () => {
    const v: ViewState = {
      layers: ['thematic', 'buildings', 'density', 'gaps'], colorBy: 'combined', rate: 'union', classes: 'quantile', reachMode: 'bands', uncoveredOnly: true, activityEnd: '2026-05-01', activityDays: 14,
      focus: { level: 'grid', id: '3' }, selection: { level: 'building', id: '42' }, camera: { lng: 121.45123, lat: 31.22456, zoom: 15.25, pitch: 40, bearing: -12 }, basemap: 'light',
    };
    expect(decodeView(encodeView(v))).toEqual(v);
  });

  it('falls back field by field on malformed input', () => {
    const v = decodeView(new URLSearchParams('layers=buildings,bogus&color=pink&at=1,2,3&focus=planet:1&sel=building:<script>&days=9999&base=../x&rate=profit&classes=jenks'));
    expect(v.layers).toEqual(['buildings']);
    expect(v.colorBy).toBe(DEFAULT_VIEW.colorBy);
    expect(v.camera).toEqual(DEFAULT_VIEW.camera);
    expect(v.focus).toEqual(DEFAULT_VIEW.focus);
    expect(v.selection).toBeNull();
    expect(v.activityDays).toBe(DEFAULT_VIEW.activityDays);
    expect(v.basemap).toBe(DEFAULT_VIEW.basemap);
    expect([v.rate, v.classes]).toEqual([DEFAULT_VIEW.rate, DEFAULT_VIEW.classes]);
  });

  it('an empty URL is the default view', () => {
    expect(decodeView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
  });
});
