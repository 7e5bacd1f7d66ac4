// Small statistics for the benchmark tables: median with its spread, and the straight line through
// (hosts, cost) points that gives the growth per added host.

/** Median of numbers (mean of the middle two for an even count). */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Median, minimum and maximum of a set of runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The spread of runs. */
export function spread(xs: number[]): Spread {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

/** Least-squares line y = intercept + slope * x (slope NaN with fewer than two distinct x). */
export function fitLine(points: [number, number][]): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxx === 0 ? NaN : sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Growth per added host between the two smallest and between the two largest sizes: a cost that is
 * linear in the hosts has about the same slope at both ends; a much larger one at the top grows faster.
 */
export function endSlopes(points: [number, number][]): { low: number; high: number } | null {
  const p = [...points].sort((a, b) => a[0] - b[0]);
  if (p.length < 3) return null;
  const slope = (a: [number, number], b: [number, number]) => (b[1] - a[1]) / (b[0] - a[0]);
  return { low: slope(p[0]!, p[1]!), high: slope(p[p.length - 2]!, p[p.length - 1]!) };
}
