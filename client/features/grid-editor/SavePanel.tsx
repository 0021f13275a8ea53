// Saving: the impact preview runs whenever the edits are clean; Save is enabled only then, and never waits for a
// preview (saving cancels it: the server validates again). Its 422/409 problems go onto the map, a 412 offers to
// re-apply the edits.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { ApiError } from '../../api/http';
import { commitChanges, gridErrorDetails, previewChanges, type EditorData, type Preview } from './api';
import type { EditorState } from './editor-state';
import { gridsOf } from './editor-state';
import { rebase, type BuiltChanges, type EditGrid, type Problem } from './topology';
import { fromServer } from './server-problems';
import { ImpactView } from './ImpactView';
import { format } from './format';

interface Props {
  streetCode: string;
  state: EditorState;
  built: BuiltChanges | null;
  clean: boolean;
  onServerProblems: (p: Problem[]) => void;
  onSaved: (changeSetId: number | null) => void;
  reload: () => Promise<EditorData | null>;
  onRebased: (data: EditorData, grids: EditGrid[]) => void;
}

export function SavePanel({ streetCode, state, built, clean, onServerProblems, onSaved, reload, onRebased }: Props) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [conflicts, setConflicts] = useState<string[] | null>(null);
  const n = built?.changeSet.changes.length ?? 0;
  /** The running preview: a save cancels it (here, and so on the server). */
  const previewing = useRef<AbortController | null>(null);

  // Preview whenever the (clean) change set changes, debounced so a burst of edits asks once.
  useEffect(() => {
    setPreview(null);
    setError(null);
    if (!built || n === 0 || !clean || !state.editable) return;
    const ac = new AbortController();
    previewing.current = ac;
    const id = setTimeout(() => {
      setBusy('preview');
      previewChanges(streetCode, built.changeSet, ac.signal)
        .then((p) => {
          setPreview(p);
          onServerProblems(fromServer(p.problems, built));
        })
        .catch((e: Error) => ac.signal.aborted || setError(format(t('ge.previewFailed'), { msg: e.message })))
        .finally(() => ac.signal.aborted || setBusy(null));
    }, 500);
    return () => {
      clearTimeout(id);
      ac.abort();
    };
  }, [built, clean, n, streetCode, state.editable]);

  const save = async () => {
    if (!built) return;
    previewing.current?.abort();
    setBusy('save');
    setError(null);
    try {
      const res = await commitChanges(streetCode, { ...(note.trim() ? { note: note.trim() } : {}), changes: built.changeSet.changes });
      setNote('');
      setConflicts(null);
      onSaved(res.changeSetId);
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) setStale(true);
      else if (e instanceof ApiError && (e.status === 409 || e.status === 422)) {
        onServerProblems(fromServer(gridErrorDetails(e).problems ?? [], built));
        setError(format(t('ge.rejected'), { msg: e.message }));
      } else setError(format(t('ge.rejected'), { msg: (e as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  const reapply = async () => {
    const data = await reload();
    if (!data) return;
    const r = rebase(state.original, state.grids, gridsOf(data));
    onRebased(data, r.grids);
    setConflicts(r.conflicts);
    setStale(false);
  };

  const nameOf = (k: string) => state.original.find((g) => g.key === k)?.name ?? state.grids.find((g) => g.key === k)?.name ?? k;

  return (
    <section className="ge-save" data-state={busy ?? (preview ? 'previewed' : 'idle')}>
      <h3>{t('ge.save')}</h3>
      <p className="small">{n === 0 ? t('ge.noChanges') : format(t('ge.changes'), { n })}</p>
      {n > 0 && !clean && <p className="warn small">{t('ge.fixFirst')}</p>}
      <label className="note">
        {t('ge.note')}
        <textarea value={note} maxLength={500} rows={2} placeholder={t('ge.notePlaceholder')} onChange={(e) => setNote(e.target.value)} disabled={!state.editable} />
      </label>
      <button type="button" className="primary" data-control="save" disabled={!state.editable || n === 0 || !clean || busy === 'save'} onClick={() => void save()}>
        {busy === 'save' ? t('ge.saving') : t('ge.save')}
      </button>
      {error && <p className="error small">{error}</p>}
      {stale && (
        <div className="stale">
          <p>{t('ge.stale')}</p>
          <button type="button" data-control="reapply" onClick={() => void reapply()}>
            {t('ge.reapply')}
          </button>
        </div>
      )}
      {conflicts && (
        <div className="conflicts">
          <p className="small">{t('ge.reapplied')}</p>
          {conflicts.length > 0 && (
            <>
              <p className="small warn">{t('ge.conflicts')}</p>
              <ul>
                {conflicts.map((k) => (
                  <li key={k}>{nameOf(k)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {busy === 'preview' && <p className="muted small">{t('ge.previewing')}</p>}
      {preview?.impact && built && <ImpactView impact={preview.impact} state={state} built={built} />}
    </section>
  );
}
