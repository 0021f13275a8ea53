// Follows /api/events: calls onChange for every data change (and after reconnecting, in case some were
// missed), and reports whether the stream is live, reconnecting, or silent for too long.
import { useEffect, useRef, useState } from 'react';
import { getBearerToken } from '../../api/http';

export type LiveState = 'connecting' | 'live' | 'disconnected';

/** No heartbeat for this long (the server sends one every 15 s) means the wall may be showing old data. */
export const SILENCE_MS = 45_000;

export function useLive(onChange: () => void): { state: LiveState; lastBeat: number } {
  const [state, setState] = useState<LiveState>('connecting');
  const [lastBeat, setLastBeat] = useState(Date.now());
  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => {
    const token = getBearerToken();
    const url = `/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`;
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let first = true;
    const connect = () => {
      es = new EventSource(url, { withCredentials: true });
      es.addEventListener('hello', () => {
        setState('live');
        setLastBeat(Date.now());
        if (!first) changed.current();
        first = false;
      });
      es.addEventListener('heartbeat', () => setLastBeat(Date.now()));
      es.addEventListener('change', () => {
        setLastBeat(Date.now());
        changed.current();
      });
      es.onerror = () => {
        setState('disconnected');
        // EventSource retries by itself while the server answers; if it gave up (closed), start again.
        if (es?.readyState === EventSource.CLOSED) {
          es.close();
          retry = setTimeout(connect, 3000);
        }
      };
    };
    connect();
    return () => {
      es?.close();
      if (retry) clearTimeout(retry);
    };
  }, []);
  return { state, lastBeat };
}
