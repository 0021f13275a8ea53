// The rolling lists of the wall (activity feed, station list): which items show at each tick.

/** `size` items starting at `tick` (wrapping), or all of them when they fit: nothing scrolls needlessly. */
export function rollingWindow<T>(items: readonly T[], tick: number, size: number): T[] {
  if (items.length <= size) return [...items];
  const start = ((tick % items.length) + items.length) % items.length;
  return Array.from({ length: size }, (_, i) => items[(start + i) % items.length] as T);
}
