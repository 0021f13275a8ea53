// The admin's 预警阈值: two thresholds per rate, in percent, saved as a new version of the setting.
import { useEffect, useState } from 'react';
import { ApiError } from '../../api/http';
import type { Thresholds } from '../../api/types';
import { useI18n } from '../../i18n/I18n';
import { TREND_KEYS } from '../trend/trend-math';

async function load(): Promise<{ value: Thresholds; etag: string }> {
  const res = await fetch('/api/coverage/thresholds', { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, 'error', res.statusText);
  return { value: (await res.json()) as Thresholds, etag: res.headers.get('etag') ?? '"0"' };
}

export function ThresholdsEditor({ csrfToken, onSaved }: { csrfToken: string | null; onSaved: () => void }) {
  const { t } = useI18n();
  const [v, setV] = useState<Thresholds | null>(null);
  const [etag, setEtag] = useState('"0"');
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    load().then((r) => { setV(r.value); setEtag(r.etag); }).catch(() => setNote(t('errorLoading')));
  }, [t]);
  if (!v) return note ? <p className="error">{note}</p> : null;
  const set = (k: keyof Thresholds, which: 'red' | 'yellow', pct: number) => setV({ ...v, [k]: { ...v[k], [which]: Math.min(1, Math.max(0, pct / 100)) } });
  const save = async () => {
    const res = await fetch('/api/coverage/thresholds', {
      method: 'PUT', credentials: 'same-origin', body: JSON.stringify(v),
      headers: { 'content-type': 'application/json', 'if-match': etag, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    });
    if (res.ok) {
      setEtag(res.headers.get('etag') ?? etag);
      setNote(t('saved'));
      onSaved();
    } else setNote(res.status === 412 ? t('conflict') : t('warn.invalid'));
  };
  return (
    <details className="thresholds" data-section="thresholds">
      <summary>{t('warn.thresholds')}</summary>
      <table>
        <thead><tr><th /><th>{t('warn.red')} &lt;</th><th>{t('warn.yellow')} &lt;</th></tr></thead>
        <tbody>
          {TREND_KEYS.map((k) => (
            <tr key={k}>
              <td>{t(`rate.${k}`)}</td>
              {(['red', 'yellow'] as const).map((w) => (
                <td key={w}><input type="number" min={0} max={100} step={1} value={Math.round(v[k][w] * 100)} onChange={(e) => set(k, w, Number(e.target.value))} aria-label={`${t(`rate.${k}`)} ${t(`warn.${w}`)}`} />%</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => void save()}>{t('save')}</button>
      {note && <span className="muted small" role="status"> {note}</span>}
    </details>
  );
}
