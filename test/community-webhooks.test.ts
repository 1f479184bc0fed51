/**
 * Webhooks: a developer's receiver on loopback gets signed events, verified with the Standard
 * Webhooks reference library; public datasets only; a test event on demand; a failed delivery
 * retried with the same message id; internal addresses refused when registered and when a
 * redirect leads there; a receiver that keeps failing gets its webhook turned off and its owner told.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback: each path answers with its own status (200 unless told). */
async function startReceiver() {
  const received: Received[] = [];
  const answers = new Map<string, () => { status: number; location?: string }>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers.get(path)?.() ?? { status: 200 };
      response.writeHead(answer.status, answer.location ? { location: answer.location } : {});
      response.end(answer.status < 300 ? 'merci' : 'en panne');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (path: string, answer: () => { status: number; location?: string }) => answers.set(path, answer),
    on: (path: string) => received.filter((request) => request.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeEachEngine(
  'webhooks',
  (current) => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let developer: Caller;
    let publisher: Caller;
    let stranger: Caller;
    const json = { 'content-type': 'application/json' };
    const api = (method: 'GET' | 'POST' | 'DELETE', url: string, caller: Caller | null, body?: unknown) =>
      call(current().app, method, url, {
        ...(caller ? { token: caller.token } : {}),
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: json }),
      });
    const register = async (path: string, extra: Record<string, unknown> = {}) => {
      const created = await api('POST', '/api/v1/webhooks', developer, {
        url: receiver.url(path),
        events: ['dataset.created', 'dataset.updated'],
        ...extra,
      });
      assert.equal(created.status, 201, created.body);
      return created.json as { id: string; secret: string };
    };
    const idle = (queue: string) =>
      until(async () => {
        const [row] = await current().ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs.job WHERE name = $1 AND state NOT IN ('completed', 'failed', 'cancelled')`,
          [queue],
        );
        return row?.n === 0;
      });

    before(async () => {
      receiver = await startReceiver();
      const { ctx } = current();
      const organization = await seedOrganization(ctx, 'ville-sherbrooke', 'Ville de Sherbrooke');
      await seedOrganization(ctx, 'autre-ville');
      developer = await seedUser(ctx, 'developpeuse');
      stranger = await seedUser(ctx, 'curieux');
      publisher = await seedUser(ctx, 'publieur', { roles: [[organization, 'editor']] });
    });
    after(async () => {
      await receiver?.close();
    });

    test('a public dataset’s change reaches the receiver, signed (verified by the reference library); private ones never', async () => {
      const hook = await register('/sherbrooke', { organization: 'ville-sherbrooke' });
      assert.match(hook.secret, /^whsec_[A-Za-z0-9+/=]{44}$/);
      const hidden = await api('POST', '/api/v1/datasets', publisher, {
        ...datasetBody('budget-interne', 'ville-sherbrooke'),
        private: true,
      });
      assert.equal(hidden.status, 201, hidden.body);
      await idle('community.dataset-written');
      await idle('community.webhook-deliver');
      assert.equal(receiver.on('/sherbrooke').length, 0, 'nothing about a private dataset');

      const shown = await api(
        'POST',
        '/api/v1/datasets',
        publisher,
        datasetBody('collectes', 'ville-sherbrooke'),
      );
      assert.equal(shown.status, 201, shown.body);
      await until(async () => receiver.on('/sherbrooke').length === 1);
      const [delivery] = receiver.on('/sherbrooke');
      const verified = new Webhook(hook.secret).verify(delivery?.body ?? '', {
        'webhook-id': String(delivery?.headers['webhook-id']),
        'webhook-timestamp': String(delivery?.headers['webhook-timestamp']),
        'webhook-signature': String(delivery?.headers['webhook-signature']),
      }) as { type: string; data: { name: string; organization: string; url: string } };
      assert.equal(verified.type, 'dataset.created');
      assert.equal(verified.data.name, 'collectes');
      assert.equal(verified.data.organization, 'ville-sherbrooke');
      assert.equal(delivery?.headers['content-type'], 'application/json');
      assert.doesNotMatch(delivery?.body ?? '', /budget-interne/);
      assert.throws(() =>
        new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(delivery?.body ?? '', {
          'webhook-id': String(delivery?.headers['webhook-id']),
          'webhook-timestamp': String(delivery?.headers['webhook-timestamp']),
          'webhook-signature': String(delivery?.headers['webhook-signature']),
        }),
      );

      // Another organisation's datasets are not this webhook's.
      await api('POST', '/api/v1/datasets', publisher, datasetBody('autre', 'ville-sherbrooke'));
      await until(async () => receiver.on('/sherbrooke').length === 2);
      const log = await api('GET', `/api/v1/webhooks/${hook.id}/deliveries`, developer);
      assert.equal(log.status, 200);
      assert.ok(log.json.length >= 2);
      assert.equal(log.json[0].state, 'succeeded');
      assert.equal(log.json[0].status_code, 200);
      assert.equal(log.json[0].response_excerpt, 'merci');
      assert.equal(typeof log.json[0].latency_ms, 'number');
      assert.equal((await api('GET', `/api/v1/webhooks/${hook.id}/deliveries`, stranger)).status, 404);
      assert.deepEqual((await api('GET', '/api/v1/webhooks', stranger)).json, []);
    });

    test('a test event on demand; a failed delivery retried with the same message id', async () => {
      const hook = await register('/instable');
      let calls = 0;
      receiver.answer('/instable', () => ({ status: ++calls === 1 ? 503 : 200 }));
      const sent = await api('POST', `/api/v1/webhooks/${hook.id}/test`, developer);
      assert.equal(sent.status, 202, sent.body);
      await until(async () => receiver.on('/instable').length === 2);
      const [first, second] = receiver.on('/instable');
      assert.equal(first?.headers['webhook-id'], second?.headers['webhook-id']);
      assert.equal(JSON.parse(second?.body ?? '{}').type, 'webhook.test');
      await until(async () => {
        const [delivery] = (await api('GET', `/api/v1/webhooks/${hook.id}/deliveries`, developer)).json;
        return delivery?.state === 'succeeded' && delivery.attempts === 2;
      });
    });

    test('internal addresses are refused, when registered and when a redirect leads there', async () => {
      for (const url of [
        'http://10.0.0.8/hook',
        'http://169.254.169.254/latest/meta-data',
        'ftp://example.org/x',
      ]) {
        const refused = await api('POST', '/api/v1/webhooks', developer, {
          url,
          events: ['dataset.created', 'dataset.updated'],
        });
        assert.equal(refused.status, 422, url);
        assert.deepEqual(
          refused.json.errors.map((error: { field: string }) => error.field),
          ['url'],
        );
      }
      const badEvent = await api('POST', '/api/v1/webhooks', developer, {
        url: receiver.url('/x'),
        events: ['dataset.deleted.everything'],
      });
      assert.deepEqual(
        badEvent.json.errors.map((error: { field: string }) => error.field),
        ['events'],
      );
      const hook = await register('/detour');
      receiver.answer('/detour', () => ({ status: 307, location: 'http://10.0.0.8/interne' }));
      await api('POST', `/api/v1/webhooks/${hook.id}/test`, developer);
      await until(async () => {
        const [delivery] = (await api('GET', `/api/v1/webhooks/${hook.id}/deliveries`, developer)).json;
        return delivery?.state === 'failed';
      });
      const [delivery] = (await api('GET', `/api/v1/webhooks/${hook.id}/deliveries`, developer)).json;
      assert.match(delivery.error, /not a public address/);
    });

    test('a receiver that keeps failing: the webhook is turned off and its owner told', async () => {
      const hook = await register('/en-panne');
      receiver.answer('/en-panne', () => ({ status: 500 }));
      for (let i = 0; i < 5; i++) await api('POST', `/api/v1/webhooks/${hook.id}/test`, developer);
      await until(async () => {
        const [listed] = (await api('GET', '/api/v1/webhooks', developer)).json.filter(
          (candidate: { id: string }) => candidate.id === hook.id,
        );
        return listed?.active === false;
      });
      const [listed] = (await api('GET', '/api/v1/webhooks', developer)).json.filter(
        (candidate: { id: string }) => candidate.id === hook.id,
      );
      assert.match(listed.disabled_reason, /5 deliveries failed in a row/);
      await until(async () =>
        (await current().ctx.mail.outbox({ to: 'developpeuse@quai.test', limit: 5, offset: 0 })).some(
          (message) => message.kind === 'webhook.disabled',
        ),
      );
      receiver.answer('/en-panne', () => ({ status: 200 }));
      assert.equal((await api('POST', `/api/v1/webhooks/${hook.id}/enable`, developer)).status, 204);
      assert.equal((await api('DELETE', `/api/v1/webhooks/${hook.id}`, stranger)).status, 404);
      assert.equal((await api('DELETE', `/api/v1/webhooks/${hook.id}`, developer)).status, 204);
    });

    test('an organisation’s webhook: made and managed by its administrators, hidden from its editors and others', async () => {
      const { ctx } = current();
      const organization = await ctx.catalog.groups.find('organization', 'ville-sherbrooke');
      assert.ok(organization);
      const first = await seedUser(ctx, 'admin-sherbrooke', { roles: [[organization, 'admin']] });
      const second = await seedUser(ctx, 'admin-sherbrooke-2', { roles: [[organization, 'admin']] });
      const body = {
        url: receiver.url('/ville'),
        events: ['dataset.updated'],
        owner_organization: 'ville-sherbrooke',
      };
      const refused = await api('POST', '/api/v1/webhooks', publisher, body);
      assert.equal(refused.status, 422, 'an editor is not an administrator');
      assert.equal(refused.json.errors[0].field, 'owner_organization');
      const created = await api('POST', '/api/v1/webhooks', first, body);
      assert.equal(created.status, 201, created.body);
      assert.equal(created.json.owned_by_organization, true);
      const seen = await api('GET', '/api/v1/webhooks', second);
      assert.deepEqual(
        seen.json.map((hook: { id: string }) => hook.id),
        [created.json.id],
        'the other administrator manages it too',
      );
      assert.equal((await api('POST', `/api/v1/webhooks/${created.json.id}/test`, second)).status, 202);
      for (const outsider of [publisher, stranger])
        assert.equal(
          (await api('GET', `/api/v1/webhooks/${created.json.id}/deliveries`, outsider)).status,
          404,
        );
      // Its maker erasing their account leaves it with the organisation.
      await ctx.community.webhooks.forgetOwner((await ctx.accounts.requireUser('admin-sherbrooke')).id);
      assert.equal((await api('GET', '/api/v1/webhooks', second)).json.length, 1);
      assert.equal((await api('DELETE', `/api/v1/webhooks/${created.json.id}`, second)).status, 204);
    });
  },
  { WEBHOOK_ATTEMPTS: '2' },
);
