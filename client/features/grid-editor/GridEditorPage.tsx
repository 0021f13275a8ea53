// /edit: pick a street (kept in ?street=), then edit its grids. Editors see their streets, admins all.
import { useEffect, useState } from 'react';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { getStreets, type StreetItem } from './api';
import { StreetEditor } from './StreetEditor';
import type { Theme } from './EditorMap';
import { format } from './format';
import './grid-editor.css';
import { LanguageButton } from '../../i18n/LanguageButton';

const streetFromUrl = () => new URLSearchParams(location.search).get('street');

export function GridEditorPage({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const [streets, setStreets] = useState<StreetItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [street, setStreet] = useState<string | null>(streetFromUrl);
  const [theme, setTheme] = useState<Theme>('dark');
  const [dirty, setDirty] = useState(false);

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
          <select aria-label={t('ge.theme')} value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
            <option value="dark">{t('ge.theme.dark')}</option>
            <option value="light">{t('ge.theme.light')}</option>
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
      {street && <StreetEditor key={street} streetCode={street} theme={theme} onDirty={setDirty} />}
    </div>
  );
}
