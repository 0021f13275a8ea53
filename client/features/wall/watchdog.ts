// An unattended wall must heal itself: reload when frames stop (a hung tab or GPU) or a WebGL context is lost.
export function startWatchdog(opts: { stallMs?: number; checkMs?: number; reload?: () => void } = {}): () => void {
  const stallMs = opts.stallMs ?? 30_000;
  const reload = opts.reload ?? (() => location.reload());
  let last = performance.now();
  let raf = 0;
  const beat = () => {
    last = performance.now();
    raf = requestAnimationFrame(beat);
  };
  raf = requestAnimationFrame(beat);
  const timer = setInterval(() => {
    // Hidden tabs do not paint; only a visible wall that stopped painting is stalled.
    if (document.visibilityState === 'visible' && performance.now() - last > stallMs) reload();
  }, opts.checkMs ?? 5_000);
  const onLost = (e: Event) => {
    if ((e.target as HTMLElement | null)?.tagName === 'CANVAS') setTimeout(reload, 2_000);
  };
  document.addEventListener('webglcontextlost', onLost, true);
  return () => {
    cancelAnimationFrame(raf);
    clearInterval(timer);
    document.removeEventListener('webglcontextlost', onLost, true);
  };
}
