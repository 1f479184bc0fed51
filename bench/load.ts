/**
 * The load generator, run in its own process so it does not steal the server's event loop:
 * autocannon sends the plan's requests and every response time is kept, for exact percentiles.
 * Prints one JSON line.
 *
 * With `order: "global"`, the connections share one pass over the list (request n goes to
 * whichever connection is free), so each entry is sent once per pass, never once per connection:
 * a list of distinct queries stays distinct. `unique` adds a number to each request's body (`#`
 * in it is replaced), for writes that must not collide.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

interface PlannedRequest {
  method?: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

// The plan comes in a file: thousands of paths do not fit in one command-line argument.
const plan = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as {
  url: string;
  paths?: string[];
  requests?: PlannedRequest[];
  connections: number;
  seconds: number;
  order?: 'per-connection' | 'global';
  unique?: boolean;
  /** How long one request may take before autocannon gives up on it (10 s by default). */
  timeoutSeconds?: number;
  /** Stop after this many requests (one pass over a list), whatever the duration. */
  amount?: number;
};
const list: PlannedRequest[] = plan.requests ?? (plan.paths ?? []).map((path) => ({ path }));

let sent = 0;
const next = (): PlannedRequest => {
  const request = list[sent % list.length] as PlannedRequest;
  sent++;
  if (!plan.unique || request.body === undefined) return request;
  return { ...request, body: request.body.replaceAll('#', `${process.pid}-${sent}`) };
};

const times: number[] = [];
const statuses: Record<string, number> = {};
const instance = autocannon({
  url: plan.url,
  connections: plan.connections,
  ...(plan.amount ? { amount: plan.amount } : { duration: plan.seconds }),
  timeout: plan.timeoutSeconds ?? 10,
  requests:
    plan.order === 'global'
      ? [{ setupRequest: (request: object) => ({ ...request, method: 'GET', ...next() }) }]
      : list.map((request) => ({ method: 'GET', ...request })),
} as autocannon.Options);
(instance as unknown as NodeJS.EventEmitter).on(
  'response',
  (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    if (statusCode < 400) times.push(responseTime);
  },
);
const result = await instance;
const failures = Object.entries(statuses)
  .filter(([status]) => Number(status) >= 400)
  .reduce((sum, [, count]) => sum + count, 0);
process.stdout.write(
  `${JSON.stringify({ times, failures, statuses, errors: result.errors, timeouts: result.timeouts, seconds: result.duration, listed: list.length, sent })}\n`,
);
