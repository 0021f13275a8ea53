// Properties computed by the coverage engine rather than stored: added to features after the query.
import type { Feature } from 'geojson';
import type { AppServices } from '../http/context.js';
import type { PropertyDef } from './collections.js';

export interface Derived {
  properties: PropertyDef[];
  apply(features: Feature[], services: AppServices): Promise<void>;
}

export const DERIVED: Record<string, Derived> = {
  enterprises: {
    properties: [
      { name: 'partyCoverage', sql: '', type: 'string', description: 'own (单独组建) | joint (联合组建) | instructor (党建指导员/联络员) | none, as of today' },
      { name: 'unionCoverage', sql: '', type: 'string', description: 'own | joint | none, as of today' },
    ],
    async apply(features, services) {
      const model = await services.coverage.model();
      for (const f of features) {
        const c = model.enterprises.get(Number(f.id))?.classified;
        f.properties = { ...f.properties, partyCoverage: c?.party ?? null, unionCoverage: c?.union ?? null };
      }
    },
  },
};
