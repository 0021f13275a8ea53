import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, csrfHeaders } from '../../../api/http';
import { useI18n, useLabel } from '../../../i18n/I18n';

interface Card {
  id: number;
  name: string;
  type: string;
  address: string | null;
  publicPhone: string | null;
  hours: string | null;
  accessibility: string | null;
  photo: { width: number; height: number; sha256: string } | null;
  editable: boolean;
}

/** The stations seated in a building: their public details and photo, which admins and the street's editors may upload. */
export function StationCards({ buildingId }: { buildingId: number }) {
  const { t } = useI18n();
  const label = useLabel();
  const [cards, setCards] = useState<Card[]>([]);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback((signal?: AbortSignal) => api<{ stations: Card[] }>(`/api/stations?buildingId=${buildingId}`, { signal }).then((r) => setCards(r.stations)), [buildingId]);
  useEffect(() => {
    const ctrl = new AbortController();
    load(ctrl.signal).catch(() => undefined);
    return () => ctrl.abort();
  }, [load]);

  const send = async (id: number, method: 'PUT' | 'DELETE', file?: File) => {
    setBusy(id);
    setError(null);
    try {
      const res = await fetch(`/api/stations/${id}/photo`, { method, body: file, headers: { ...csrfHeaders(), ...(file ? { 'content-type': file.type || 'application/octet-stream' } : {}) }, credentials: 'same-origin' });
      if (!res.ok) {
        const e = ((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error;
        throw new ApiError(res.status, 'error', e?.message ?? res.statusText);
      }
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  if (cards.length === 0) return null;
  return (
    <section className="station-cards" data-section="stations">
      <h3>{t('stationsHere')}</h3>
      {cards.map((s) => (
        <div key={s.id} className="station-card" data-station={s.id}>
          {s.photo && (
            <a href={`/api/stations/${s.id}/photo`} target="_blank" rel="noreferrer">
              <img src={`/api/stations/${s.id}/photo?size=thumb&v=${s.photo.sha256.slice(0, 12)}`} alt={`${t('stationPhoto')}：${s.name}`} width={s.photo.width} height={s.photo.height} />
            </a>
          )}
          <strong>{s.name}</strong> <span className="muted">{label('station', s.type)}</span>
          <dl className="record">
            {s.address && <><dt>{t('address')}</dt><dd>{s.address}</dd></>}
            {s.publicPhone && <><dt>{t('publicPhone')}</dt><dd>{s.publicPhone}</dd></>}
            {s.accessibility && <><dt>{t('accessibilityNote')}</dt><dd>{s.accessibility}</dd></>}
          </dl>
          {s.editable && (
            <div className="photo-tools">
              <label className="export">
                {busy === s.id ? t('photoUploading') : t(s.photo ? 'replacePhoto' : 'uploadPhoto')}
                <input type="file" accept="image/jpeg,image/png" hidden disabled={busy !== null} onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void send(s.id, 'PUT', f); }} />
              </label>
              {s.photo && <button type="button" className="export" disabled={busy !== null} onClick={() => void send(s.id, 'DELETE')}>{t('removePhoto')}</button>}
              <p className="muted hint">{t('photoHint')}</p>
            </div>
          )}
        </div>
      ))}
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
