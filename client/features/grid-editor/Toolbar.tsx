// Tool choice and undo/redo, with a one-line hint for the active tool.
import { useI18n } from '../../i18n/I18n';
import type { Tool } from './EditorMap';

const TOOLS: Tool[] = ['select', 'draw', 'split'];

export function Toolbar(p: { tool: Tool; setTool: (t: Tool) => void; editable: boolean; canUndo: boolean; canRedo: boolean; onUndo: () => void; onRedo: () => void }) {
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
      <p className="hint">{t(`ge.hint.${p.tool}`)}</p>
    </section>
  );
}
