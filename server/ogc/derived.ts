// Properties computed by the coverage engine rather than stored: added to features after the query.
import type { Feature } from 'geojson';
import type { AppServices } from '../http/context.js';
import type { PropertyDef } from './collections.js';

export interface Derived {
  properties: PropertyDef[];
  /** The derived properties of the features with these ids, in their order (a property is null where unknown). */
  /** `seen`: a change-log id read during the request (a tile's), so the model need not read the log again. */
  figures(ids: number[], services: AppServices, seen?: number): Promise<Record<string, unknown>[]>;
  /** Adds them to features (the items, the exports). */
  apply(features: Feature[], services: AppServices): Promise<void>;
}

const ratio = (r: { value: number | null }) => (r.value === null ? null : Math.round(r.value * 10_000) / 10_000);

function derived(properties: PropertyDef[], figures: Derived['figures']): Derived {
  return {
    properties,
    figures,
    async apply(features, services) {
      if (features.length === 0) return;
      const values = await figures(features.map((f) => Number(f.id)), services);
      features.forEach((f, i) => {
        f.properties = { ...f.properties, ...values[i] };
      });
    },
  };
}

export const DERIVED: Record<string, Derived> = {
  buildings: derived(
    [
      { name: 'enterprises', sql: '', type: 'integer', description: 'Operating enterprises, today' },
      { name: 'employees', sql: '', type: 'integer', description: 'Employees of operating enterprises' },
      { name: 'partyOrgRate', sql: '', type: 'number', description: '党组织覆盖率 (null when no enterprise)' },
      { name: 'standaloneRate', sql: '', type: 'number', description: '单独组建率' },
      { name: 'workRate', sql: '', type: 'number', description: '工作覆盖率' },
      { name: 'unionRate', sql: '', type: 'number', description: '工会覆盖率' },
      { name: 'served', sql: '', type: 'boolean', description: 'Within the reach of a station' },
      { name: 'walkBand', sql: '', type: 'integer', description: 'Walking minutes band (5/10/15) to the nearest public station, or null' },
    ],
    async (ids, services, seen) => {
      const figures = await services.coverage.ask({ q: 'derivedBuildings', ids }, seen !== undefined ? { seen } : {});
      return figures.map(({ node, served, band }) => ({
        enterprises: node?.enterprises ?? 0,
        employees: node?.employees ?? 0,
        partyOrgRate: node ? ratio(node.rates.partyOrg) : null,
        standaloneRate: node ? ratio(node.rates.standalone) : null,
        workRate: node ? ratio(node.rates.work) : null,
        unionRate: node ? ratio(node.rates.union) : null,
        served,
        walkBand: band,
      }));
    },
  ),
  enterprises: derived(
    [
      { name: 'partyCoverage', sql: '', type: 'string', description: 'own (单独组建) | joint (联合组建) | instructor (党建指导员/联络员) | none, as of today' },
      { name: 'unionCoverage', sql: '', type: 'string', description: 'own | joint | none, as of today' },
    ],
    async (ids, services, seen) => {
      const classes = await services.coverage.ask({ q: 'derivedEnterprises', ids }, seen !== undefined ? { seen } : {});
      return classes.map((c) => ({ partyCoverage: c?.party ?? null, unionCoverage: c?.union ?? null }));
    },
  ),
};
