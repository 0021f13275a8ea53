// Tool choice, undo/redo and the snap-to-roads toggle, with a one-line hint for the active tool.
import { useI18n } from '../../i18n/I18n';
import { format } from './format';
import type { Tool } from './EditorMap';

const TOOLS: Tool[] = ['select', 'draw', 'split'];

export interface ToolbarProps {
  tool: Tool;
  setTool: (t: Tool) => void;
  editable: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  snapRoads: boolean;
  setSnapRoads: (on: boolean) => void;
  /** Road centre lines loaded for snapping (a count), or where their loading is. */
  roads: number | 'loading' | 'failed' | null;
}

export function Toolbar(p: ToolbarProps) {
  const { t } = useI18n();
  return (
    <section className="ge-tools">
      <h3>{t('ge.tools')}</h3>
      <div className="buttons">
        {TOOLS.map((x) => (
          <button key={x} type="button" data-tool={x} className={p.tool === x ? 'active' : ''} disabled={!p.editable} onClick={() => p.setTool(x)}>
            {t(`ge.tool.${x}`)}
          </button>
        ))}
      </div>
      <div className="buttons">
        <button type="button" data-control="undo" disabled={!p.canUndo} onClick={p.onUndo} title="Ctrl+Z">
          ↶ {t('ge.undo')}
        </button>
        <button type="button" data-control="redo" disabled={!p.canRedo} onClick={p.onRedo} title="Ctrl+Shift+Z">
          ↷ {t('ge.redo')}
        </button>
      </div>
      <label className="snap-roads">
        <input type="checkbox" data-control="snap-roads" checked={p.snapRoads} disabled={!p.editable} onChange={(e) => p.setSnapRoads(e.target.checked)} />
        {t('ge.snapRoads')}
        {p.snapRoads && (
          <small data-roads={typeof p.roads === 'number' ? p.roads : (p.roads ?? '')}>
            {p.roads === 'loading' ? t('ge.snapRoads.loading') : p.roads === 'failed' ? t('ge.snapRoads.failed') : typeof p.roads === 'number' ? format(t('ge.snapRoads.count'), { n: p.roads }) : ''}
          </small>
        )}
      </label>
      <p className="hint">{t(`ge.hint.${p.tool}`)}</p>
    </section>
  );
}
