import { useCallback, useEffect, useState } from 'react';
import { getSession } from '../api/endpoints';
import { setCsrfToken } from '../api/http';
import type { Me } from '../api/types';
import { I18nProvider, useI18n } from '../i18n/I18n';
import { LoginPage } from './LoginPage';
import { lazy, Suspense } from 'react';

// The map (MapLibre + deck.gl) loads after sign-in, so the sign-in page is light.
const MapPage = lazy(() => import('./MapPage').then((m) => ({ default: m.MapPage })));
import { StatusPage } from './StatusPage';

function Gate() {
  const { t } = useI18n();
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
  if (me === undefined) return <p className="splash">{t('loading')}</p>;
  if (me === null) return <LoginPage onSignedIn={refresh} />;
  return (
    <Suspense fallback={<p className="splash">{t('loading')}</p>}>
      <MapPage me={me} onSignedOut={() => setMe(null)} />
    </Suspense>
  );
}

export function App() {
  return <I18nProvider>{location.pathname === '/status' ? <StatusPage /> : <Gate />}</I18nProvider>;
}
