import { describe, expect, it } from 'vitest';
import { WebMercatorViewport } from '@deck.gl/core';
import type { Layer } from '@deck.gl/core';
import { CulledLineLayer, type SegmentChunk } from './culled-lines';
import { segmentChunks } from './geometry';

// Two chunks a degree apart; a zoom-12 view over the first sees only it.
const chunks: SegmentChunk[] = [
  { bbox: [121.40, 31.20, 121.42, 31.22], segments: [[[121.40, 31.20], [121.42, 31.22]]] },
  { bbox: [122.40, 31.20, 122.42, 31.22], segments: [[[122.40, 31.20], [122.42, 31.22]]] },
];
const layer = new CulledLineLayer({ id: 'outlines', data: chunks, getColor: [1, 2, 3, 255], getWidth: 2 });
const sub = (i: number) => ({ id: `outlines-chunk-${i}` }) as Layer;
const view = (longitude: number, zoom: number, pitch = 0) => new WebMercatorViewport({ width: 1280, height: 800, longitude, latitude: 31.21, zoom, pitch });

describe('CulledLineLayer', () => {
  it('draws only the chunks the view meets', () => {
    const viewport = view(121.41, 12);
    expect(layer.filterSubLayer({ layer: sub(0), viewport } as never)).toBe(true);
    expect(layer.filterSubLayer({ layer: sub(1), viewport } as never)).toBe(false);
    const other = view(122.41, 12);
    expect(layer.filterSubLayer({ layer: sub(0), viewport: other } as never)).toBe(false);
    expect(layer.filterSubLayer({ layer: sub(1), viewport: other } as never)).toBe(true);
  });

  it('draws both when the view holds both, and tilted views keep what they show', () => {
    expect([0, 1].every((i) => layer.filterSubLayer({ layer: sub(i), viewport: view(121.91, 8) } as never))).toBe(true);
    expect(layer.filterSubLayer({ layer: sub(0), viewport: view(121.41, 12, 60) } as never)).toBe(true);
  });

  it('makes one line layer per chunk, with the chunk\'s segments', () => {
    const many = segmentChunks(Array.from({ length: 600 }, (_, i) => [[121 + i / 1000, 31], [121 + (i + 1) / 1000, 31]] as [number[], number[]]), 256);
    const layers = new CulledLineLayer({ id: 'o', data: many, getColor: [0, 0, 0, 255], getWidth: 1 }).renderLayers() as Layer[];
    expect(layers.map((l) => l.id)).toEqual(many.map((_, i) => `o-chunk-${i}`));
    expect(layers.reduce((n, l) => n + (l.props.data as unknown[]).length, 0)).toBe(600);
  });
});
