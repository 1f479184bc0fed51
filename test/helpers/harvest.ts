import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { call } from './fixtures.js';
import { until } from './wait.js';

/** A free port on 127.0.0.1 (an upstream portal must know its own address before it starts). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts a test or a run of a source and waits until it has finished; returns its report. */
export async function harvestRun(
  app: FastifyInstance,
  token: string,
  source: string,
  kind: 'test' | 'run' = 'run',
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the API returns.
): Promise<{ run: any; items: any[] }> {
  const started = await call(app, 'POST', `/api/v1/harvest/sources/${source}/${kind}`, { token });
  if (started.status !== 202) throw new Error(`run not started: ${started.status} ${started.body}`);
  const id = started.json.id as string;
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  let report: any;
  await until(async () => {
    report = (await call(app, 'GET', `/api/v1/harvest/runs/${id}?limit=1000`, { token })).json;
    return report.run.status === 'succeeded' || report.run.status === 'failed';
  });
  return report;
}
