// The published territory map (/p/{slug}/ and the static export): reads ./data/publication.json only.
// No API, no session, no third-party requests. Mobile first; ?embed=1 hides the page chrome.
import { useEffect, useMemo, useState } from 'react';
import type { PublicSnapshot, PublicStation } from '../../../../server/publications/contract';
import { distanceM, formatDistance } from './geo';
import { initialPublicLocale, PUBLIC_MESSAGES, serviceLabel, STATION_TYPES, typeLabel, type PublicKey, type PublicLocale } from './i18n';
import { walkMinutes } from './directions';
import { walkingDistances, type WalkEstimate } from './walking';
import { SvgMap } from './SvgMap';
import type { PaperSize } from './poster';
import { downloadPoster, printPoster } from './poster-output';
import { OpenBadge, openNow, StationDetails, WalkNote } from './StationDetails';
import { Areas, Legend } from './Areas';

type Load = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; data: PublicSnapshot };
type Locate = { state: 'idle' } | { state: 'locating' } | { state: 'denied' } | { state: 'found'; lon: number; lat: number };

export function PublicApp() {
  const params = new URLSearchParams(location.search);
  const embed = params.get('embed') === '1';
  const [locale, setLocale] = useState<PublicLocale>(() => initialPublicLocale(location.search));
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const t = (k: PublicKey) => PUBLIC_MESSAGES[locale][k];

  useEffect(() => {
    fetch('data/publication.json', { credentials: 'omit' })
      .then((r) => (r.ok ? (r.json() as Promise<PublicSnapshot>) : Promise.reject(new Error(String(r.status)))))
      .then((data) => setLoad({ state: 'ready', data }))
      .catch(() => setLoad({ state: 'failed' }));
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    try {
      localStorage.setItem('pbmap-public-locale', locale);
    } catch {
      /* storage may be blocked in an embed; the choice then lasts for the visit */
    }
  }, [locale]);
  useEffect(() => {
    if (load.state === 'ready') document.title = load.data.title;
  }, [load]);

  if (load.state === 'loading') return <p className="pm-splash" role="status">{t('loading')}</p>;
  if (load.state === 'failed') return <p className="pm-splash" role="alert">{t('loadFailed')}</p>;
  return <Publication data={load.data} locale={locale} setLocale={setLocale} embed={embed} t={t} />;
}

interface PageProps {
  data: PublicSnapshot;
  locale: PublicLocale;
  setLocale: (l: PublicLocale) => void;
  embed: boolean;
  t: (k: PublicKey) => string;
}

function Publication({ data, locale, setLocale, embed, t }: PageProps) {
  const [type, setType] = useState('');
  const [service, setService] = useState('');
  const [openOnly, setOpenOnly] = useState(false);
  const [selected, setSelected] = useState<string | null>(() => new URLSearchParams(location.search).get('station'));
  const [where, setWhere] = useState<Locate>({ state: 'idle' });
  const [copied, setCopied] = useState(false);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(id);
  }, []);

  const types = useMemo(() => [...new Set(data.stations.flatMap((s) => [s.type, ...s.alsoTypes]))], [data]);
  const services = useMemo(() => [...new Set(data.stations.flatMap((s) => s.services))].sort(), [data]);
  // Walked over the publication's roads once there is a position (a street's graph builds in milliseconds).
  // Imported statically: a lazy chunk's preload would ask for /assets/… and break on a static host's subpath.
  const walks = useMemo(() => (where.state === 'found' ? walkingDistances(data, where) : null), [data, where]);
  const walkOf = (s: PublicStation): WalkEstimate | null =>
    walks?.get(s.id) ?? (where.state === 'found' ? { metres: distanceM(where.lon, where.lat, s.lon, s.lat), byRoad: false } : null);
  const dist = (s: PublicStation) => walkOf(s)?.metres ?? null;
  const list = useMemo(() => {
    const filtered = data.stations.filter(
      (s) => (!type || s.type === type || s.alsoTypes.includes(type)) && (!service || s.services.includes(service)) && (!openOnly || openNow(s, now) === true),
    );
    if (where.state !== 'found') return filtered;
    return filtered
      .map((s) => ({ s, d: walks?.get(s.id)?.metres ?? distanceM(where.lon, where.lat, s.lon, s.lat) }))
      .sort((a, b) => a.d - b.d)
      .map((x) => x.s);
  }, [data, type, service, openOnly, now, where, walks]);
  const nearest = where.state === 'found' ? list[0] : undefined;
  const current = data.stations.find((s) => s.id === selected) ?? null;

  const locate = () => {
    if (!('geolocation' in navigator)) return setWhere({ state: 'denied' });
    setWhere({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (p) => setWhere({ state: 'found', lon: p.coords.longitude, lat: p.coords.latitude }),
      () => setWhere({ state: 'denied' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const share = async () => {
    const url = new URL(location.href);
    url.searchParams.delete('embed');
    if (selected) url.searchParams.set('station', selected);
    else url.searchParams.delete('station');
    const nav = navigator as Navigator & { share?: (d: { title: string; url: string }) => Promise<void> };
    try {
      if (nav.share) await nav.share({ title: data.title, url: url.toString() });
      else {
        await navigator.clipboard.writeText(url.toString());
        setCopied(true);
        setTimeout(() => setCopied(false), 2500);
      }
    } catch {
      /* the visitor cancelled the share sheet */
    }
  };
  const poster = (size: PaperSize, print: boolean) => void (print ? printPoster(data, size, locale) : downloadPoster(data, size, locale));
  const stationLabel = (s: PublicStation) => `${s.name} · ${typeLabel(s.type, locale)}`;

  return (
    <div className={`pm-page${embed ? ' pm-embed' : ''}`}>
      <a className="pm-skip" href="#pm-stations">{t('skip')}</a>
      <header className="pm-header">
        <div>
          <h1>{data.title}</h1>
          <p className="pm-sub">{data.scope.name} · <span className="pm-badge">示意</span></p>
        </div>
        <div className="pm-actions">
          <button type="button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} title={t('languageLabel')} lang={locale === 'en' ? 'zh-CN' : 'en'}>{t('language')}</button>
          {!embed && <button type="button" onClick={share}>{t('share')}</button>}
          {!embed && (
            <details className="pm-poster">
              <summary>{t('poster')}</summary>
              <div>
                <button type="button" onClick={() => poster('A3', false)}>A3 PNG</button>
                <button type="button" onClick={() => poster('A1', false)}>A1 PNG</button>
                <button type="button" onClick={() => poster('A3', true)}>A3 PDF</button>
                <button type="button" onClick={() => poster('A1', true)}>A1 PDF</button>
              </div>
            </details>
          )}
        </div>
        {copied && <p className="pm-toast" role="status">{t('copied')}</p>}
      </header>
      {!embed && data.texts.intro && <p className="pm-intro">{data.texts.intro}</p>}

      <div className="pm-tools" role="search">
        <label>
          {t('filterType')}
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="">{t('all')}</option>
            {types.map((x) => <option key={x} value={x}>{typeLabel(x, locale)}</option>)}
          </select>
        </label>
        <label>
          {t('filterService')}
          <select value={service} onChange={(e) => setService(e.target.value)}>
            <option value="">{t('all')}</option>
            {services.map((x) => <option key={x} value={x}>{serviceLabel(x, locale)}</option>)}
          </select>
        </label>
        <label className="pm-check">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
          {t('openNowOnly')}
        </label>
        <button type="button" className="pm-primary" onClick={locate} data-testid="nearest-button">{where.state === 'locating' ? t('locating') : t('nearest')}</button>
      </div>
      <div aria-live="polite" className="pm-live">
        {where.state === 'denied' && <p className="pm-note">{t('locationDenied')}</p>}
        {nearest && (
          <p className="pm-nearest" data-testid="nearest-result">
            {t('nearestIs')}
            <button type="button" className="pm-link" onClick={() => setSelected(nearest.id)}>{nearest.name}</button>
            {' · '}
            <span data-testid="nearest-distance">{formatDistance(dist(nearest) ?? 0, locale)}</span>
            <WalkNote w={walkOf(nearest)} t={t} />
          </p>
        )}
      </div>

      <main className="pm-main">
        <section className="pm-mapwrap" aria-label={t('map')}>
          <SvgMap
            data={data}
            stations={list}
            selectedId={selected}
            user={where.state === 'found' ? where : null}
            onSelect={setSelected}
            stationLabel={stationLabel}
            labels={{ alt: t('mapAlt'), zoomIn: t('zoomIn'), zoomOut: t('zoomOut'), reset: t('resetView'), you: t('you'), listSep: locale === 'en' ? ', ' : '、' }}
          />
          <Legend data={data} locale={locale} t={t} />
        </section>
        <section id="pm-stations" className="pm-side" aria-label={t('stations')} tabIndex={-1}>
          {current ? (
            <StationDetails s={current} locale={locale} t={t} now={now} walk={walkOf(current)} onBack={() => setSelected(null)} />
          ) : (
            <>
              <h2>{t('stations')} <span className="pm-count">{list.length} {t('results')}</span></h2>
              {list.length === 0 && <p className="pm-note">{t('noStations')}</p>}
              <ul className="pm-list">
                {list.map((s) => {
                  const open = openNow(s, now);
                  const d = dist(s);
                  return (
                    <li key={s.id}>
                      <button type="button" onClick={() => setSelected(s.id)} data-testid="station-item" data-station-id={s.id}>
                        <span className="pm-dot" style={{ background: STATION_TYPES[s.type]?.color ?? '#495057' }} aria-hidden="true" />
                        <span className="pm-item">
                          <strong>{s.name}</strong>
                          {s.address && <span className="pm-addr">{s.address}</span>}
                          <span className="pm-meta">
                            {typeLabel(s.type, locale)}
                            {d !== null && <> · {formatDistance(d, locale)} · <span data-testid="station-walk">{t('walk')} {walkMinutes(d)} {t('minutes')}</span></>}
                            {' · '}
                            <OpenBadge open={open} t={t} />
                          </span>
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </section>
      </main>

      {(data.businessDistricts.length > 0 || data.grids.length > 0) && <Areas data={data} t={t} />}

      {!embed ? (
        <footer className="pm-footer">
          <p><strong>示意</strong> · {t('illustrative')}</p>
          {data.texts.dataSource && <p>{t('dataSource')}：{data.texts.dataSource}</p>}
          <p>{t('asOf')} {data.asOf} · {t('published')} {(data.publishedAt ?? '').slice(0, 10)}{data.version ? ` · ${t('version')} ${data.version}` : ''}</p>
          {data.texts.approvalNumber && <p>{t('approval')}：{data.texts.approvalNumber}</p>}
        </footer>
      ) : (
        <p className="pm-embed-foot">示意 · <a href={location.pathname} target="_blank" rel="noopener">{data.title}</a>{data.texts.approvalNumber ? ` · ${data.texts.approvalNumber}` : ''}</p>
      )}
    </div>
  );
}
