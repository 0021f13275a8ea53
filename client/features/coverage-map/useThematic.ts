// The thematic map's figures: the children of the area whose children the map colours (the focus, or for a
// grid or business district its street), with their rates, from the coverage summary.
import { useEffect, useState } from 'react';
import { COMPUTING_RETRY_MS, isComputing } from '../../api/http';
import type { Level } from '../../api/types';
import type { ThematicData } from '../../map/layers/thematic/model';
import { CHILD_LEVEL, summaryOf } from './summaries';

export function useThematic(parent: { level: Level; id: string } | null, wanted: boolean): ThematicData | null {
  const [data, setData] = useState<ThematicData | null>(null);
  const [retry, setRetry] = useState(0);
  const level = parent ? CHILD_LEVEL[parent.level] : undefined;
  const key = parent && level ? `${parent.level}:${parent.id}` : null;
  useEffect(() => {
    if (!wanted || !key || !parent || !level) return;
    let live = true;
    summaryOf(parent.level, parent.id)
      .then((node) => live && setData({ level, parent: key, figures: (node.children ?? []).filter((c) => c.level === level) }))
      .catch((e: unknown) => {
        if (live && isComputing(e)) setTimeout(() => live && setRetry((n) => n + 1), COMPUTING_RETRY_MS);
      });
    return () => {
      live = false;
    };
    // parent is read through its key
  }, [key, wanted, retry]);
  // Until the new parent's figures arrive, nothing is coloured rather than the previous parent's areas.
  return data && data.parent === key ? data : null;
}
