// Creates the EditorMap once per editor and routes its events to the latest handlers (through a ref,
// so the map is never rebuilt when React re-renders).
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Basemap } from '../../api/types';
import { EditorMap, type EditorMapEvents } from './EditorMap';
import { useI18n } from '../../i18n/I18n';

declare global {
  interface Window {
    /** Test hook: the editor's MapLibre map (to project coordinates to pixels). */
    __gridEditor?: { map: EditorMap['map'] };
  }
}

export function useEditorMap(container: RefObject<HTMLDivElement | null>, basemap: Basemap, events: EditorMapEvents): EditorMap | null {
  const { locale } = useI18n();
  const handlers = useRef(events);
  handlers.current = events;
  const [map, setMap] = useState<EditorMap | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const m = new EditorMap(
      container.current,
      {
        onSelect: (k) => handlers.current.onSelect(k),
        onVertexEdit: (k, b, a) => handlers.current.onVertexEdit(k, b, a),
        onDrawn: (p) => handlers.current.onDrawn(p),
        onLine: (l) => handlers.current.onLine(l),
      },
      basemap.theme,
    );
    window.__gridEditor = { map: m.map };
    setMap(m);
    return () => {
      delete window.__gridEditor;
      m.destroy();
    };
    // The map lives as long as the editor; the basemap changes through setBasemap.
  }, []);
  useEffect(() => map?.setBasemap(basemap), [map, basemap]);
  useEffect(() => map?.setLocale(locale), [map, locale]);
  return map;
}
