import { useEffect, useRef, useState } from 'react';
import { search } from '../../api/endpoints';
import type { SearchResult } from '../../api/types';
import { useI18n } from '../../i18n/I18n';

export function SearchBox({ onPick }: { onPick: (r: SearchResult) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<SearchResult[] | null>(null);
  const [active, setActive] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const picked = useRef<string | null>(null);
  useEffect(() => {
    const query = q.trim();
    if (!query || query === picked.current) {
      setResults(null);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      search(query, ctrl.signal).then((r) => { setResults(r.results); setActive(0); }).catch(() => undefined);
    }, 200);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);
  const pick = (r: SearchResult) => {
    onPick(r);
    setResults(null);
    picked.current = r.name;
    setQ(r.name);
  };
  return (
    <div className="search" ref={box}>
      <input
        type="search"
        value={q}
        placeholder={t('searchPlaceholder')}
        aria-label={t('searchPlaceholder')}
        onChange={(e) => {
          picked.current = null;
          setQ(e.target.value);
        }}
        onKeyDown={(e) => {
          if (!results?.length) return;
          if (e.key === 'ArrowDown') setActive((a) => Math.min(results.length - 1, a + 1));
          if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          if (e.key === 'Enter') pick(results[active] as SearchResult);
          if (e.key === 'Escape') setResults(null);
        }}
      />
      {results && (
        <ul className="results" role="listbox">
          {results.length === 0 && <li className="muted">{t('noResults')}</li>}
          {results.map((r, i) => (
            <li key={`${r.type}:${r.id}`} data-result={`${r.type}:${r.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseDown={() => pick(r)}>
              <span className={`kind ${r.type}`}>{t(`result.${r.type}`)}</span>
              {r.name}
              {r.address && <span className="muted"> · {r.address}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
