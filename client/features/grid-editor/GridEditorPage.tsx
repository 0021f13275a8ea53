// /edit: pick a street (kept in ?street=), then edit its grids. Editors see their streets, admins all.
import { useEffect, useState } from 'react';
import type { Basemap, Me } from '../../api/types';
import { getConfig } from '../../api/endpoints';
import { useI18n } from '../../i18n/I18n';
import { getStreets, type StreetItem } from './api';
import { StreetEditor } from './StreetEditor';
import { format } from './format';
import './grid-editor.css';
import { LanguageButton } from '../../i18n/LanguageButton';

const streetFromUrl = () => new URLSearchParams(location.search).get('street');

/** Our own two basemaps, offered before (and without) the configuration. */
const OWN: Basemap[] = [
  { id: 'dark', name: { zh: '深色', en: 'Dark' }, kind: 'builtin', theme: 'dark', crs: 'wgs84' },
  { id: 'light', name: { zh: '浅色', en: 'Light' }, kind: 'builtin', theme: 'light', crs: 'wgs84' },
];

export function GridEditorPage({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const [streets, setStreets] = useState<StreetItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [street, setStreet] = useState<string | null>(streetFromUrl);
  // The configured basemaps (天地图, BASEMAP_URL) too, where they are WGS84: grids are edited in WGS84, and a
  // shifted (GCJ-02) raster would put every drawn vertex hundreds of metres off.
  const [basemaps, setBasemaps] = useState<Basemap[]>(OWN);
  const [basemapId, setBasemapId] = useState('dark');
  const basemap = basemaps.find((b) => b.id === basemapId) ?? (OWN[0] as Basemap);
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    getConfig()
      .then((c) => setBasemaps([...OWN, ...c.basemaps.filter((b) => b.kind === 'raster' && b.crs === 'wgs84')]))
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    const ac = new AbortController();
    getStreets(ac.signal)
      .then((all) => setStreets(me.role === 'admin' ? all : all.filter((s) => me.streetCodes.includes(s.code))))
      .catch((e: Error) => ac.signal.aborted || setError(e.message));
    return () => ac.abort();
  }, [me]);

  // The first allowed street is the default, so the page never opens empty.
  useEffect(() => {
    if (!street && streets && streets[0]) setStreet(streets[0].code);
  }, [street, streets]);

  useEffect(() => {
    if (!street) return;
    const p = new URLSearchParams(location.search);
    p.set('street', street);
    history.replaceState(null, '', `${location.pathname}?${p}`);
  }, [street]);

  const choose = (code: string) => {
    if (dirty && !confirm(t('ge.unsavedLost'))) return;
    setDirty(false);
    setStreet(code);
  };

  return (
    <div className="grid-editor-page">
      <header className="topbar">
        <h1>{t('ge.title')}</h1>
        <label className="street-picker">
          <span>{t('ge.street')}</span>
          <select data-control="street" value={street ?? ''} onChange={(e) => choose(e.target.value)}>
            {!street && <option value="">{t('ge.pickStreet')}</option>}
            {street && !streets?.some((s) => s.code === street) && <option value={street}>{street}</option>}
            {streets?.map((s) => (
              <option key={s.code} value={s.code}>
                {locale === 'en' ? s.nameEn : s.name} ({s.code})
              </option>
            ))}
          </select>
        </label>
        <div className="tools">
          <select aria-label={t('ge.theme')} data-control="basemap" value={basemap.id} onChange={(e) => setBasemapId(e.target.value)}>
            {basemaps.map((b) => (
              <option key={b.id} value={b.id}>
                {b.kind === 'builtin' ? t(`ge.theme.${b.theme}`) : locale === 'en' ? b.name.en : b.name.zh}
              </option>
            ))}
          </select>
          <LanguageButton control />
          <span className="user">{me.username}</span>
          <a className="back" href="/">
            {t('ge.backToMap')}
          </a>
        </div>
      </header>
      {error && <p className="splash error">{format(t('ge.loadFailed'), { msg: error })}</p>}
      {streets && streets.length === 0 && !street && <p className="splash">{t('ge.noStreets')}</p>}
      {street && <StreetEditor key={street} streetCode={street} basemap={basemap} onDirty={setDirty} />}
    </div>
  );
}
