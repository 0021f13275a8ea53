// Where an official edits a wall's tour: order, dwell, on/off per stop, and the night schedule.
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/http';
import { useI18n } from '../../i18n/I18n';
import { getSummary } from '../../api/endpoints';
import type { Tour } from './tour';
import { LanguageButton } from '../../i18n/LanguageButton';

async function fetchTour(scope: string): Promise<{ tour: Tour; etag: string }> {
  const res = await fetch(`/api/wall/tour?scope=${encodeURIComponent(scope)}`, { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, 'error', res.statusText);
  return { tour: (await res.json()) as Tour, etag: res.headers.get('etag') ?? '"0"' };
}

export function TourEditor({ scope, csrfToken }: { scope: string; csrfToken: string | null }) {
  const { t } = useI18n();
  const [tour, setTour] = useState<Tour | null>(null);
  const [etag, setEtag] = useState('"0"');
  const [message, setMessage] = useState<string | null>(null);
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    const [level, id] = scope.split(':');
    if ((level === 'street' || level === 'district') && id) getSummary(level, id).then((s) => setName(s.name)).catch(() => undefined);
  }, [scope]);
  useEffect(() => {
    fetchTour(scope).then((r) => { setTour(r.tour); setEtag(r.etag); }).catch(() => setMessage(t('errorLoading')));
  }, [scope, t]);
  if (!tour) return <p className="splash">{message ?? t('loading')}</p>;
  const move = (i: number, d: -1 | 1) => {
    const steps = [...tour.steps];
    const j = i + d;
    if (j < 0 || j >= steps.length) return;
    [steps[i], steps[j]] = [steps[j] as Tour['steps'][number], steps[i] as Tour['steps'][number]];
    setTour({ ...tour, steps });
  };
  const save = async () => {
    const res = await fetch(`/api/wall/tour?scope=${encodeURIComponent(scope)}`, {
      method: 'PUT', credentials: 'same-origin', body: JSON.stringify(tour),
      headers: { 'content-type': 'application/json', 'if-match': etag, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    });
    if (res.ok) {
      setEtag(res.headers.get('etag') ?? etag);
      setMessage(t('saved'));
    } else if (res.status === 412) setMessage(t('conflict'));
    else setMessage(((await res.json()) as { error?: { message?: string } }).error?.message ?? t('errorLoading'));
  };
  return (
    <main className="tour-editor">
      <header>
        <h1>{t('tourEditor')}{name && <> · {name}</>}</h1>
        <a href="/">{t('publish.back')}</a>
        <a href={`/wall?scope=${encodeURIComponent(scope)}`} target="_blank" rel="noreferrer">{t('wall')}</a>
        <LanguageButton />
      </header>
      <table>
        <thead><tr><th>{t('tourStep')}</th><th>{t('dwell')}</th><th>{t('enabled')}</th><th /></tr></thead>
        <tbody>
          {tour.steps.map((s, i) => (
            <tr key={`${s.level}:${s.id}`}>
              <td><span className="tour-level">{t(`level.${s.level}`)}</span> {s.name}</td>
              <td><input type="number" min={3} max={600} value={s.dwellSeconds} onChange={(e) => setTour({ ...tour, steps: tour.steps.map((x, k) => (k === i ? { ...x, dwellSeconds: Number(e.target.value) } : x)) })} aria-label={`${t('dwell')} ${s.name}`} /></td>
              <td><input type="checkbox" checked={s.enabled} onChange={(e) => setTour({ ...tour, steps: tour.steps.map((x, k) => (k === i ? { ...x, enabled: e.target.checked } : x)) })} aria-label={`${t('enabled')} ${s.name}`} /></td>
              <td>
                <button type="button" onClick={() => move(i, -1)} aria-label={t('moveUp')} title={t('moveUp')} disabled={i === 0}>↑</button>
                <button type="button" onClick={() => move(i, 1)} aria-label={t('moveDown')} title={t('moveDown')} disabled={i === tour.steps.length - 1}>↓</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset>
        <label>{t('nightFrom')} <input type="time" value={tour.schedule.nightStart} onChange={(e) => setTour({ ...tour, schedule: { ...tour.schedule, nightStart: e.target.value } })} /></label>
        <label>{t('nightUntil')} <input type="time" value={tour.schedule.nightEnd} onChange={(e) => setTour({ ...tour, schedule: { ...tour.schedule, nightEnd: e.target.value } })} /></label>
        <label>{t('nightMode')}
          <select value={tour.schedule.nightMode} onChange={(e) => setTour({ ...tour, schedule: { ...tour.schedule, nightMode: e.target.value as 'quiet' | 'off' } })}>
            <option value="quiet">{t('nightQuiet')}</option>
            <option value="off">{t('nightOff')}</option>
          </select>
        </label>
        <label>{t('idleResume')} <input type="number" min={5} max={3600} value={tour.idleResumeSeconds} onChange={(e) => setTour({ ...tour, idleResumeSeconds: Number(e.target.value) })} /></label>
      </fieldset>
      <button type="button" className="primary" onClick={() => void save()}>{t('save')}</button>
      {message && <p role="status">{message}</p>}
    </main>
  );
}
