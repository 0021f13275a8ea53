// Counts of activities per equal slice of the time slider's span, drawn above the slider.

/** Counts of the instants (ISO) falling in each of `bins` equal slices of [from, to] (dates, inclusive). */
export function histogram(instants: readonly string[], from: string, to: string, bins: number): number[] {
  const start = new Date(`${from}T00:00:00+08:00`).getTime();
  const end = new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000;
  const out = new Array<number>(bins).fill(0);
  if (!(end > start) || bins < 1) return out;
  const width = (end - start) / bins;
  for (const s of instants) {
    const t = new Date(s).getTime();
    if (!(t >= start && t < end)) continue;
    out[Math.min(bins - 1, Math.floor((t - start) / width))]! += 1;
  }
  return out;
}
