/** Median and 95th percentile of a sample (nearest rank), and rounding for the table. */

export interface Summary {
  readonly median: number;
  readonly p95: number;
  readonly count: number;
}

export const percentile = (values: readonly number[], fraction: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1]!;
};

export const summarize = (values: readonly number[]): Summary => ({
  median: percentile(values, 0.5),
  p95: percentile(values, 0.95),
  count: values.length,
});

/** Milliseconds with one decimal below 100, whole above. */
export const round = (value: number): number => (Math.abs(value) < 100 ? Math.round(value * 10) / 10 : Math.round(value));
