/**
 * What operators and load balancers read: /healthz, /readyz (503 naming what is wrong: here a
 * migration the database has not applied), and /metrics (off without METRICS_TOKEN; with it,
 * requests counted by route pattern, job durations, the queue, the pool, DuckDB, Node).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { call, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

const TOKEN = 'jeton-des-metriques-assez-long';

describeEachEngine(
  'health, readiness and metrics',
  (current) => {
    test('/healthz answers; /readyz says every check passed', async () => {
      const { app } = current();
      const health = await call(app, 'GET', '/healthz');
      assert.equal(health.status, 200);
      assert.deepEqual(health.json, { status: 'ok' });
      assert.equal(health.headers['cache-control'], 'no-store');
      const ready = await call(app, 'GET', '/readyz');
      assert.equal(ready.status, 200, ready.body);
      assert.equal(ready.json.ready, true);
      assert.deepEqual(Object.keys(ready.json.checks).sort(), ['blobs', 'database', 'jobs', 'migrations']);
    });

    test('a migration the database has not applied makes the process unready, and says which', async () => {
      const { app, ctx } = current();
      const [last] = await ctx.db.query<{ module: string; name: string }>(
        `SELECT module, name FROM quai_migrations ORDER BY applied_at DESC, name DESC LIMIT 1`,
      );
      assert.ok(last);
      await ctx.db.query('DELETE FROM quai_migrations WHERE module = $1 AND name = $2', [
        last.module,
        last.name,
      ]);
      try {
        const unready = await call(app, 'GET', '/readyz');
        assert.equal(unready.status, 503);
        assert.equal(unready.json.checks.migrations.ok, false);
        assert.match(unready.json.checks.migrations.detail, new RegExp(`${last.module}/${last.name}`));
        assert.equal(unready.json.checks.database.ok, true);
      } finally {
        await ctx.db.query('INSERT INTO quai_migrations (module, name) VALUES ($1, $2)', [
          last.module,
          last.name,
        ]);
      }
      assert.equal((await call(app, 'GET', '/readyz')).status, 200);
    });

    test('/metrics needs its token; it counts requests by route pattern and jobs by queue', async () => {
      const { app, ctx } = current();
      assert.equal((await call(app, 'GET', '/metrics')).status, 404);
      assert.equal(
        (await call(app, 'GET', '/metrics', { headers: { authorization: 'Bearer pas-le-bon' } })).status,
        404,
      );
      const organization = await seedOrganization(ctx, 'ville-metriques');
      const publisher = await seedUser(ctx, 'editeur-metriques', { roles: [[organization, 'editor']] });
      for (const name of ['un-jeu', 'un-autre-jeu'])
        await call(app, 'GET', `/api/v1/datasets/${name}`, { token: publisher.token });
      const scrape = async () => {
        const reply = await call(app, 'GET', '/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
        assert.equal(reply.status, 200);
        assert.match(String(reply.headers['content-type']), /^text\/plain/);
        return reply.body;
      };
      const text = await scrape();
      assert.match(
        text,
        /quai_http_requests_total\{route="\/api\/v1\/datasets\/:ref",method="GET",status="404"\} 2/,
      );
      assert.doesNotMatch(text, /un-autre-jeu/, 'addresses are not labels');
      assert.match(
        text,
        /quai_http_request_duration_seconds_bucket\{le="0.005",route="\/healthz"|quai_http_request_duration_seconds_bucket/,
      );
      assert.match(text, /quai_duckdb_memory_bytes \d/);
      assert.match(text, /quai_node_process_resident_memory_bytes \d/);
      // A dataset created announces itself: some module's job runs and is timed.
      await call(app, 'POST', '/api/v1/datasets', {
        token: publisher.token,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'jeu-mesure',
          title: { fr: 'Jeu mesuré' },
          owner_org: 'ville-metriques',
        }),
      });
      await until(async () =>
        /quai_job_duration_seconds_count\{queue="[^"]+",outcome="completed"\} [1-9]/.test(await scrape()),
      );
      if (ctx.db.engine === 'postgres')
        assert.match(await scrape(), /quai_db_pool_connections\{state="total"\} \d/);
    });
  },
  { METRICS_TOKEN: TOKEN },
);
