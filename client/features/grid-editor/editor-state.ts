// The editing session as one value: the grids as loaded (the base of the ChangeSet), the grids as
// edited, and undo/redo stacks of whole grid sets (a drag, a fix or a merge is one step).
import type { EditorData } from './api';
import { cleanPolygon, type EditGrid, type Rules, type StreetOutline } from './topology';

export interface EditorState {
  street: StreetOutline & { name: string; nameEn: string };
  rules: Rules;
  editable: boolean;
  original: EditGrid[];
  grids: EditGrid[];
  past: EditGrid[][];
  future: EditGrid[][];
  /** For keys of grids drawn here ('n:<serial>'). */
  serial: number;
}

export type EditorAction =
  | { type: 'load'; data: EditorData }
  | { type: 'commit'; grids: EditGrid[]; serial?: number }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'rebased'; data: EditorData; grids: EditGrid[] };

export const gridsOf = (data: EditorData): EditGrid[] =>
  data.grids.map((g) => ({ key: `g:${g.id}`, id: g.id, version: g.version, code: g.code, name: g.name, geometry: cleanPolygon(g.geometry) }));

function loaded(data: EditorData): EditorState {
  const grids = gridsOf(data);
  return {
    street: { code: data.street.code, name: data.street.name, nameEn: data.street.nameEn, geometry: data.street.geometry },
    rules: data.rules,
    editable: data.editable,
    original: grids,
    grids,
    past: [],
    future: [],
    serial: 0,
  };
}

const MAX_UNDO = 100;

export function reduce(s: EditorState | null, a: EditorAction): EditorState | null {
  if (a.type === 'load') return loaded(a.data);
  if (!s) return s;
  switch (a.type) {
    case 'commit':
      if (a.grids === s.grids) return s;
      return { ...s, grids: a.grids, past: [...s.past, s.grids].slice(-MAX_UNDO), future: [], serial: a.serial ?? s.serial };
    case 'undo': {
      const prev = s.past[s.past.length - 1];
      return prev ? { ...s, grids: prev, past: s.past.slice(0, -1), future: [s.grids, ...s.future] } : s;
    }
    case 'redo': {
      const [next, ...rest] = s.future;
      return next ? { ...s, grids: next, past: [...s.past, s.grids], future: rest } : s;
    }
    case 'rebased': {
      const fresh = loaded(a.data);
      return { ...fresh, grids: a.grids, past: [fresh.grids], serial: s.serial };
    }
  }
}
