import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { getSession } from '../api/endpoints';
import { setBearerToken, setCsrfToken } from '../api/http';
import type { Me } from '../api/types';
import { I18nProvider, useI18n } from '../i18n/I18n';
import { LoginPage } from './LoginPage';
import { StatusPage } from './StatusPage';

// The map and the wall (MapLibre + deck.gl) load after sign-in, so the sign-in page is light.
const MapPage = lazy(() => import('../features/coverage-map/MapPage').then((m) => ({ default: m.MapPage })));
const WallPage = lazy(() => import('../features/wall/WallPage').then((m) => ({ default: m.WallPage })));
const TourEditor = lazy(() => import('../features/wall/TourEditor').then((m) => ({ default: m.TourEditor })));
const GridEditorPage = lazy(() => import('../features/grid-editor/GridEditorPage').then((m) => ({ default: m.GridEditorPage })));
const ImportPage = lazy(() => import('../features/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const PublishPage = lazy(() => import('../features/publish/PublishPage').then((m) => ({ default: m.PublishPage })));

function useSession(): [Me | null | undefined, () => void, (m: Me | null) => void] {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const refresh = useCallback(() => {
    getSession()
      .then(({ user }) => {
        setCsrfToken(user?.csrfToken ?? null);
        setMe(user);
      })
      .catch(() => setMe(null));
  }, []);
  useEffect(refresh, [refresh]);
  return [me, refresh, setMe];
}

function Page() {
  const { t } = useI18n();
  const path = location.pathname.replace(/\/$/, '');
  const params = new URLSearchParams(location.search);
  const scope = params.get('scope') ?? 'street:310106012';
  // A wall opens with its display token in the URL (kept there, so a watchdog reload still works).
  const token = path === '/wall' ? params.get('token') : null;
  if (token) setBearerToken(token);
  const [me, refresh, setMe] = useSession();
  const loading = <p className="splash">{t('loading')}</p>;
  if (me === undefined) return loading;
  if (path === '/wall') {
    if (!me) return <p className="splash">{t('needToken')}</p>;
    const speed = Math.min(100, Math.max(1, Number(params.get('speed') ?? 1) || 1));
    const tourLink = me.kind === 'session' && (me.role === 'admin' || me.role === 'official');
    return <Suspense fallback={loading}><WallPage scope={scope} speed={speed} tourLink={tourLink} /></Suspense>;
  }
  if (me === null) return <LoginPage onSignedIn={refresh} />;
  if (path === '/wall/tour') return <Suspense fallback={loading}><TourEditor scope={scope} csrfToken={me.csrfToken} /></Suspense>;
  if (path === '/edit') return <Suspense fallback={loading}><GridEditorPage me={me} /></Suspense>;
  if (path === '/admin/import') return <Suspense fallback={loading}><ImportPage me={me} /></Suspense>;
  if (path === '/admin/publish') return <Suspense fallback={loading}><PublishPage me={me} /></Suspense>;
  return (
    <Suspense fallback={loading}>
      <MapPage me={me} onSignedOut={() => setMe(null)} />
    </Suspense>
  );
}

export function App() {
  return <I18nProvider>{location.pathname === '/status' ? <StatusPage /> : <Page />}</I18nProvider>;
}
