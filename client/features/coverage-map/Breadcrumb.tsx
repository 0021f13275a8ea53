import { useI18n } from '../../i18n/I18n';
import type { AreaLevel } from './view-state';

export interface Crumb {
  level: AreaLevel;
  id: string;
  name: string;
}

export function Breadcrumb({ trail, onOpen, tree }: { trail: Crumb[]; onOpen: (c: Crumb) => void; tree?: { open: boolean; toggle: () => void } }) {
  const { t } = useI18n();
  return (
    <nav className="breadcrumb" aria-label={t('breadcrumb')}>
      {tree && (
        <button type="button" className="tree-toggle" onClick={tree.toggle} aria-expanded={tree.open} aria-label={t('tree.open')} title={t('tree.open')} data-control="area-tree">
          ☰
        </button>
      )}
      {trail.map((c, i) => (
        <span key={`${c.level}:${c.id}`}>
          {i > 0 && <span className="sep">›</span>}
          <button type="button" className="link" onClick={() => onOpen(c)} title={`${t(`level.${c.level}`)} · ${c.name}`} data-crumb={`${c.level}:${c.id}`}>
            {c.name}
          </button>
        </span>
      ))}
    </nav>
  );
}
