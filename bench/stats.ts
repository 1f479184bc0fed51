export interface LatencySummary {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Percentiles (nearest rank) and throughput of a list of response times in milliseconds. */
export function summarize(times: number[], seconds: number): LatencySummary {
  const sorted = [...times].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return {
    requests: sorted.length,
    perSecond: sorted.length / seconds,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
  };
}

export function formatMs(value: number): string {
  return `${value.toFixed(1)} ms`;
}
