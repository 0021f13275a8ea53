// Walking distances from a set of sources over the graph, up to a cutoff: Dijkstra with a binary heap on typed
// arrays. One-to-many with a cutoff is the only query reach needs; a general graph library (ngraph.path answers
// point-to-point paths) would add a dependency and an object per node for no gain. See docs/adr (network reach).
import type { WalkGraph } from './graph.js';

export interface Source {
  node: number;
  /** Metres already walked when the node is reached (from a point joining the network mid-edge). */
  startM: number;
}

/** Node → metres for every node within cutoffM of the nearest source (inclusive). */
export function walkDistances(g: WalkGraph, sources: Source[], cutoffM: number): Map<number, number> {
  const dist = new Map<number, number>();
  const done = new Set<number>();
  // Heap of (distance, node) in two parallel growable arrays.
  let hd = new Float64Array(64);
  let hn = new Int32Array(64);
  let size = 0;
  const push = (d: number, n: number) => {
    if (size === hd.length) {
      const nd = new Float64Array(size * 2);
      nd.set(hd);
      hd = nd;
      const nn = new Int32Array(size * 2);
      nn.set(hn);
      hn = nn;
    }
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((hd[p] as number) < d || ((hd[p] as number) === d && (hn[p] as number) <= n)) break;
      hd[i] = hd[p] as number;
      hn[i] = hn[p] as number;
      i = p;
    }
    hd[i] = d;
    hn[i] = n;
  };
  const pop = (): [number, number] => {
    const top: [number, number] = [hd[0] as number, hn[0] as number];
    const d = hd[--size] as number;
    const n = hn[size] as number;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const c = r < size && ((hd[r] as number) < (hd[l] as number) || ((hd[r] as number) === (hd[l] as number) && (hn[r] as number) < (hn[l] as number))) ? r : l;
      if ((hd[c] as number) > d || ((hd[c] as number) === d && (hn[c] as number) >= n)) break;
      hd[i] = hd[c] as number;
      hn[i] = hn[c] as number;
      i = c;
    }
    hd[i] = d;
    hn[i] = n;
    return top;
  };
  for (const s of sources) {
    if (s.startM > cutoffM) continue;
    const cur = dist.get(s.node);
    if (cur === undefined || s.startM < cur) {
      dist.set(s.node, s.startM);
      push(s.startM, s.node);
    }
  }
  while (size > 0) {
    const [d, n] = pop();
    if (done.has(n) || d > (dist.get(n) as number)) continue;
    done.add(n);
    for (let k = g.adjStart[n] as number, end = g.adjStart[n + 1] as number; k < end; k++) {
      const to = g.adjTo[k] as number;
      const nd = d + (g.edgeLen[g.adjEdge[k] as number] as number);
      if (nd > cutoffM) continue;
      const cur = dist.get(to);
      if (cur === undefined || nd < cur) {
        dist.set(to, nd);
        push(nd, to);
      }
    }
  }
  return dist;
}
