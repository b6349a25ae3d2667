// Requests at a fixed rate, evenly spaced (open loop), for the benchmarks that ask "how fast does
// it answer at N requests per second". autocannon's rate option is not that: each connection makes
// its share of a second's requests back to back when the second starts, then waits for the next,
// so every connection bursts at once and the latencies it reports are those of a burst of a whole
// second's load. Here request n is due at start + n/rate; its latency counts from when it was
// due, so a request that had to wait for a free connection, or for this process, counts the wait.
// undici, not node:http: at ~5,000 requests/s node:http's client cost this process enough to add
// 150-400 ms to the bare route's p99 on 2 cores; undici's pool costs a fraction of that.
import { Pool } from 'undici';
import type { Load } from './http-support.ts';
import { percentile } from './support.ts';

export interface PacedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface PacedOptions {
  readonly base: string;
  readonly rate: number;
  readonly seconds: number;
  /** Keep-alive connections at most; a request due while all are busy waits for one. */
  readonly connections: number;
  /** The n-th request (from 0). */
  readonly next: (n: number) => PacedRequest;
}

export async function paced(options: PacedOptions): Promise<Load> {
  const pool = new Pool(options.base, { connections: options.connections, pipelining: 1 });
  const latencies: number[] = [];
  let fiveHundreds = 0;
  let failures = 0;
  const inFlight = new Set<Promise<void>>();
  const send = (n: number, dueAt: number): void => {
    const { method, path, headers = {}, body } = options.next(n);
    const done = pool.request({ method: method as 'GET', path, headers, ...(body === undefined ? {} : { body }) }).then(async (res) => {
      await res.body.dump();
      latencies.push(performance.now() - dueAt);
      if (res.statusCode >= 500) fiveHundreds++;
      if (res.statusCode < 200 || res.statusCode >= 400) failures++;
    }, () => { failures++; });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    // A timer cannot fire more often than every millisecond: each turn sends what has come due.
    const turn = (): void => {
      const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
      for (; sent < due; sent++) send(sent, start + sent * interval);
      if (sent < total) setTimeout(turn, Math.max(0, start + sent * interval - performance.now()));
      else resolve();
    };
    turn();
  });
  await Promise.all(inFlight);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { rps: latencies.length / options.seconds, p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), failures, fiveHundreds };
}
