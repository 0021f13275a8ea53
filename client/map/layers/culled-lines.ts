// Outlines (plain segments) drawn as deck.gl LineLayers, one per spatial chunk, leaving out the chunks the view
// does not touch. Software WebGL (SwiftShader, as on machines without a GPU driver) pays for every instance of an
// instanced layer, in view or not: ~13 µs each off-screen and ~30 µs on-screen, so a city's 10,800 grid edges cost
// ~190 ms of every frame at zoom 12, and as much at zoom 16 where a few hundred are in view (ADR 0018).
import { CompositeLayer, type CompositeLayerProps, type Layer, type Viewport } from '@deck.gl/core';
import { LineLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import type { RGBA } from '../colors';
import { boxesMeet, type BBox } from './geometry';

export interface SegmentChunk {
  bbox: BBox;
  segments: [Position, Position][];
}

export type CulledLineLayerProps = CompositeLayerProps & {
  data: SegmentChunk[];
  getColor: RGBA;
  getWidth: number;
};

const CHUNK = 'chunk-';

/** The part of the world a viewport shows, or null when it cannot say (not geographic, or a corner beyond the
 *  horizon): then every chunk is drawn. */
function viewBox(viewport: Viewport): BBox | null {
  if (!viewport.isGeospatial) return null;
  const b = viewport.getBounds() as number[];
  return b.length === 4 && b.every(Number.isFinite) ? (b as BBox) : null;
}

export class CulledLineLayer extends CompositeLayer<CulledLineLayerProps> {
  static override layerName = 'CulledLineLayer';

  override renderLayers(): Layer[] {
    const { data, getColor, getWidth } = this.props;
    return data.map(
      (chunk, i) =>
        new LineLayer(
          this.getSubLayerProps({
            id: `${CHUNK}${i}`,
            data: chunk.segments,
            getSourcePosition: (d: [number[], number[]]) => d[0],
            getTargetPosition: (d: [number[], number[]]) => d[1],
            getColor,
            getWidth,
            widthUnits: 'pixels',
            pickable: false,
          }),
        ),
    );
  }

  /** Called for each chunk on every frame: drawn only where its box meets the view. */
  override filterSubLayer({ layer, viewport }: { layer: Layer; viewport: Viewport }): boolean {
    const view = viewBox(viewport);
    const at = layer.id.lastIndexOf(CHUNK);
    const chunk = at >= 0 ? this.props.data[Number(layer.id.slice(at + CHUNK.length))] : undefined;
    return !view || !chunk || boxesMeet(chunk.bbox, view);
  }
}
