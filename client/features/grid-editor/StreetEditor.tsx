// One street's editing session: loads the street, holds the edit state, validates live, and wires the
// map, the tool panel, the problem list, the save/preview panel, history and import/export together.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { LineString, Polygon, Position } from 'geojson';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { ApiError } from '../../api/http';
import type { Basemap } from '../../api/types';
import { getEditorData, getRoadLines, type EditorData } from './api';
import { reduce } from './editor-state';
import { useEditorMap } from './useEditorMap';
import type { Tool } from './EditorMap';
import { applyRingEdit, bboxOf, carveNewGrid, changesFrom, ringEdit, splitGrid, validate, type Areal, type EditGrid, type EditResult, type Problem } from './topology';
import { format } from './format';
import { Toolbar } from './Toolbar';
import { GridPanel } from './GridPanel';
import { ProblemList } from './ProblemList';
import { SavePanel } from './SavePanel';
import { HistoryPanel } from './HistoryPanel';
import { ImportExport } from './ImportExport';

export interface EditorProps {
  streetCode: string;
  basemap: Basemap;
  onDirty: (dirty: boolean) => void;
}

export function StreetEditor({ streetCode, basemap, onDirty }: EditorProps) {
  const { t } = useI18n();
  const [state, dispatch] = useReducer(reduce, null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [tool, setTool] = useState<Tool>('select');
  const [notice, setNotice] = useState<string | null>(null);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [focus, setFocus] = useState<Areal | null>(null);
  const [ghost, setGhost] = useState<{ grids: Polygon[]; diff: Areal[] } | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  // Snapping to road centre lines: off until the planner asks; the lines load once, when first asked.
  const [snapRoads, setSnapRoads] = useState(false);
  const [roadLines, setRoadLines] = useState<Position[][] | 'loading' | 'failed' | null>(null);
  // Buildings and stations as last loaded (they change grid only when a save lands).
  const [placed, setPlaced] = useState<Pick<EditorData, 'buildings' | 'stations'> | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const fitted = useRef(false);

  const load = useCallback(
    async (signal?: AbortSignal): Promise<EditorData | null> => {
      try {
        const data = await getEditorData(streetCode, signal);
        setPlaced({ buildings: data.buildings, stations: data.stations });
        return data;
      } catch (e) {
        if (signal?.aborted) return null;
        setLoadError(e instanceof ApiError && e.status === 403 ? t('ge.forbidden') : format(t('ge.loadFailed'), { msg: (e as Error).message }));
        return null;
      }
    },
    [streetCode, t],
  );

  useEffect(() => {
    const ac = new AbortController();
    void load(ac.signal).then((d) => d && dispatch({ type: 'load', data: d }));
    return () => ac.abort();
  }, [load]);

  const grids = state?.grids;
  const problems = useMemo(() => (state ? validate(state.street, state.grids, state.rules) : []), [state?.street, state?.grids, state?.rules]);
  const built = useMemo(() => (state ? changesFrom(state.original, state.grids) : null), [state?.original, state?.grids]);
  const changeCount = built?.changeSet.changes.length ?? 0;
  useEffect(() => onDirty(changeCount > 0), [changeCount, onDirty]);
  // A new edit makes the server's last verdict obsolete, and the outline last zoomed to (drawn from the grids as
  // they were: left, it stayed on the map as a stale white boundary after a drag or a save).
  useEffect(() => {
    setServerProblems([]);
    setFocus(null);
  }, [grids]);

  const commit = useCallback(
    (r: EditResult, serial?: number) => {
      if (!state) return;
      if (r.ok) dispatch({ type: 'commit', grids: r.grids, serial });
      else setNotice(format(t('ge.editFailed'), { msg: t(`ge.err.${r.reason}` as MessageKey) }));
    },
    [state, t],
  );

  const newGrid = (): Omit<EditGrid, 'geometry'> & { serial: number } => {
    const serial = (state?.serial ?? 0) + 1;
    return { key: `n:${serial}`, id: null, version: null, code: null, name: format(t('ge.newGridName'), { n: serial }), serial };
  };

  const map = useEditorMap(container, basemap, {
    onSelect: setSelected,
    onVertexEdit: (key: string, before: Position[], after: Position[]) => {
      if (!state) return;
      const edit = ringEdit(before, after);
      if (edit) dispatch({ type: 'commit', grids: applyRingEdit(state.grids, edit) });
      else {
        // Something other than one vertex changed: take the ring as it is.
        dispatch({ type: 'commit', grids: state.grids.map((g) => (g.key === key ? { ...g, geometry: { type: 'Polygon', coordinates: [after, ...g.geometry.coordinates.slice(1)] } } : g)) });
      }
    },
    onDrawn: (polygon: Polygon) => {
      if (!state) return;
      const { serial, ...fresh } = newGrid();
      commit(carveNewGrid(state.grids, polygon, fresh, state.street), serial);
      setSelected(fresh.key);
      setTool('select');
    },
    onLine: (line: LineString) => {
      if (!state) return;
      if (!selected) {
        setNotice(t('ge.selectFirst'));
        return;
      }
      const { serial, ...fresh } = newGrid();
      commit(splitGrid(state.grids, selected, line, fresh, state.street), serial);
      setTool('select');
    },
  });

  useEffect(() => {
    if (!map || !state) return;
    map.setData({ street: state.street, grids: state.grids, buildings: placed?.buildings ?? [], stations: placed?.stations ?? [] }, selected);
  }, [map, state, selected, placed]);
  useEffect(() => {
    if (!map || !state || fitted.current) return;
    fitted.current = true;
    map.fitTo(bboxOf(state.street.geometry), false);
  }, [map, state]);
  useEffect(() => map?.setTool(tool), [map, tool]);
  const street = state?.street;
  useEffect(() => {
    if (!snapRoads || !street || roadLines !== null) return;
    setRoadLines('loading');
    // The street's box padded by ~300 m: a boundary road may run just outside the outline.
    const [w, s, e, n] = bboxOf(street.geometry);
    getRoadLines([w - 0.003, s - 0.003, e + 0.003, n + 0.003]).then(setRoadLines, () => setRoadLines('failed'));
  }, [snapRoads, street, roadLines]);
  useEffect(() => map?.setRoadSnap(snapRoads && Array.isArray(roadLines) ? roadLines : null), [map, snapRoads, roadLines]);
  useEffect(() => map?.setEditable(!!state?.editable), [map, state?.editable]);
  useEffect(() => map?.setProblems([...problems, ...serverProblems], focus), [map, problems, serverProblems, focus]);
  useEffect(() => map?.setHistory(ghost?.grids ?? null, ghost?.diff ?? []), [map, ghost]);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y), except while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) dispatch({ type: 'undo' });
      else if ((k === 'z' && e.shiftKey) || k === 'y') dispatch({ type: 'redo' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!notice) return;
    const id = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(id);
  }, [notice]);

  if (loadError) return <p className="splash error">{loadError}</p>;

  const zoomTo = (g: Areal | null) => {
    setFocus(g);
    if (g && map) map.fitTo(bboxOf(g));
  };

  const reload = async (): Promise<EditorData | null> => {
    const d = await load();
    if (d) {
      dispatch({ type: 'load', data: d });
      setHistoryTick((n) => n + 1);
    }
    return d;
  };

  return (
    <div className="grid-editor">
      {/* data-focus: whether an outline is highlighted (the browser test checks none is left stale after a save). */}
      <div ref={container} className="map" data-testid="editor-map" data-focus={focus ? 'on' : 'off'} />
      {state && (
        <>
          <aside className="panel ge-left">
            {!state.editable && <p className="read-only">{t('ge.readOnly')}</p>}
            <Toolbar
              tool={tool} setTool={setTool} editable={state.editable} canUndo={state.past.length > 0} canRedo={state.future.length > 0} onUndo={() => dispatch({ type: 'undo' })} onRedo={() => dispatch({ type: 'redo' })}
              snapRoads={snapRoads} setSnapRoads={setSnapRoads} roads={Array.isArray(roadLines) ? roadLines.length : roadLines}
            />
            {/* Problems first: reachable without scrolling past a long grid list. */}
            <ProblemList state={state} problems={problems} serverProblems={serverProblems} focusId={null} onZoom={zoomTo} onCommit={commit} />
            <GridPanel
              state={state}
              selected={selected}
              onSelect={(k) => {
                setSelected(k);
                const g = state.grids.find((x) => x.key === k);
                // The selection is highlighted already: only the camera moves (no outline that would go stale).
                if (g && map) map.fitTo(bboxOf(g.geometry));
              }}
              onCommit={commit}
              editableOnMap={() => map?.canEditSelected() ?? false}
            />
          </aside>
          <aside className="panel ge-right">
            <SavePanel
              streetCode={streetCode}
              state={state}
              built={built}
              clean={problems.length === 0}
              onServerProblems={setServerProblems}
              onSaved={(id) => {
                setNotice(id === null ? t('ge.unchanged') : format(t('ge.saved'), { id }));
                void reload();
              }}
              reload={load}
              onRebased={(data, rebased) => {
                dispatch({ type: 'rebased', data, grids: rebased });
                // The history now has the other editor's save too.
                setHistoryTick((n) => n + 1);
              }}
            />
            <HistoryPanel
              streetCode={streetCode}
              tick={historyTick}
              current={state.original}
              editable={state.editable}
              onGhost={setGhost}
              onReverted={(id) => {
                setNotice(id === null ? t('ge.unchanged') : format(t('ge.reverted'), { id }));
                void reload();
              }}
              onZoom={(g) => zoomTo(g)}
            />
            <ImportExport
              streetCode={streetCode}
              state={state}
              editable={state.editable}
              onImported={(gs, serial, msg) => {
                dispatch({ type: 'commit', grids: gs, serial });
                setNotice(msg);
              }}
              onError={setNotice}
            />
          </aside>
          <Legend />
        </>
      )}
      {notice && <div className="notice" role="status">{notice}</div>}
    </div>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <div className="ge-legend">
      <span><i className="sw street" />{t('ge.legend.street')}</span>
      <span><i className="sw overlap" />{t('ge.legend.overlap')}</span>
      <span><i className="sw gap" />{t('ge.legend.gap')}</span>
      <span><i className="sw building" />{t('ge.legend.buildings')}</span>
      <span><i className="sw station" />{t('ge.legend.stations')}</span>
    </div>
  );
}
