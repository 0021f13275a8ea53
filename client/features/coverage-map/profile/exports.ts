// "导出Excel" links: the export API's collection filtered to what the profile shows.
import type { Level } from '../../../api/types';

export interface ExportLink { collection: string; filters: Record<string, string>; label: 'exportEnterprises' | 'exportBuildings' | 'exportChildren' }

export const exportHref = (e: ExportLink): string => `/api/export/${e.collection}?${new URLSearchParams({ format: 'xlsx', ...e.filters })}`;

/** The lists an area's or a building's profile can export, scoped to it. */
export function exportsFor(level: Level, id: string): ExportLink[] {
  switch (level) {
    case 'building':
      return [{ collection: 'enterprises', filters: { buildingId: id }, label: 'exportEnterprises' }];
    case 'grid':
      return [
        { collection: 'buildings', filters: { gridId: id }, label: 'exportBuildings' },
        { collection: 'enterprises', filters: { gridId: id }, label: 'exportEnterprises' },
      ];
    case 'businessDistrict':
      return [{ collection: 'buildings', filters: { businessDistrictId: id }, label: 'exportBuildings' }];
    case 'street':
      return [
        { collection: 'grids', filters: { streetCode: id }, label: 'exportChildren' },
        { collection: 'buildings', filters: { streetCode: id }, label: 'exportBuildings' },
        { collection: 'enterprises', filters: { streetCode: id }, label: 'exportEnterprises' },
      ];
    case 'district':
      return [{ collection: 'streets', filters: { districtCode: id }, label: 'exportChildren' }];
    default:
      return [{ collection: 'districts', filters: {}, label: 'exportChildren' }];
  }
}
