// The area tree: 全市 › districts › streets › grids, to jump anywhere. Each row shows the area's rate (the thematic
// map's). Children load when a branch opens. A WAI-ARIA tree: one tab stop, ↑/↓ move, → opens (or goes to the
// first child), ← closes (or goes to the parent), Home/End, Enter or Space jumps there; the path to the focus
// opens by itself.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { Level, SummaryNode } from '../../api/types';
import { pct, type ThematicRate } from '../../map/layers/thematic/classes';
import { CHILD_LEVEL, summaryOf } from './summaries';
import type { Crumb } from './Breadcrumb';

type Area = Pick<SummaryNode, 'id' | 'name' | 'level' | 'rates'>;
interface Row { area: Area; key: string; depth: number; parent: string | null; expandable: boolean }

const keyOf = (a: { level: string; id: string }) => `${a.level}:${a.id}`;

interface Props {
  trail: Crumb[];
  rate: ThematicRate;
  onOpen: (level: Level, id: string) => void;
  onClose: () => void;
}

export function AreaTree({ trail, rate, onOpen, onClose }: Props) {
  const { t } = useI18n();
  const [root, setRoot] = useState<Area | null>(null);
  const [children, setChildren] = useState<Map<string, Area[] | 'loading'>>(new Map());
  const [expanded, setExpanded] = useState<Set<string>>(new Set(['city:all']));
  const focusKey = trail.length ? keyOf(trail[trail.length - 1] as Crumb) : 'city:all';
  const [active, setActive] = useState<string>(focusKey);
  const list = useRef<HTMLUListElement>(null);

  const load = (level: Level, id: string) => {
    const key = `${level}:${id}`;
    if (children.has(key)) return;
    setChildren((m) => new Map(m).set(key, 'loading'));
    const childLevel = CHILD_LEVEL[level];
    summaryOf(level, id)
      .then((node) => {
        if (level === 'city') setRoot(node);
        setChildren((m) => new Map(m).set(key, (node.children ?? []).filter((c) => c.level === childLevel)));
      })
      .catch(() => setChildren((m) => {
        const n = new Map(m);
        n.delete(key);
        return n;
      }));
  };

  // The path to the focus opens (its ancestors' children load), and the focus is the active row.
  const pathKey = trail.map(keyOf).join('/');
  useEffect(() => {
    const open = trail.filter((c) => CHILD_LEVEL[c.level as Level] && c.level !== trail[trail.length - 1]?.level).map(keyOf);
    setExpanded((s) => new Set([...s, 'city:all', ...open]));
    for (const c of [{ level: 'city', id: 'all' }, ...trail]) if (CHILD_LEVEL[c.level as Level] && keyOf(c) !== focusKey) load(c.level as Level, c.id);
    load('city', 'all');
    setActive(focusKey);
    // children is read through load's guard
  }, [pathKey]);

  const rows = useMemo<Row[]>(() => {
    const out: Row[] = [];
    const city: Area = root ?? { id: 'all', name: t('level.city'), level: 'city', rates: undefined as unknown as Area['rates'] };
    const walk = (a: Area, depth: number, parent: string | null) => {
      const key = keyOf(a);
      const expandable = !!CHILD_LEVEL[a.level as Level];
      out.push({ area: a.level === 'city' ? { ...a, name: t('level.city') } : a, key, depth, parent, expandable });
      const kids = children.get(key);
      if (expandable && expanded.has(key) && Array.isArray(kids)) for (const c of kids) walk(c, depth + 1, key);
    };
    walk(city, 1, null);
    return out;
  }, [root, children, expanded, t]);

  // Keep the active row in view and focused when it moves by keyboard.
  const byKeyboard = useRef(true);
  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>(`[data-tree-key="${CSS.escape(active)}"]`);
    el?.scrollIntoView({ block: 'nearest' });
    if (byKeyboard.current) el?.focus();
    byKeyboard.current = false;
  }, [active, rows]);

  const toggle = (r: Row, open: boolean) => {
    if (!r.expandable) return;
    setExpanded((s) => {
      const n = new Set(s);
      if (open) n.add(r.key);
      else n.delete(r.key);
      return n;
    });
    if (open) load(r.area.level as Level, r.area.id);
  };

  const onKey = (e: KeyboardEvent) => {
    const i = rows.findIndex((r) => r.key === active);
    const r = rows[i];
    if (!r) return;
    const move = (k: string | undefined) => {
      if (!k) return;
      byKeyboard.current = true;
      setActive(k);
    };
    switch (e.key) {
      case 'ArrowDown': move(rows[i + 1]?.key); break;
      case 'ArrowUp': move(rows[i - 1]?.key); break;
      case 'Home': move(rows[0]?.key); break;
      case 'End': move(rows[rows.length - 1]?.key); break;
      case 'ArrowRight':
        if (r.expandable && !expanded.has(r.key)) toggle(r, true);
        else if (rows[i + 1]?.parent === r.key) move(rows[i + 1]?.key);
        break;
      case 'ArrowLeft':
        if (r.expandable && expanded.has(r.key)) toggle(r, false);
        else move(r.parent ?? undefined);
        break;
      case 'Enter':
      case ' ':
        onOpen(r.area.level as Level, r.area.id);
        break;
      case 'Escape':
        onClose();
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="area-tree" data-panel="area-tree">
      <div className="head">
        <h3 id="area-tree-title">{t('tree.title')}</h3>
        <span className="hint">{t(`rate.${rate}`)}</span>
        <button type="button" className="close" onClick={onClose} aria-label={t('close')}>×</button>
      </div>
      <ul className="tree" role="tree" aria-labelledby="area-tree-title" ref={list} onKeyDown={onKey}>
        {rows.map((r) => {
          const v = r.area.rates?.[rate]?.value ?? null;
          const open = expanded.has(r.key);
          const kids = children.get(r.key);
          return (
            <li
              key={r.key}
              role="treeitem"
              aria-level={r.depth}
              aria-expanded={r.expandable ? open : undefined}
              aria-selected={r.key === focusKey}
              tabIndex={r.key === active ? 0 : -1}
              data-tree-key={r.key}
              className={`${r.key === focusKey ? 'current' : ''}${r.key === active ? ' active' : ''}`}
              style={{ paddingLeft: `${(r.depth - 1) * 14 + 4}px` }}
              onClick={() => {
                setActive(r.key);
                onOpen(r.area.level as Level, r.area.id);
              }}
            >
              <span
                className="caret"
                aria-hidden
                onClick={(e) => {
                  e.stopPropagation();
                  setActive(r.key);
                  toggle(r, !open);
                }}
              >
                {r.expandable ? (open ? '▾' : '▸') : ''}
              </span>
              <span className="name" title={`${t(`level.${r.area.level}`)} · ${r.area.name}`}>{r.area.name}</span>
              <span className="bar" aria-hidden><span style={{ width: `${Math.round((v ?? 0) * 100)}%` }} /></span>
              <span className="value">{v === null ? '—' : pct(v)}</span>
              {r.expandable && open && kids === 'loading' && <span className="loading">{t('tree.loading')}</span>}
            </li>
          );
        })}
      </ul>
      <p className="hint keys">{t('tree.hint')}</p>
    </div>
  );
}
