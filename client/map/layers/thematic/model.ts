// The thematic map's content: the areas one level below the focus, each with its rate and class, the class
// breaks and the legend with counts. One pure function, shared by the layer and the legend so both always agree.
import type { Feature, Geometry } from 'geojson';
import type { RGBA } from '../../colors';
import { breaksFor, classColor, classOf, legendOf, type ClassMethod, type LegendClass, type ThematicRate } from './classes';
import { areaLabelPoint } from './label-point';

export type ThematicLevel = 'district' | 'street' | 'grid';

/** An area's figures as the coverage summary gives them (only what the map needs). */
export interface ThematicFigures {
  id: string;
  name: string;
  level: string;
  enterprises: number;
  rates: Record<ThematicRate, { numerator: number; denominator: number; value: number | null }>;
}

export interface ThematicData {
  /** The level coloured: the focus's children (the city's districts, a district's streets, a street's grids). */
  level: ThematicLevel;
  /** Whose children they are, e.g. 'city:all' (for the legend's title). */
  parent: string;
  figures: ThematicFigures[];
}

export interface ThematicArea {
  id: string;
  level: ThematicLevel;
  name: string;
  value: number | null;
  numerator: number;
  denominator: number;
  klass: number;
  color: RGBA | null;
  geometry: Geometry;
  label: [number, number] | null;
}

export interface ThematicModel {
  level: ThematicLevel;
  rate: ThematicRate;
  method: ClassMethod;
  breaks: number[];
  areas: ThematicArea[];
  legend: { classes: LegendClass[]; noData: number };
}

export function thematicModel(data: ThematicData, geometries: readonly Feature<Geometry>[], rate: ThematicRate, method: ClassMethod): ThematicModel {
  const byId = new Map(geometries.map((f) => [String(f.id), f.geometry]));
  const shown = data.figures.filter((f) => f.level === data.level && byId.has(f.id));
  const values = shown.map((f) => f.rates[rate].value);
  const breaks = breaksFor(method, values);
  const areas = shown.map((f): ThematicArea => {
    const r = f.rates[rate];
    const geometry = byId.get(f.id) as Geometry;
    const klass = classOf(r.value, breaks);
    return { id: f.id, level: data.level, name: f.name, value: r.value, numerator: r.numerator, denominator: r.denominator, klass, color: classColor(klass, breaks.length + 1), geometry, label: areaLabelPoint(geometry) };
  });
  return { level: data.level, rate, method, breaks, areas, legend: legendOf(values, breaks) };
}
