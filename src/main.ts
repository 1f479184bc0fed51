import { buildApp } from './app.js';
import type { Config } from './config.js';
import { createContext } from './context.js';
import { loadDemoContentIfWanted } from './demo/index.js';

/** Starts the portal: context, demo content on first start, HTTP; closes everything on SIGINT/SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const ctx = await createContext(config, { work: true });
  const app = await buildApp(ctx);
  const loaded = await loadDemoContentIfWanted(ctx);
  if (loaded) app.log.info({ datasets: loaded.datasets }, 'demo content loaded');
  await app.listen({ port: config.port, host: config.host });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await ctx.close();
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Works the job queues without serving HTTP (more workers beside the web processes, on PostgreSQL). */
export async function work(config: Config): Promise<void> {
  const ctx = await createContext(config, { work: true });
  console.log('Working the job queues; stop with Ctrl-C.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await ctx.close();
}
