// Download the street's grids; upload a GeoJSON to replace them (as one undoable edit that then goes
// through the same validation and preview as any other).
import type { FeatureCollection } from 'geojson';
import { useI18n } from '../../i18n/I18n';
import { exportUrl } from './api';
import type { EditorState } from './editor-state';
import { gridsFromGeoJson, polygonsOf, snapTogether, type EditGrid } from './topology';
import { format } from './format';

interface Props {
  streetCode: string;
  state: EditorState;
  editable: boolean;
  onImported: (grids: EditGrid[], serial: number, message: string) => void;
  onError: (message: string) => void;
}

export function ImportExport({ streetCode, state, editable, onImported, onError }: Props) {
  const { t } = useI18n();
  const upload = async (file: File) => {
    try {
      const json = JSON.parse(await file.text()) as FeatureCollection;
      if (json.type !== 'FeatureCollection' && (json as { type: string }).type !== 'Feature') throw new Error('not GeoJSON');
      let serial = state.serial;
      const r = gridsFromGeoJson(json, state.original, () => `n:${++serial}`);
      // New grids need a name for the server: number them like drawn ones.
      const named = r.grids.map((g) => (g.name ? g : { ...g, name: format(t('ge.newGridName'), { n: g.key.slice(2) }) }));
      const grids = snapTogether(named, polygonsOf(state.street.geometry));
      onImported(grids, serial, format(t('ge.imported'), { n: grids.length, skipped: r.skipped }));
    } catch (e) {
      onError(format(t('ge.importFailed'), { msg: (e as Error).message }));
    }
  };
  return (
    <section className="ge-io">
      <h3>{t('ge.io')}</h3>
      <a className="download" href={exportUrl(streetCode)} download={`${streetCode}-grids.geojson`}>
        ⤓ {t('ge.export')}
      </a>
      {editable && (
        <label className="upload">
          ⤒ {t('ge.import')}
          <input type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void upload(f);
          }} />
        </label>
      )}
    </section>
  );
}
