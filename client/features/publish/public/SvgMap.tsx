// The public map: SVG drawn from the publication's own outlines (no tiles, no glyphs, no WebGL), so it
// is light on phones, prints, and works from any static host. Pan by dragging, zoom by buttons/wheel.
import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent, type WheelEvent as ReactWheelEvent } from 'react';
import type { PublicSnapshot, PublicStation } from '../../../../server/publications/contract';
import { labelPoint, projectionFor, rateColor, ringsPath } from './geo';
import { STATION_TYPES } from './i18n';

interface Props {
  data: PublicSnapshot;
  stations: PublicStation[];
  selectedId: string | null;
  user: { lon: number; lat: number } | null;
  onSelect: (id: string) => void;
  labels: { alt: string; zoomIn: string; zoomOut: string; reset: string; you: string };
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
        {data.grids.map((g) => (
          <path key={`g${g.id}`} d={ringsPath(g.geometry.coordinates, proj)} fill={coverage ? rateColor(g.stats?.rates.partyOrg ?? null) : 'none'} fillOpacity={0.75} stroke="#adb5bd" strokeWidth={unit * 0.8} />
        ))}
        {data.businessDistricts.map((b) => (
          <path key={`b${b.id}`} d={ringsPath(b.geometry.coordinates, proj)} fill="none" stroke="#5f3dc4" strokeWidth={unit * 2} />
        ))}
        {data.businessDistricts.map((b) => {
          const [x, y] = proj.project(...labelPoint(b.geometry.coordinates));
          return (
            <text key={`bl${b.id}`} x={x} y={y} fontSize={unit * 11} textAnchor="middle" fill="#3b2a85" stroke="#fff" strokeWidth={unit * 3} paintOrder="stroke" pointerEvents="none">
              {b.name}
            </text>
          );
        })}
        {stations.map((s) => {
          const [x, y] = proj.project(s.lon, s.lat);
          const sel = s.id === selectedId;
          return (
            <g key={s.id} data-station={s.id} onClick={() => onSelect(s.id)} style={{ cursor: 'pointer' }}>
              <title>{stationLabel(s)}</title>
              <circle cx={x} cy={y} r={unit * (sel ? 9 : 6)} fill={STATION_TYPES[s.type]?.color ?? '#495057'} stroke="#fff" strokeWidth={unit * 2} />
            </g>
          );
        })}
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
