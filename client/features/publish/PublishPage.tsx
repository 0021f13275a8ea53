// /admin/publish: compose a publication, review "what the public will see" beside the internal view
// with every withheld field listed, publish, roll back, unpublish, export, poster, embed.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError } from '../../api/http';
import type { Me } from '../../api/types';
import { useI18n, useLabel } from '../../i18n/I18n';
import { hoursText } from '../../i18n/hours';
import { redactedFieldLabel, redactionReasonLabel } from './redaction-labels';
import type { MessageKey } from '../../i18n/messages';
import type {
  InternalArea, Publication, PublicationConfig, PublicationDetail, PublicationPreview, PublicArea, PublicSnapshot,
} from '../../../server/publications/contract';
import type { PaperSize } from './public/poster';
import { downloadPoster, printPoster } from './public/poster-output';
import { typeLabel } from './public/i18n';
import './publish.css';
import { LanguageButton } from '../../i18n/LanguageButton';

// The server's row shapes (types only).
type Detail = PublicationDetail;
type Preview = PublicationPreview;

export function PublishPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const [list, setList] = useState<Publication[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await api<{ publications: Publication[] }>('/api/publications');
    setList(r.publications);
    return r.publications;
  }, []);
  useEffect(() => {
    if (me.role !== 'admin') return;
    refresh()
      .then((l) => setSelected((s) => s ?? l[0]?.id ?? null))
      .catch((e: unknown) => setError(String((e as Error).message)));
  }, [me.role, refresh]);

  if (me.role !== 'admin') return <p className="splash">{t('publish.adminOnly')}</p>;
  return (
    <div className="pub-page">
      <header className="pub-header">
        <h1>{t('publish.title')}</h1>
        <nav>
          <LanguageButton className="pub-btn" />
          <a className="pub-btn" href="/">{t('publish.back')}</a>
        </nav>
      </header>
      {error && <p className="pub-error" role="alert">{t('publish.error')}{error}</p>}
      <div className="pub-layout">
        <aside className="pub-aside" aria-label={t('publish.list')}>
          <h2>{t('publish.list')}</h2>
          {list.length === 0 && <p className="pub-muted">{t('publish.none')}</p>}
          <ul className="pub-list">
            {list.map((p) => (
              <li key={p.id}>
                <button type="button" aria-current={p.id === selected} onClick={() => setSelected(p.id)}>
                  <strong>{p.title}</strong>
                  <span className="pub-muted"><code>/p/{p.slug}/</code> · <Status s={p.status} />{p.currentVersion ? ` · v${p.currentVersion}` : ''}</span>
                </button>
              </li>
            ))}
          </ul>
          <CreateForm onCreated={async (id) => { await refresh(); setSelected(id); }} onError={setError} />
        </aside>
        <main className="pub-main">
          {selected !== null && <Editor key={selected} id={selected} onChanged={refresh} onError={setError} />}
        </main>
      </div>
    </div>
  );
}

function Status({ s }: { s: Publication['status'] }) {
  const { t } = useI18n();
  return <span className={`pub-status pub-${s}`}>{t(`publish.status.${s}` as MessageKey)}</span>;
}

function CreateForm({ onCreated, onError }: { onCreated: (id: number) => Promise<void>; onError: (e: string) => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('南京西路街道党建版图');
  const [scope, setScope] = useState('street:310106012');
  const submit = async () => {
    try {
      const p = await api<Publication>('/api/publications', { method: 'POST', body: { title, scope } });
      await onCreated(p.id);
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <form className="pub-form pub-create" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <h2>{t('publish.new')}</h2>
      <label>{t('publish.field.title')}<input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={100} /></label>
      <label>{t('publish.field.scope')}<input value={scope} onChange={(e) => setScope(e.target.value)} required pattern="(street:[0-9]{6}[0-9A-Z]{3}|district:[0-9]{6})" aria-describedby="pub-scope-help" /></label>
      <small id="pub-scope-help" className="pub-muted">{t('publish.eg')} <code>street:310106012</code> ({t('level.street')}) {t('publish.or')} <code>district:310106</code> ({t('level.district')})</small>
      <button type="submit" className="pub-btn pub-primary">{t('publish.create')}</button>
    </form>
  );
}

function Editor({ id, onChanged, onError }: { id: number; onChanged: () => Promise<unknown>; onError: (e: string) => void }) {
  const { t, locale } = useI18n();
  const [d, setD] = useState<Detail | null>(null);
  const [draft, setDraft] = useState<{ title: string; scope: string; config: PublicationConfig } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const r = await api<Detail>(`/api/publications/${id}`);
    setD(r);
    setDraft({ title: r.title, scope: r.scope, config: r.config });
    return r;
  }, [id]);
  const loadPreview = useCallback(async () => setPreview(await api<Preview>(`/api/publications/${id}/preview`)), [id]);
  useEffect(() => {
    load().then(loadPreview).catch((e: unknown) => onError((e as Error).message));
  }, [load, loadPreview, onError]);

  const run = async (fn: () => Promise<unknown>, confirmKey?: MessageKey) => {
    if (confirmKey && !window.confirm(t(confirmKey))) return;
    setBusy(true);
    setNote(null);
    try {
      await fn();
      await load();
      await loadPreview();
      await onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setNote(t('publish.stale'));
        await load();
      } else onError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (!d || !draft) return <p className="pub-muted">{t('publish.loading')}</p>;
  const ifMatch = { 'if-match': `"${d.version}"` };
  const save = () => run(async () => {
    await api(`/api/publications/${id}`, { method: 'PATCH', headers: ifMatch, body: { title: draft.title, scope: draft.scope, layers: draft.config.layers, texts: draft.config.texts, redaction: draft.config.redaction } });
    setNote(t('publish.saved'));
  });
  // What is typed and not saved goes out with the publish (saved first, said so in the dialog), never
  // silently dropped: publishing the stored draft and then reloading it would revert the fields.
  const dirty = JSON.stringify({ title: d.title, scope: d.scope, config: d.config }) !== JSON.stringify(draft);
  const publishNow = () => run(async () => {
    let version = d.version;
    if (dirty) {
      const saved = await api<Publication>(`/api/publications/${id}`, { method: 'PATCH', headers: ifMatch, body: { title: draft.title, scope: draft.scope, layers: draft.config.layers, texts: draft.config.texts, redaction: draft.config.redaction } });
      version = saved.version;
    }
    await api(`/api/publications/${id}/publish`, { method: 'POST', headers: { 'if-match': `"${version}"` } });
    setNote(t(dirty ? 'publish.savedAndPublished' : 'publish.published'));
  }, dirty ? 'publish.confirmPublishUnsaved' : 'publish.confirmPublish');
  const set = <K extends keyof PublicationConfig>(k: K, v: Partial<PublicationConfig[K]>) => setDraft({ ...draft, config: { ...draft.config, [k]: { ...draft.config[k], ...v } } });
  const publicUrl = `${location.origin}/p/${d.slug}/`;
  const embed = `<iframe src="${publicUrl}?embed=1" title="${d.title.replaceAll('"', '&quot;')}" width="100%" height="640" style="border:0" loading="lazy" allow="geolocation"></iframe>`;
  const posterData = async (): Promise<PublicSnapshot> => {
    if (d.status === 'published') {
      const r = await fetch(`/p/${d.slug}/data/publication.json`, { credentials: 'omit' });
      if (r.ok) return (await r.json()) as PublicSnapshot;
    }
    return (preview as Preview).public;
  };
  const poster = (size: PaperSize, print: boolean) => void posterData().then((data) => (print ? printPoster(data, size, locale, publicUrl) : downloadPoster(data, size, locale, publicUrl)));
  const audiences = draft.config.redaction.stationAudiences;

  return (
    <div className="pub-editor">
      <section className="pub-card">
        <div className="pub-row">
          <h2>{d.title} <Status s={d.status} /></h2>
          <div className="pub-actions">
            <button type="button" className="pub-btn pub-primary" disabled={busy} data-action="publish" onClick={() => void publishNow()}>{t('publish.publish')}</button>
            {d.status === 'published' && <button type="button" className="pub-btn" disabled={busy} onClick={() => run(() => api(`/api/publications/${id}/unpublish`, { method: 'POST', headers: ifMatch }), 'publish.confirmUnpublish')}>{t('publish.unpublish')}</button>}
            {d.status === 'published' && <a className="pub-btn" href={publicUrl} target="_blank" rel="noopener">{t('publish.open')}</a>}
            {d.currentVersion && <a className="pub-btn" href={`/api/publications/${id}/export.zip`} download>{t('publish.export')}</a>}
          </div>
        </div>
        {note && <p className="pub-note" role="status">{note}</p>}
        <form className="pub-form pub-grid" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <fieldset>
            <legend>{t('publish.field.title')} / {t('publish.field.scope')}</legend>
            <label>{t('publish.field.title')}<input value={draft.title} maxLength={100} required onChange={(e) => setDraft({ ...draft, title: e.target.value })} /></label>
            <label>{t('publish.field.scope')}<input value={draft.scope} required onChange={(e) => setDraft({ ...draft, scope: e.target.value })} /></label>
            <p className="pub-muted">{t('publish.field.slug')}: <code>/p/{d.slug}/</code></p>
          </fieldset>
          <fieldset>
            <legend>{t('publish.layers')}</legend>
            {(Object.keys(draft.config.layers) as (keyof PublicationConfig['layers'])[]).map((k) => (
              <label key={k} className="pub-check"><input type="checkbox" checked={draft.config.layers[k]} onChange={(e) => set('layers', { [k]: e.target.checked })} />{t(`publish.layer.${k}` as MessageKey)}</label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('publish.texts')}</legend>
            <label>{t('publish.text.intro')}<textarea rows={3} maxLength={2000} value={draft.config.texts.intro} onChange={(e) => set('texts', { intro: e.target.value })} /></label>
            <label>{t('publish.text.dataSource')}<input maxLength={300} value={draft.config.texts.dataSource} onChange={(e) => set('texts', { dataSource: e.target.value })} /></label>
            <label>{t('publish.text.approvalNumber')}<input maxLength={100} value={draft.config.texts.approvalNumber} placeholder={t('publish.text.approvalExample')} onChange={(e) => set('texts', { approvalNumber: e.target.value })} /></label>
          </fieldset>
          <fieldset>
            <legend>{t('publish.redaction')}</legend>
            <label>{t('publish.redaction.minCount')}<input type="number" min={5} max={100} value={draft.config.redaction.minCount} onChange={(e) => set('redaction', { minCount: Number(e.target.value) })} /></label>
            <span className="pub-label">{t('publish.redaction.audiences')}</span>
            {(['public', 'building'] as const).map((a) => (
              <label key={a} className="pub-check">
                <input type="checkbox" checked={audiences.includes(a)} onChange={(e) => set('redaction', { stationAudiences: e.target.checked ? [...new Set([...audiences, a])] : audiences.filter((x) => x !== a) })} />
                {t(`publish.redaction.${a}` as MessageKey)}
              </label>
            ))}
            <small className="pub-muted">{t('publish.redaction.membersNever')}</small>
            <label>{t('publish.redaction.activityDays')}<input type="number" min={0} max={366} value={draft.config.redaction.activityDays} onChange={(e) => set('redaction', { activityDays: Number(e.target.value) })} /></label>
          </fieldset>
          <div><button type="submit" className="pub-btn pub-primary" disabled={busy} data-action="save">{t('publish.save')}</button>{dirty && <span className="pub-unsaved" role="status"> {t('publish.unsaved')}</span>}</div>
        </form>
      </section>

      {preview && <PreviewPanel p={preview} />}

      <section className="pub-card">
        <h3>{t('publish.versions')}</h3>
        {d.versions.length === 0 ? <p className="pub-muted">{t('publish.noVersions')}</p> : (
          <table className="pub-table">
            <thead><tr><th>{t('publish.version')}</th><th>{t('publish.publishedAt')}</th><th>{t('publish.publishedBy')}</th><th>{t('publish.sha')}</th><th /></tr></thead>
            <tbody>
              {d.versions.map((v) => {
                const current = d.status === 'published' && d.currentVersion === v.number;
                return (
                  <tr key={v.id}>
                    <td>v{v.number}{current && <strong> ({t('publish.current')})</strong>}{v.copiedFrom !== null && <span className="pub-muted"> · {t('publish.copiedFrom')} #{d.versions.find((x) => x.id === v.copiedFrom)?.number}</span>}</td>
                    <td>{v.publishedAt.replace('T', ' ').slice(0, 16)}</td>
                    <td>{v.publishedBy.replace(/^(user|token):/, '')}</td>
                    <td><code title={v.sha256}>{v.sha256.slice(0, 12)}</code></td>
                    <td>{!current && <button type="button" className="pub-btn" disabled={busy} onClick={() => run(() => api(`/api/publications/${id}/rollback`, { method: 'POST', body: { version: v.number }, headers: ifMatch }), 'publish.confirmRollback')}>{t('publish.rollback')}</button>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="pub-card pub-row pub-wrap">
        <div>
          <h3>{t('publish.poster')}</h3>
          <div className="pub-actions">
            {(['A3', 'A1'] as const).map((s) => (
              <span key={s} className="pub-actions">
                <button type="button" className="pub-btn" onClick={() => poster(s, false)} data-testid={`poster-${s}`}>{s} {t('publish.posterPng')}</button>
                <button type="button" className="pub-btn" onClick={() => poster(s, true)}>{s} {t('publish.posterPdf')}</button>
              </span>
            ))}
          </div>
        </div>
        <div className="pub-embed">
          <h3><label htmlFor="pub-embed">{t('publish.embed')}</label></h3>
          <textarea id="pub-embed" readOnly rows={3} value={embed} onFocus={(e) => e.currentTarget.select()} />
          <small className="pub-muted">{t('publish.embedHelp')}</small>
        </div>
      </section>
    </div>
  );
}

function PreviewPanel({ p }: { p: Preview }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const pct = (v: number | null | undefined) => (v == null ? <em className="pub-withheld">{t('publish.withheld')}</em> : `${v}%`);
  const num = (v: number | null | undefined) => (v == null ? <em className="pub-withheld">{t('publish.withheld')}</em> : v);
  const rawPct = (a: InternalArea) => (a.counts.enterprises ? `${Math.round(((a.counts.partyOwn + a.counts.partyJoint) / a.counts.enterprises) * 100)}%` : '—');
  const areas = (pub: PublicArea[]) => pub.map((a) => (
    <tr key={a.id}><td>{a.name}</td><td>{num(a.stats?.enterprises)}</td><td>{num(a.stats?.organisations)}</td><td>{pct(a.stats?.rates.partyOrg)}</td></tr>
  ));
  const internalAreas = (list: InternalArea[]) => list.map((a) => (
    <tr key={a.id}><td>{a.name}</td><td>{a.counts.enterprises}</td><td>{a.counts.organisations}</td><td>{rawPct(a)}</td></tr>
  ));
  const areaHead = <thead><tr><th>{t('publish.col.name')}</th><th>{t('publish.col.enterprises')}</th><th>{t('publish.col.orgs')}</th><th>{t('publish.col.partyOrg')}</th></tr></thead>;
  const Col = ({ title, children, className }: { title: string; children: ReactNode; className: string }) => (
    <section className={`pub-card pub-col ${className}`} aria-label={title}><h3>{title}</h3>{children}</section>
  );
  return (
    <>
      <div className="pub-compare">
        <Col title={t('publish.previewTitle')} className="pub-public">
          <h4>{t('publish.stations')} ({p.public.stations.length})</h4>
          <table className="pub-table">
            <thead><tr><th>{t('publish.col.name')}</th><th>{t('publish.col.type')}</th><th>{t('publish.col.openTo')}</th><th>{t('publish.col.hours')}</th></tr></thead>
            <tbody>{p.public.stations.map((s) => <tr key={s.id}><td>{s.name}</td><td>{typeLabel(s.type, locale)}</td><td>{label('openTo', s.openTo)}</td><td>{hoursText(s.hours, locale)}</td></tr>)}</tbody>
          </table>
          <h4>{t('publish.areas')}</h4>
          <table className="pub-table">{areaHead}<tbody>{areas(p.public.businessDistricts)}{areas(p.public.grids)}</tbody></table>
        </Col>
        <Col title={t('publish.internalTitle')} className="pub-internal">
          <h4>{t('publish.stations')} ({p.internal.stations.length})</h4>
          <table className="pub-table">
            <thead><tr><th>{t('publish.col.name')}</th><th>{t('publish.col.type')}</th><th>{t('publish.col.openTo')}</th><th>{t('publish.col.phone')}</th></tr></thead>
            <tbody>{p.internal.stations.map((s) => <tr key={s.id}><td>{s.name}</td><td>{typeLabel(s.type, locale)}</td><td>{label('openTo', s.openTo)}</td><td>{s.phone ?? '—'}</td></tr>)}</tbody>
          </table>
          <h4>{t('publish.areas')}</h4>
          <table className="pub-table">{areaHead}<tbody>{internalAreas(p.internal.businessDistricts)}{internalAreas(p.internal.grids)}</tbody></table>
          <h4>{t('publish.internalRows')}</h4>
          <p className="pub-muted">{Object.entries(p.internal.privateRows).map(([k, v]) => `${redactedFieldLabel(k, locale)}: ${v}`).join(' · ')}</p>
        </Col>
      </div>
      <section className="pub-card">
        <h3>{t('publish.redactedTitle')} ({p.redacted.length})</h3>
        <table className="pub-table" data-testid="redacted">
          <thead><tr><th>{t('publish.redacted.field')}</th><th>{t('publish.redacted.reason')}</th><th>{t('publish.redacted.count')}</th></tr></thead>
          <tbody>{p.redacted.map((r) => <tr key={`${r.field}-${r.reason}`}><td>{redactedFieldLabel(r.field, locale)}</td><td>{redactionReasonLabel(r.reason, locale)}</td><td>{r.count}</td></tr>)}</tbody>
        </table>
      </section>
    </>
  );
}
