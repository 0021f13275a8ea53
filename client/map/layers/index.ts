// All layers in drawing order, for the layers the user turned on.
import type { LayerId } from './types';
import { activityLayers } from './activity';
import { allianceLayers } from './alliances';
import { boundaryLayers } from './boundaries';
import { buildingLayers } from './buildings';
import { densityLayers } from './density';
import { gapLayers } from './gaps';
import { reachLayers, stationBandLayers } from './reach';
import { stationLayers, stationMarks } from './stations';
import { thematicLayers } from './thematic';
import type { LayerSpec, MapData, StyleState } from './types';

const BUILDERS: [LayerId, (d: MapData, s: StyleState) => LayerSpec[]][] = [
  ['thematic', thematicLayers],
  ['density', densityLayers],
  ['activity', activityLayers],
  ['reach', reachLayers],
  ['boundaries', boundaryLayers],
  ['buildings', buildingLayers],
  ['gaps', gapLayers],
  ['alliances', allianceLayers],
  ['stations', stationLayers],
];

/** Text and icons draw last, over the 3D buildings; everything else keeps the builders' order. */
const onTop = (s: LayerSpec) => s.type === 'TextLayer' || s.type === 'IconLayer';

export function buildLayers(on: LayerId[], data: MapData, style: StyleState): LayerSpec[] {
  // Area names give way to the station icons and badges drawn over them.
  const s = on.includes('stations') && style.zoom !== undefined ? { ...style, labelMarks: stationMarks(data, style) } : style;
  const specs = BUILDERS.filter(([id]) => on.includes(id)).flatMap(([, build]) => build(data, s));
  return [...specs.filter((s) => !onTop(s)), ...stationBandLayers(data, s), ...specs.filter(onTop)];
}
