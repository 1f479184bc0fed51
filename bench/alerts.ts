/**
 * bench/alerts: a public dataset followed by 10,000 people (each with a confirmed address and
 * digests "at once") and watched by 100 webhooks (a receiver on loopback) gets a new resource.
 * Measured, for each of 3 rounds (a new resource each time): the time until every follower's
 * digest is in the outbox (queued for SMTP, or kept), and until every webhook delivery is done
 * (signed, POSTed, answered 200). As the baseline measured in the same run: the same 10,000
 * messages queued one by one (`mail.send` per person: what a loop over followers would cost).
 *
 *   npm run bench:alerts                  # BENCH_FOLLOWERS=10000 BENCH_WEBHOOKS=100 BENCH_ROUNDS=3
 *   BENCH_DATABASE_URL=postgres://…/empty npm run bench:alerts   # on PostgreSQL (an empty database)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { benchDataset } from './bench-dataset.js';

const FOLLOWERS = Number(process.env.BENCH_FOLLOWERS ?? 10_000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const seconds = (start: number) => (performance.now() - start) / 1000;

async function main(): Promise<void> {
  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/crochet`;

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-bench-alerts-'));
  const ctx = await createContext(
    loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      DEMO_CONTENT: 'never',
      BASE_URL: 'http://127.0.0.1',
      LINK_CHECK_HOURS: '0',
      REFERENCE_PROBE_SECONDS: '0',
      FETCH_ALLOW_LOOPBACK: 'true',
      ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
    }),
    { work: true },
  );
  const count = async (sql: string): Promise<number> =>
    Number((await ctx.db.query<{ n: string }>(sql))[0]?.n ?? 0);
  const waitFor = async (sql: string, target: number) => {
    while ((await count(sql)) < target) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  try {
    const dataset = await benchDataset(ctx, 'jeu-tres-suivi', {
      url: 'https://donnees.banc.example/fichier-0.csv',
      format: 'CSV',
      mimetype: null,
      upload: null,
    });

    // The followers: accounts with confirmed addresses, each following the dataset, digests at once.
    // (Written in bulk: creating 10,000 accounts one password hash at a time is not what is measured.)
    process.stdout.write(`  creating ${FOLLOWERS.toLocaleString('en')} followers… `);
    const setupStart = performance.now();
    const ids = Array.from({ length: FOLLOWERS }, () => randomUUID());
    for (let start = 0; start < FOLLOWERS; start += 5000) {
      const batch = ids.slice(start, start + 5000);
      await ctx.db.query(
        `INSERT INTO accounts.users (id, name, fullname, email, email_verified)
         SELECT id, 'abonne-' || n, 'Abonné ' || n, 'abonne-' || n || '@banc.example', now()
           FROM unnest($1::uuid[], $2::int[]) AS t(id, n)`,
        [batch, batch.map((_, i) => start + i)],
      );
      await ctx.db.query(
        `INSERT INTO community.follows (id, user_id, kind, target, label)
         SELECT gen_random_uuid(), id, 'dataset', $2, 'Jeu très suivi' FROM unnest($1::uuid[]) AS t(id)`,
        [batch, dataset.id],
      );
      await ctx.db.query(
        `INSERT INTO community.alert_settings (user_id, frequency, feed_token, unsubscribe_token)
         SELECT id, 'immediate', replace(gen_random_uuid()::text, '-', ''), replace(gen_random_uuid()::text, '-', '')
           FROM unnest($1::uuid[]) AS t(id)`,
        [batch],
      );
    }
    const owner = ids[0] as string;
    for (let i = 0; i < WEBHOOKS; i++)
      await ctx.db.query(
        `INSERT INTO community.webhooks (id, owner_id, url, secret, events, dataset_id)
         VALUES ($1, $2, $3, $4, ARRAY['dataset.updated'], $5)`,
        [
          randomUUID(),
          owner,
          `${hookUrl}/${i}`,
          `whsec_${Buffer.alloc(32, i).toString('base64')}`,
          dataset.id,
        ],
      );
    console.log(`${seconds(setupStart).toFixed(1)} s`);

    const idle = () =>
      waitFor(
        `SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END AS n FROM jobs.job
          WHERE name LIKE 'community.%' AND state NOT IN ('completed', 'failed', 'cancelled')`,
        1,
      );
    const rounds: { digests: number; hooks: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Each round starts with nothing under way (the dataset's creation was told to nobody).
      await idle();
      const mailsBefore = await count(`SELECT count(*) AS n FROM mail.messages WHERE kind = 'alerts.digest'`);
      const hooksBefore = await count(
        `SELECT count(*) AS n FROM community.webhook_deliveries WHERE state = 'succeeded'`,
      );
      const start = performance.now();
      await ctx.catalog.resources.create(SYSTEM, dataset.id, {
        name: { fr: `Fichier ${round}`, en: null },
        description: { fr: null, en: null },
        url: `https://donnees.banc.example/fichier-${round}.csv`,
        format: 'CSV',
        mimetype: null,
        resourceType: null,
        extras: {},
        upload: null,
      });
      await waitFor(
        `SELECT count(*) AS n FROM mail.messages WHERE kind = 'alerts.digest'`,
        mailsBefore + FOLLOWERS,
      );
      const digests = seconds(start);
      await waitFor(
        `SELECT count(*) AS n FROM community.webhook_deliveries WHERE state = 'succeeded'`,
        hooksBefore + WEBHOOKS,
      );
      rounds.push({ digests, hooks: seconds(start) });
      const [check] = await ctx.db.query<{ n: string; people: string }>(
        `SELECT count(*) AS n, count(DISTINCT to_address) AS people FROM mail.messages WHERE kind = 'alerts.digest'`,
      );
      console.log(`  round ${round}: ${check?.n} digests in the outbox, to ${check?.people} people`);
    }

    // Baseline: the same number of messages, queued one by one.
    const contacts = await ctx.accounts.contactsByIds(ids);
    const naiveStart = performance.now();
    for (const contact of contacts)
      await ctx.mail.send({
        to: contact.email,
        subject: 'Jeu très suivi',
        text: 'Nouvelles données',
        kind: 'bench',
      });
    const naive = seconds(naiveStart);

    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
    const digestMedian = median(rounds.map((r) => r.digests));
    const hooksMedian = median(rounds.map((r) => r.hooks));
    console.log(
      [
        '',
        `workload: 1 public dataset, ${FOLLOWERS.toLocaleString('en')} followers (distinct confirmed addresses, digests at once), ${WEBHOOKS} webhooks on a loopback receiver; ${ROUNDS} rounds, each a new resource`,
        `database: ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)'}; mail: outbox (no SMTP: queuing is what is measured)`,
        '',
        `| round | every digest queued | every webhook delivered |`,
        `|---|---|---|`,
        ...rounds.map((r, i) => `| ${i + 1} | ${r.digests.toFixed(2)} s | ${r.hooks.toFixed(2)} s |`),
        `| median | ${digestMedian.toFixed(2)} s (${Math.round(FOLLOWERS / digestMedian).toLocaleString('en')} digests/s) | ${hooksMedian.toFixed(2)} s |`,
        '',
        `baseline, same run: ${contacts.length.toLocaleString('en')} messages queued one by one (mail.send each): ${naive.toFixed(2)} s`,
        `ratio: the fan-out and digests take ${(digestMedian / naive).toFixed(2)}× the time of the loop alone (${(naive / digestMedian).toFixed(1)}× faster), webhook requests received: ${received}`,
      ].join('\n'),
    );
  } finally {
    await ctx.close();
    receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
