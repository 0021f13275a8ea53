// The breadcrumb's trail for a focus: 全市 › district › street › grid (or business district), named from the
// boundaries the map has; a district without an outline (the synthetic city's) is named by the city summary.
import { useEffect, useMemo, useState } from 'react';
import type { Crumb } from './Breadcrumb';
import type { ViewState } from './view-state';
import type { useMapData } from './useMapData';
import { summaryOf } from './summaries';
import { afterMapDrawnAsk } from '../../map/first-drawn';

/** The whole territory's area id (server/domain/coverage/model.ts CITY_ID). */
export const CITY_ID = 'all';

type Boundaries = Pick<ReturnType<typeof useMapData>['data'], 'streets' | 'districts' | 'grids' | 'businessDistricts'>;

export function useTrail(focus: ViewState['focus'], data: Boundaries, cityName: string): Crumb[] {
  // District names for crumbs of districts without an outline: asked only when one is missing, after the map drew.
  const [districtNames, setDistrictNames] = useState<Record<string, string> | null>(null);
  const missingDistrict = useMemo(() => {
    const outlined = new Set(data.districts.features.map((x) => x.id));
    return data.streets.features.some((x) => x.properties?.districtCode && !outlined.has(x.properties.districtCode as string));
  }, [data.streets, data.districts]);
  useEffect(() => {
    if (!missingDistrict || districtNames) return;
    let live = true;
    void afterMapDrawnAsk(() => summaryOf('city', CITY_ID))
      .then((c) => live && setDistrictNames(Object.fromEntries((c.children ?? []).filter((x) => x.level === 'district').map((x) => [x.id, x.name]))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [missingDistrict, districtNames]);

  return useMemo<Crumb[]>(() => {
    const street = (code: string) => data.streets.features.find((f) => f.id === code);
    const district = (code: string) => data.districts.features.find((f) => f.id === code);
    const crumbs: Crumb[] = [];
    const f = focus;
    let streetCode: string | null = null;
    if (f.level === 'grid') {
      const g = data.grids.features.find((x) => String(x.id) === f.id);
      streetCode = (g?.properties?.streetCode as string) ?? null;
      if (g) crumbs.unshift({ level: 'grid', id: f.id, name: String(g.properties?.name) });
    } else if (f.level === 'businessDistrict') {
      const b = data.businessDistricts.features.find((x) => String(x.id) === f.id);
      streetCode = (b?.properties?.streetCode as string) ?? null;
      if (b) crumbs.unshift({ level: 'businessDistrict', id: f.id, name: String(b.properties?.name) });
    } else if (f.level === 'street') streetCode = f.id;
    const s = streetCode ? street(streetCode) : undefined;
    if (s) crumbs.unshift({ level: 'street', id: String(s.id), name: String(s.properties?.name) });
    const dCode = f.level === 'district' ? f.id : (s?.properties?.districtCode as string | undefined);
    const d = dCode ? district(dCode) : undefined;
    if (d) crumbs.unshift({ level: 'district', id: String(d.id), name: String(d.properties?.name) });
    // A district drawn nowhere (no outline, as the synthetic city's) still has its crumb, named by the city summary.
    else if (dCode && districtNames?.[dCode]) crumbs.unshift({ level: 'district', id: dCode, name: districtNames[dCode] });
    crumbs.unshift({ level: 'city', id: CITY_ID, name: cityName });
    return crumbs;
  }, [focus, data.streets, data.districts, data.grids, data.businessDistricts, districtNames, cityName]);
}
