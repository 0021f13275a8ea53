import { useEffect, useState } from 'react';
import { fetchHealth, type Health } from '../api/health';
import { useI18n } from '../i18n/I18n';
import './status.css';

type State = { kind: 'checking' } | { kind: 'up'; health: Health } | { kind: 'down' };

export function StatusPage() {
  const { t: tr, locale, setLocale } = useI18n();
  const [state, setState] = useState<State>({ kind: 'checking' });
  const t = {
    title: tr('title'), subtitle: tr('subtitle'), language: tr('language'), checking: tr('checking'), apiUp: tr('apiUp'), apiDown: tr('apiDown'),
    store: tr('store'), storePglite: tr('storePglite'), storePostgres: tr('storePostgres'), links: tr('links'), docs: tr('docs'), ogc: tr('ogc'),
    health: tr('health'), mapSoon: tr('mapSoon'),
  };

  useEffect(() => {
    const ctrl = new AbortController();
    fetchHealth(ctrl.signal)
      .then((health) => setState({ kind: 'up', health }))
      .catch(() => !ctrl.signal.aborted && setState({ kind: 'down' }));
    return () => ctrl.abort();
  }, []);

  return (
    <main className="status">
      <header>
        <div>
          <h1>{t.title}</h1>
          <p className="subtitle">{t.subtitle}</p>
        </div>
        <button type="button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
          {t.language}
        </button>
      </header>
      <section className={`card ${state.kind}`} aria-live="polite">
        <span className="dot" />
        <div>
          <strong>{state.kind === 'checking' ? t.checking : state.kind === 'up' ? t.apiUp : t.apiDown}</strong>
          {state.kind === 'up' && (
            <p>
              {t.store}: {state.health.store === 'pglite' ? t.storePglite : t.storePostgres}
            </p>
          )}
        </div>
      </section>
      <section className="card">
        <h2>{t.links}</h2>
        <ul>
          <li><a href="/api/docs">{t.docs}</a> <code>/api/docs</code></li>
          <li><a href="/ogc">{t.ogc}</a> <code>/ogc</code></li>
          <li><a href="/api/health">{t.health}</a> <code>/api/health</code></li>
        </ul>
        <p className="note">{t.mapSoon}</p>
      </section>
    </main>
  );
}
