// The internal map (MapLibre/deck.gl icons), the wall (the same icons) and the public map and poster (SVG and
// canvas) must draw a station type in one colour, with one name.
import { describe, expect, it } from 'vitest';
import { STATION_TYPES, STATION_TYPE_TERMS } from '../../server/domain/vocabulary';
import { STATION_COLORS, STATION_GLYPHS } from './colors';
import { stationIconUrl } from './layers/stations/icons';
import { STATION_TYPES as PUBLIC_STATION_TYPES, typeLabel } from '../features/publish/public/i18n';
import { zhCN } from '../i18n/messages';
import { en } from '../i18n/messages-en';

const hex = ([r, g, b]: number[]) => `#${[r, g, b].map((v) => (v as number).toString(16).padStart(2, '0')).join('')}`;

describe('station types look and read the same on every map', () => {
  it.each([...STATION_TYPES])('%s', (type) => {
    const internal = STATION_COLORS[type] as number[];
    const pub = PUBLIC_STATION_TYPES[type];
    expect(pub, 'the public map knows the type').toBeDefined();
    expect(hex(internal)).toBe(pub?.color);
    expect(pub?.color).toBe(STATION_TYPE_TERMS[type].colour);
    expect(decodeURIComponent(stationIconUrl(type))).toContain(`rgb(${internal.slice(0, 3).join(',')})`);
    expect(decodeURIComponent(stationIconUrl(type))).toContain(`>${STATION_GLYPHS[type]}</text>`);
    expect(typeLabel(type, 'zh-CN')).toBe(zhCN[`station.${type}`]);
    expect(typeLabel(type, 'en')).toBe(en[`station.${type}`]);
  });

  it('白领驿家 is the same gold on the internal and the public map', () => {
    expect(hex(STATION_COLORS.white_collar_home as number[])).toBe('#d4a017');
    expect(PUBLIC_STATION_TYPES.white_collar_home?.color).toBe('#d4a017');
  });
});
