import type { Level } from '../../../api/types';
import { useI18n } from '../../../i18n/I18n';
import { exportHref, exportsFor } from './exports';

/** 导出Excel: the lists behind this profile, as the official sees them, scoped to it. */
export function ExportLinks({ level, id }: { level: Level; id: string }) {
  const { t } = useI18n();
  return (
    <div className="exports" data-section="exports">
      {exportsFor(level, id).map((e) => (
        <a key={e.collection} className="export" href={exportHref(e)} download data-export={e.collection}>↓ {t(e.label)}</a>
      ))}
    </div>
  );
}
