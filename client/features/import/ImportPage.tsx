// The admin import wizard: choose a kind → upload → check the column mapping → read the report → accept → result.
// The server keeps nothing between steps: every check and the final import send the same file again.
import { useState } from 'react';
import type { Me } from '../../api/types';
import type { ImportField, ImportIssue, ImportKind, ImportMapping, ImportPreview, ImportResult } from '../../../server/import/contract';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import './import.css';
import { LanguageButton } from '../../i18n/LanguageButton';

const ROSTERS = ['enterprises', 'organisations', 'instructors', 'stations', 'activities'] as const satisfies readonly ImportKind[];
const BOUNDARIES = ['streets', 'grids', 'business-districts', 'buildings', 'roads', 'water'] as const satisfies readonly ImportKind[];
type Kind = (typeof ROSTERS)[number] | (typeof BOUNDARIES)[number];
const isRoster = (k: Kind) => (ROSTERS as readonly string[]).includes(k);
/** Rosters of placed things, which also import from a GIS point layer. */
const POINT_ROSTERS: ReadonlySet<string> = new Set(['enterprises', 'stations', 'activities']);

type Field = ImportField;
type Mapping = ImportMapping;
type Issue = ImportIssue;
type Preview = ImportPreview;
type Result = ImportResult;
interface ApiErr { error: { code: string; message: string; details?: { mapping?: Mapping[]; fields?: Field[]; problems?: { code: string; field?: string }[]; issues?: Issue[] } | null } }

export function ImportPage({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<Kind>('enterprises');
  const [file, setFile] = useState<File | null>(null);
  const [coords, setCoords] = useState<'wgs84' | 'gcj02' | 'bd09'>('wgs84');
  const [mapping, setMapping] = useState<Mapping[] | null>(null);
  const [fields, setFields] = useState<Field[]>([]);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'checking' | 'writing' | null>(null);
  const label = (key: string) => t(key as MessageKey) ?? key;

  if (me.role !== 'admin') return <p className="splash">{t('import.adminOnly')}</p>;

  const reset = (k: Kind = kind) => {
    setKind(k);
    setMapping(null);
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const send = async (path: string, extra: Record<string, string>): Promise<Response> => {
    const form = new FormData();
    form.set('file', file as File);
    form.set('coords', coords);
    if (mapping) form.set('mapping', JSON.stringify(Object.fromEntries(mapping.map((m) => [m.column, m.field ?? '']))));
    for (const [k, v] of Object.entries(extra)) form.set(k, v);
    return fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: me.csrfToken ? { 'x-csrf-token': me.csrfToken } : {} });
  };

  const check = async () => {
    if (!file) return;
    setBusy('checking');
    setError(null);
    setPreview(null);
    setResult(null);
    try {
      const res = await send(`/api/import/${kind}/preview`, {});
      const body = (await res.json()) as Preview | ApiErr;
      if (res.ok) {
        const p = body as Preview;
        setPreview(p);
        setMapping(p.mapping);
        setFields(p.fields);
      } else {
        const e = (body as ApiErr).error;
        setError(e.message);
        // A 422 on the mapping carries the detected mapping: the user fixes it here and checks again.
        if (e.details?.mapping && e.details.fields) {
          setMapping(e.details.mapping);
          setFields(e.details.fields);
        }
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const accept = async () => {
    if (!preview) return;
    setBusy('writing');
    setError(null);
    try {
      const res = await send(`/api/import/${kind}`, { skipInvalid: preview.counts.invalid > 0 ? 'true' : 'false' });
      const body = (await res.json()) as Result | ApiErr;
      if (res.ok) setResult(body as Result);
      else setError(`${t('import.failed')}: ${(body as ApiErr).error.message}`);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const fieldName = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? (locale === 'en' ? f.labelEn : f.label) : key;
  };
  const mapped = new Set((mapping ?? []).map((m) => m.field).filter(Boolean));
  const missing = fields.filter((f) => f.required && !mapped.has(f.key));
  const counts = preview?.counts;

  return (
    <main className="import-page">
      <header>
        <h1>{t('import.title')}</h1>
        <a href="/">{t('import.backToMap')}</a>
        <LanguageButton />
      </header>

      <section className="import-step" data-step="kind">
        <h2>{t('import.step.kind')}</h2>
        <div className="kinds">
          {([['import.group.rosters', ROSTERS], ['import.group.boundaries', BOUNDARIES]] as const).map(([group, kinds]) => (
            <fieldset key={group}>
              <legend>{t(group)}</legend>
              {kinds.map((k) => (
                <label key={k}>
                  <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => reset(k)} />
                  {label(`import.kind.${k}`)}
                  {isRoster(k) && <a className="template" href={`/api/import/templates/${k}.xlsx`} download>{t('import.template')}</a>}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </section>

      <section className="import-step" data-step="file">
        <h2>{t('import.step.file')}</h2>
        <p className="muted small">{isRoster(kind) ? t('import.fileHintRoster') : t('import.fileHintBoundary')}</p>
        {kind === 'grids' && <p className="muted small">{t('import.gridsHint')}</p>}
        <div className="row">
          {/* The browser's own file button speaks the browser's language, not the page's: a label stands in. */}
          <label className="file-pick">
            <input type="file" aria-label={t('import.step.file')} accept={isRoster(kind) ? `.xlsx,.csv,.txt${POINT_ROSTERS.has(kind) ? ',.geojson,.json,.kml,.kmz,.zip' : ''}` : '.geojson,.json,.kml,.kmz,.zip'}
              onChange={(e) => { setFile(e.target.files?.[0] ?? null); reset(); }} />
            <span className="file-button">{t('import.chooseFile')}</span>
            <span className="file-name" translate="no">{file ? file.name : t('import.noFile')}</span>
          </label>
          {isRoster(kind) && (
            <label>{t('import.coords')}{' '}
              <select value={coords} onChange={(e) => setCoords(e.target.value as typeof coords)}>
                {(['wgs84', 'gcj02', 'bd09'] as const).map((c) => <option key={c} value={c}>{t(`import.coords.${c}`)}</option>)}
              </select>
            </label>
          )}
          <button type="button" className="primary" disabled={!file || busy !== null} onClick={() => void check()} data-action="check">
            {busy === 'checking' ? t('import.checking') : t('import.check')}
          </button>
        </div>
        {isRoster(kind) && <p className="muted small">{t('import.coordsHint')}</p>}
      </section>

      {error && <p className="error import-error" role="alert">{error}</p>}

      {mapping && (
        <section className="import-step" data-step="mapping">
          <h2>{t('import.step.mapping')}</h2>
          <div className="mapping">
            {mapping.map((m) => (
              <label key={m.index} className={m.field ? 'mapped' : 'ignored'}>
                <span className="col" title={m.column}>{m.column}</span>
                <span className="arrow">→</span>
                <select aria-label={m.column} value={m.field ?? ''} onChange={(e) => setMapping(mapping.map((x) => (x.index === m.index ? { ...x, field: e.target.value || null } : x)))}>
                  <option value="">{t('import.ignore')}</option>
                  {fields.map((f) => <option key={f.key} value={f.key}>{locale === 'en' ? f.labelEn : f.label}{f.required ? ` · ${t('import.required')}` : ''}</option>)}
                </select>
              </label>
            ))}
          </div>
          {missing.length > 0 && <p className="error">{t('import.missingRequired')} {missing.map((f) => (locale === 'en' ? f.labelEn : f.label)).join('、')}</p>}
          <button type="button" disabled={busy !== null} onClick={() => void check()} data-action="recheck">{t('import.recheck')}</button>
        </section>
      )}

      {preview && counts && !result && (
        <section className="import-step" data-step="report">
          <h2>{t('import.step.report')}</h2>
          <div className="counts">
            {(['rows', 'valid', 'invalid', 'insert', 'update', 'unchanged'] as const).map((k) => (
              <div key={k} className={`count ${k}`} data-count={k}><b>{counts[k]}</b><span>{t(`import.counts.${k}`)}</span></div>
            ))}
          </div>
          {preview.unknownColumns.length > 0 && <p className="muted" data-unknown-columns>{t('import.unknownColumns')} {preview.unknownColumns.join('、')}</p>}
          {preview.issues.length === 0 ? <p>{t('import.noIssues')}</p> : (
            <>
              <h3>{t('import.issues')}</h3>
              <div className="issues-wrap">
                <table className="issues">
                  <thead><tr><th>{t('import.row')}</th><th>{t('import.column')}</th><th>{t('import.problem')}</th><th>{t('import.value')}</th></tr></thead>
                  <tbody>
                    {preview.issues.map((i, n) => (
                      <tr key={n} data-row={i.row} className={i.severity === 'warning' ? 'warning' : undefined}>
                        <td className="num">{i.row || '—'}</td>
                        <td>{i.column === i.field ? fieldName(i.field) : i.column}</td>
                        <td title={i.message}>{i.severity === 'warning' ? <b>{t('import.warning')}: </b> : null}{label(`import.issue.${i.code}`)}{['bad_geometry', 'unknown_enterprise', 'out_of_range', 'street_overlap', 'missing_grid'].includes(i.code) ? <span className="muted small"> · {i.message}</span> : null}</td>
                        <td className="value">{i.value ?? ''}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {preview.issuesTruncated && <p className="muted small">{t('import.truncated')}</p>}
            </>
          )}
          {counts.valid === 0 ? <p className="error">{t('import.nothingValid')}</p> : (
            <div className="accept">
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void accept()} data-action="accept">
                {busy === 'writing' ? t('import.writing') : counts.invalid > 0 ? `${t('import.acceptValid')} (${counts.valid})` : `${t('import.accept')} (${counts.valid})`}
              </button>
              <p className="muted small">{t('import.acceptHint')}</p>
            </div>
          )}
        </section>
      )}

      {result && (
        <section className="import-step" data-step="result" role="status">
          <h2>{t('import.step.result')}</h2>
          <div className="counts">
            {([['inserted', 'import.inserted'], ['updated', 'import.updated'], ['unchanged', 'import.unchangedDone'], ['skipped', 'import.skipped']] as const).map(([k, key]) => (
              <div key={k} className={`count ${k}`} data-result={k}><b>{result[k]}</b><span>{t(key)}</span></div>
            ))}
          </div>
          <button type="button" onClick={() => { setFile(null); reset(); }}>{t('import.again')}</button>
        </section>
      )}
    </main>
  );
}
