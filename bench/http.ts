/** HTTP measurements with autocannon: latency percentiles from every response, throughput, errors. */
import autocannon from "autocannon";

export interface LoadResult {
  connections: number;
  requests: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function run(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string>,
  record: boolean,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let errors = 0;
    const instance = autocannon({ url, connections, duration: seconds, headers, timeout: 30 }, (err, result) => {
      if (err) return reject(err);
      latencies.sort((a, b) => a - b);
      resolve({
        connections,
        requests: latencies.length,
        throughput: latencies.length / seconds,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        errors: errors + result.errors + result.timeouts,
      });
    });
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (!record) return;
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) errors++;
    });
  });
}

/** Warm-up (not recorded), then the measured run. */
export async function measure(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  await run(url, connections, Math.min(3, seconds), headers, false);
  return run(url, connections, seconds, headers, true);
}

/** Waits until `url` answers 2xx (a server starting up). */
export async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
