/** The slice of fixed-size items visible in a viewport, with some overscan on both sides. */
export function visibleRange(
  scroll: number,
  viewport: number,
  itemSize: number,
  count: number,
  overscan = 4,
): { start: number; end: number } {
  if (count <= 0 || itemSize <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scroll) / itemSize);
  const visible = Math.ceil(Math.max(0, viewport) / itemSize) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start: Math.min(start, end), end };
}
