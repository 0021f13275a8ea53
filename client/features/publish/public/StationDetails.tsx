// One station's page on the public map: open-now badge, walk note, the week's hours, the photo, call and
// 导航 links, address, services and upcoming activities. Also the small badges the station list reuses.
import type { PublicStation } from '../../../../server/publications/contract';
import { formatDistance } from './geo';
import { openNow as openNowByText, openNowByWeek } from './hours';
import { activityLabel, serviceIcon, serviceLabel, typeLabel, type PublicKey, type PublicLocale } from './i18n';
import { navLinks, telHref, walkMinutes } from './directions';
import type { WalkEstimate } from './walking';

/** Open now by the station's week where the publication has one, else by its plaque text. */
export const openNow = (s: PublicStation, now: Date): boolean | null => (s.week ? openNowByWeek(s.week, now) : openNowByText(s.hours, now));

export function OpenBadge({ open, t }: { open: boolean | null; t: (k: PublicKey) => string }) {
  if (open === null) return <span className="pm-open pm-unknown">{t('hoursUnknown')}</span>;
  return <span className={`pm-open ${open ? 'pm-yes' : 'pm-no'}`}>{open ? t('openNow') : t('closedNow')}</span>;
}

export function WalkNote({ w, t }: { w: WalkEstimate | null; t: (k: PublicKey) => string }) {
  if (!w) return null;
  return (
    <span className="pm-walk">
      {' · '}{t('walk')} {walkMinutes(w.metres)} {t('minutes')}（{w.byRoad ? t('byRoad') : t('straightLine')}）
    </span>
  );
}

function WeekTable({ week, t }: { week: [string, string][][]; t: (k: PublicKey) => string }) {
  const days = t('days').split(',');
  return (
    <table className="pm-week">
      <tbody>
        {week.map((ranges, i) => (
          <tr key={i}>
            <th scope="row">{days[i]}</th>
            <td>{ranges.length ? ranges.map(([a, b]) => `${a}–${b}`).join('，') : t('closed')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function StationDetails({ s, locale, t, now, walk, onBack }: { s: PublicStation; locale: PublicLocale; t: (k: PublicKey) => string; now: Date; walk: WalkEstimate | null; onBack: () => void }) {
  const fmt = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });
  const links = navLinks(s);
  return (
    <article className="pm-details" aria-labelledby="pm-station-name">
      <button type="button" className="pm-link" onClick={onBack} autoFocus>← {t('back')}</button>
      <h2 id="pm-station-name">{s.name}</h2>
      <p className="pm-meta">
        {[s.type, ...s.alsoTypes].map((x) => typeLabel(x, locale)).join(' · ')}
        {walk && <> · {formatDistance(walk.metres, locale)}</>}
        <WalkNote w={walk} t={t} />
      </p>
      {s.photo && (
        <figure className="pm-photo">
          <img
            src={s.photo.src}
            srcSet={`${s.photo.thumb} 400w, ${s.photo.src} ${s.photo.width}w`}
            sizes="(max-width: 640px) 100vw, 440px"
            width={s.photo.width}
            height={s.photo.height}
            alt={`${t('photo')}：${s.name}`}
            decoding="async"
          />
        </figure>
      )}
      <p><OpenBadge open={openNow(s, now)} t={t} /> <span className="pm-aud">{s.openTo === 'public' ? t('openToPublic') : t('openToBuilding')}</span></p>
      <div className="pm-go">
        {s.phone && <a className="pm-btn" href={telHref(s.phone)} data-testid="call-link">{t('call')} {s.phone}</a>}
        <details className="pm-nav">
          <summary className="pm-btn pm-primary-btn">{t('navigate')}</summary>
          <ul aria-label={`${t('navigateTo')} ${s.name}`}>
            {links.map((l) => (
              <li key={l.id}><a href={l.href} target="_blank" rel="noopener noreferrer" data-nav={l.id}>{locale === 'en' ? l.en : l.zh}</a></li>
            ))}
          </ul>
        </details>
      </div>
      <dl>
        {s.address && <><dt>{t('address')}</dt><dd>{s.address}</dd></>}
        {s.buildingName && <><dt>{t('building')}</dt><dd>{s.buildingName}{s.floor ? ` · ${s.floor}` : ''}</dd></>}
        {s.phone && <><dt>{t('phone')}</dt><dd><a href={telHref(s.phone)}>{s.phone}</a></dd></>}
        <dt>{t('hours')}</dt>
        <dd>{s.week ? <WeekTable week={s.week} t={t} /> : s.hours ?? '—'}</dd>
        {s.accessibility && <><dt>{t('accessibility')}</dt><dd>{s.accessibility}</dd></>}
        <dt>{t('services')}</dt>
        <dd>
          <ul className="pm-tags">
            {s.services.map((x) => {
              const icon = serviceIcon(x);
              return <li key={x}>{icon && <span className="pm-icon" aria-hidden="true">{icon}</span>}{serviceLabel(x, locale)}</li>;
            })}
          </ul>
        </dd>
      </dl>
      <h3>{t('upcoming')}</h3>
      {s.activities.length === 0 ? (
        <p className="pm-note">{t('noUpcoming')}</p>
      ) : (
        <ul className="pm-acts">
          {s.activities.map((a, i) => (
            <li key={i}>
              <time dateTime={a.heldAt}>{fmt.format(new Date(a.heldAt))}</time> <strong>{a.title ?? activityLabel(a.type, locale)}</strong>
              {a.signup && <span className="pm-signup">{t('signup')}：{a.signup}</span>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

