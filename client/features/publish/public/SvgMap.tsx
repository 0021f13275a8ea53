// The public map: SVG drawn from the publication's own outlines (no tiles, no glyphs, no WebGL), so it
// is light on phones, prints, and works from any static host. Pan by dragging, zoom by buttons/wheel.
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import type { PublicSnapshot, PublicStation } from '../../../../server/publications/contract';
import { labelPoint, projectionFor, rateColor, ringsPath, type Projection } from './geo';
import { STATION_TYPES } from './i18n';
import { clusterPoints, placeLabels, roadLabelAt, textWidth, type Point } from './labels';
import { overlaps, placeAreaLabel, type Box } from './poster-labels';

/** Road widths in CSS pixels by class, and the smallest zoom (map units per pixel) at which a class is named. */
const ROAD_PX: Record<string, number> = { arterial: 7, secondary: 5, branch: 3.5, footway: 2 };
const RANK: Record<string, number> = { party_service_centre: 3, party_service_station: 2, white_collar_home: 2, workers_home: 1 };
/** Stations closer than this many pixels are drawn as one cluster. */
const CLUSTER_PX = 26;

const short = (name: string) => (name.length > 11 ? `${name.slice(0, 10)}…` : name);

function linePath(lines: number[][][], proj: Projection): string {
  return lines.map((l) => l.map(([x, y], i) => {
    const [px, py] = proj.project(x as number, y as number);
    return `${i ? 'L' : 'M'}${px.toFixed(1)} ${py.toFixed(1)}`;
  }).join('')).join('');
}

interface Props {
  data: PublicSnapshot;
  stations: PublicStation[];
  selectedId: string | null;
  user: { lon: number; lat: number } | null;
  onSelect: (id: string) => void;
  /** listSep: between names in a list (、 in Chinese, a comma in English). */
  labels: { alt: string; zoomIn: string; zoomOut: string; reset: string; you: string; listSep: string };
  stationLabel: (s: PublicStation) => string;
}

export function SvgMap({ data, stations, selectedId, user, onSelect, labels, stationLabel }: Props) {
  const proj = useMemo(() => projectionFor(data.bbox), [data.bbox]);
  const pad = Math.max(proj.width, proj.height) * 0.06;
  const home = useMemo(() => ({ x: proj.minX - pad, y: proj.minY - pad, w: proj.width + 2 * pad, h: proj.height + 2 * pad }), [proj, pad]);
  const [view, setView] = useState(home);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const unit = view.w / 400; // one CSS-ish pixel at the current zoom, for stroke and symbol sizes

  const zoom = (f: number, cx = view.x + view.w / 2, cy = view.y + view.h / 2) =>
    setView((v) => {
      const w = Math.min(home.w * 2, Math.max(home.w / 40, v.w * f));
      const h = (v.h / v.w) * w;
      return { x: cx - ((cx - v.x) / v.w) * w, y: cy - ((cy - v.y) / v.h) * h, w, h };
    });
  const toMap = (e: { clientX: number; clientY: number }) => {
    const r = svgRef.current?.getBoundingClientRect();
    if (!r) return { x: 0, y: 0 };
    const s = Math.max(view.w / r.width, view.h / r.height);
    return { x: view.x + view.w / 2 + (e.clientX - r.left - r.width / 2) * s, y: view.y + view.h / 2 + (e.clientY - r.top - r.height / 2) * s };
  };
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if ((e.target as Element).closest('[data-station]')) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    const r = svgRef.current?.getBoundingClientRect();
    if (!d || !r) return;
    const s = Math.max(view.w / r.width, view.h / r.height);
    setView((v) => ({ ...v, x: d.vx - (e.clientX - d.x) * s, y: d.vy - (e.clientY - d.y) * s }));
  };
  const onWheel = (e: ReactWheelEvent<SVGSVGElement>) => {
    const p = toMap(e);
    zoom(e.deltaY > 0 ? 1.25 : 0.8, p.x, p.y);
  };

  const coverage = data.layers.coverage;
  const u = user ? proj.project(user.lon, user.lat) : null;
  const roads = data.roads ?? [];
  const water = data.water ?? [];
  // Road names: each name once, on its longest segment, when the segment is long enough on screen to hold it.
  const roadLabels = useMemo(() => {
    const best = new Map<string, { x: number; y: number; angle: number; length: number }>();
    for (const r of roads) {
      if (!r.name || r.barrier) continue;
      for (const l of r.geometry.coordinates) {
        const at = roadLabelAt(l.map(([x, y]) => proj.project(x as number, y as number)));
        if (at && at.length > (best.get(r.name)?.length ?? 0)) best.set(r.name, at);
      }
    }
    return [...best.entries()];
  }, [roads, proj]);
  const points: Point[] = useMemo(
    () => stations.map((s) => {
      const [x, y] = proj.project(s.lon, s.lat);
      return { id: s.id, x, y, rank: RANK[s.type] ?? 0, text: short(s.name) };
    }),
    [stations, proj],
  );
  const clusters = useMemo(() => clusterPoints(points, unit * CLUSTER_PX), [points, unit]);
  const singles = useMemo(() => new Set(clusters.filter((c) => c.ids.length === 1).map((c) => c.ids[0] as string)), [clusters]);
  // Every name placed once per view, none over another, a station symbol, a cluster or the map's edge (or
  // the zoom buttons): area names first (moved off a symbol, or left out), then road names (left out where
  // they would cover something), then station labels around their symbols.
  const placed = useMemo(() => {
    const taken: Box[] = clusters.map((c): Box => {
      const r = unit * (c.ids.length > 1 ? 14 : 8);
      return [c.x - r, c.y - r, c.x + r, c.y + r];
    });
    const frame: Box = [view.x + unit * 2, view.y + unit * 2, view.x + view.w - unit * 2, view.y + view.h - unit * 2];
    taken.push([view.x + view.w - unit * 44, view.y, view.x + view.w, view.y + unit * 130]);
    const areas = data.businessDistricts.flatMap((b) => {
      const [x, y] = proj.project(...labelPoint(b.geometry.coordinates));
      const spot = placeAreaLabel(b.name, x, y - unit * 3.5, textWidth(b.name, unit * 11), unit * 14, frame, taken);
      return spot ? [{ id: b.id, name: b.name, x: spot.x, y: spot.y + unit * 3.5 }] : [];
    });
    const roadNames = roadLabels.filter(([name, at]) => {
      if (at.length <= unit * 12 * (name.length + 2)) return false;
      const half = textWidth(name, unit * 11) / 2;
      const a = (at.angle * Math.PI) / 180;
      const dx = Math.abs(Math.cos(a)) * half + unit * 6 * Math.abs(Math.sin(a));
      const dy = Math.abs(Math.sin(a)) * half + unit * 6 * Math.abs(Math.cos(a));
      const box: Box = [at.x - dx, at.y - dy, at.x + dx, at.y + dy];
      if (box[0] < frame[0] || box[1] < frame[1] || box[2] > frame[2] || box[3] > frame[3] || taken.some((t) => overlaps(t, box))) return false;
      taken.push(box);
      return true;
    });
    // Outside the frame counts as taken, so no station label runs off the map.
    const far = Math.max(view.w, view.h) * 10;
    const edges: Box[] = [[frame[0] - far, frame[1] - far, frame[0], frame[3] + far], [frame[2], frame[1] - far, frame[2] + far, frame[3] + far], [frame[0] - far, frame[1] - far, frame[2] + far, frame[1]], [frame[0] - far, frame[3], frame[2] + far, frame[3] + far]];
    const stationNames = placeLabels(points.filter((p) => singles.has(p.id) || p.id === selectedId), unit * 12, unit * 7, [...taken, ...edges]);
    return { areas, roadNames, stationNames };
  }, [points, singles, clusters, unit, selectedId, data.businessDistricts, proj, roadLabels, view]);
  const byId = useMemo(() => new Map(stations.map((s) => [s.id, s])), [stations]);
  return (
    <div className="pm-map">
      <svg
        ref={svgRef}
        viewBox={`${view.x} ${view.y} ${view.w} ${view.h}`}
        role="group"
        aria-label={labels.alt}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
        onWheel={onWheel}
      >
        <title>{labels.alt}</title>
        <rect x={view.x} y={view.y} width={view.w} height={view.h} fill="#eef1f4" />
        {data.streets.map((s) => (
          <path key={s.code} d={ringsPath(s.geometry.coordinates, proj)} fill="#fbfaf7" stroke="#868e96" strokeWidth={unit * 1.5} strokeDasharray={`${unit * 6} ${unit * 3}`} />
        ))}
        {water.map((w, i) => (
          <path key={`w${i}`} d={ringsPath(w.geometry.coordinates, proj)} fill="#a5d8ff" stroke="#74c0fc" strokeWidth={unit} />
        ))}
        {data.grids.map((g) => (
          <path key={`g${g.id}`} d={ringsPath(g.geometry.coordinates, proj)} fill={coverage ? rateColor(g.stats?.rates.partyOrg ?? null) : 'none'} fillOpacity={0.75} stroke="#adb5bd" strokeWidth={unit * 0.8} />
        ))}
        {roads.map((r, i) => (
          <path key={`rc${i}`} d={linePath(r.geometry.coordinates, proj)} fill="none" stroke={r.barrier ? '#adb5bd' : '#ced4da'} strokeWidth={unit * ((ROAD_PX[r.class] ?? 3) + 1.5)} strokeLinecap="round" strokeLinejoin="round" />
        ))}
        {roads.map((r, i) => (
          <path key={`r${i}`} d={linePath(r.geometry.coordinates, proj)} fill="none" stroke={r.barrier ? '#e9ecef' : '#fff'} strokeWidth={unit * (ROAD_PX[r.class] ?? 3)} strokeLinecap="round" strokeLinejoin="round" strokeDasharray={r.class === 'footway' ? `${unit * 4} ${unit * 2}` : undefined} />
        ))}
        {placed.roadNames.map(([name, at]) => (
          <text key={`rl${name}`} x={at.x} y={at.y} transform={`rotate(${at.angle} ${at.x} ${at.y})`} dy={unit * 4} fontSize={unit * 11} textAnchor="middle" fill="#495057" stroke="#fff" strokeWidth={unit * 3} paintOrder="stroke" pointerEvents="none">
            {name}
          </text>
        ))}
        {water.map((w, i) => {
          if (!w.name) return null;
          const [x, y] = proj.project(...labelPoint(w.geometry.coordinates[0] ?? []));
          return <text key={`wl${i}`} x={x} y={y} fontSize={unit * 11} textAnchor="middle" fill="#1864ab" fontStyle="italic" pointerEvents="none">{w.name}</text>;
        })}
        {data.businessDistricts.map((b) => (
          <path key={`b${b.id}`} d={ringsPath(b.geometry.coordinates, proj)} fill="none" stroke="#5f3dc4" strokeWidth={unit * 2} />
        ))}
        {placed.areas.map((b) => (
          <text key={`bl${b.id}`} x={b.x} y={b.y} fontSize={unit * 11} textAnchor="middle" fill="#3b2a85" stroke="#fff" strokeWidth={unit * 3} paintOrder="stroke" pointerEvents="none">
            {b.name}
          </text>
        ))}
        {clusters.map((c) => {
          if (c.ids.length > 1) {
            const names = c.ids.map((id) => byId.get(id)?.name ?? '').join(labels.listSep);
            return (
              <g key={`c${c.ids.join('-')}`} data-cluster={c.ids.length} onClick={() => zoom(0.4, c.x, c.y)} style={{ cursor: 'zoom-in' }}>
                <title>{`${c.ids.length} · ${names}`}</title>
                <circle cx={c.x} cy={c.y} r={unit * 13} fill="#b3261e" fillOpacity={0.9} stroke="#fff" strokeWidth={unit * 2.5} />
                <text x={c.x} y={c.y} dy={unit * 4.5} fontSize={unit * 13} fontWeight={700} textAnchor="middle" fill="#fff" pointerEvents="none">{c.ids.length}</text>
              </g>
            );
          }
          const s = byId.get(c.ids[0] as string);
          if (!s) return null;
          const sel = s.id === selectedId;
          return (
            <g key={s.id} data-station={s.id} onClick={() => onSelect(s.id)} style={{ cursor: 'pointer' }}>
              <title>{stationLabel(s)}</title>
              <circle cx={c.x} cy={c.y} r={unit * (sel ? 9 : 6.5)} fill={STATION_TYPES[s.type]?.color ?? '#495057'} stroke="#fff" strokeWidth={unit * 2} />
            </g>
          );
        })}
        {placed.stationNames.map((l) => (
          <text key={`sl${l.id}`} x={l.x} y={l.y} fontSize={unit * 12} fontWeight={l.id === selectedId ? 700 : 500} textAnchor={l.anchor} fill="#1f2328" stroke="#fff" strokeWidth={unit * 3} paintOrder="stroke" pointerEvents="none">
            {points.find((p) => p.id === l.id)?.text}
          </text>
        ))}
        {u && (
          <g pointerEvents="none">
            <title>{labels.you}</title>
            <circle cx={u[0]} cy={u[1]} r={unit * 12} fill="#1971c2" fillOpacity={0.2} />
            <circle cx={u[0]} cy={u[1]} r={unit * 5} fill="#1971c2" stroke="#fff" strokeWidth={unit * 2} />
          </g>
        )}
      </svg>
      <div className="pm-zoom">
        <button type="button" onClick={() => zoom(0.67)} aria-label={labels.zoomIn} title={labels.zoomIn}>+</button>
        <button type="button" onClick={() => zoom(1.5)} aria-label={labels.zoomOut} title={labels.zoomOut}>−</button>
        <button type="button" onClick={() => setView(home)} aria-label={labels.reset} title={labels.reset}>⟲</button>
      </div>
    </div>
  );
}
