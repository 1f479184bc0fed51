/**
 * Follows and alerts: people follow a dataset, an organisation, a saved search, a tender buyer
 * or category, an enterprise; what changes is fanned out once and mailed as digests (read from a
 * real SMTP server on loopback) at each person's pace, with RFC 8058's one-click unsubscribe;
 * private datasets tell nobody; webhooks receive the same events.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateProcesses } from '../src/demo/procurement-generator.js';
import { type GeneratedEdition, writeEditions } from '../src/demo/registry/write-edition.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { enginesUnderTest } from './helpers/database.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { type ReceivedMail, startSmtpServer } from './helpers/smtp.js';
import { until } from './helpers/wait.js';

const DAY = 86_400_000;
const NOW = Date.now();
const processes = (first: number, count: number) => [
  ...generateProcesses(
    { ocidPrefix: 'ocds-alerte', seed: 5, from: NOW - 60 * DAY, to: NOW, now: NOW, lifecycle: 'realistic' },
    first,
    count,
  ),
];

for (const engine of enginesUnderTest()) {
  describe(`follows and alerts [${engine}]`, () => {
    let current: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let directory: string;
    let editions: GeneratedEdition[];
    let citizen: Caller;
    let weekly: Caller;
    let publisher: Caller;
    const json = { 'content-type': 'application/json' };
    const api = (
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      url: string,
      caller: Caller | null,
      body?: unknown,
    ) =>
      call(current.app, method, url, {
        ...(caller ? { token: caller.token } : {}),
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: json }),
      });
    const follow = async (caller: Caller, kind: string, target: string) => {
      const reply = await api('POST', '/api/v1/follows', caller, { kind, target });
      assert.equal(reply.status, 201, reply.body);
      return reply.json as { id: string; target: string; label: string };
    };
    const idle = () =>
      until(async () => {
        const [row] = await current.ctx.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs.job WHERE name LIKE 'community.%' AND state NOT IN ('completed', 'failed', 'cancelled')`,
        );
        return row?.n === 0;
      });
    const alerts = async (caller: Caller) => {
      const reply = await api('GET', '/api/v1/alerts', caller);
      assert.equal(reply.status, 200, reply.body);
      return reply.json as { type: string; title: { fr: string }; url: string }[];
    };
    const mailsTo = (caller: Caller) =>
      smtp.received.filter((mail) => mail.to === `${caller.name}@quai.test`);

    before(async () => {
      smtp = await startSmtpServer();
      current = await startTestApp(engine, { SMTP_URL: smtp.url });
      directory = await mkdtemp(path.join(os.tmpdir(), 'quai-alerts-'));
      editions = await writeEditions({ seed: 7, enterprises: 1500, churn: 6 }, 2, directory);
      const organization = await seedOrganization(current.ctx, 'ville-levis', 'Ville de Lévis');
      const treasury = await seedOrganization(current.ctx, 'secretariat-du-conseil-du-tresor');
      citizen = await seedUser(current.ctx, 'citoyenne');
      weekly = await seedUser(current.ctx, 'hebdomadaire');
      publisher = await seedUser(current.ctx, 'editrice', {
        roles: [
          [organization, 'editor'],
          [treasury, 'editor'],
        ],
      });
      const created = await api(
        'POST',
        '/api/v1/datasets',
        publisher,
        datasetBody('pistes-cyclables', 'ville-levis'),
      );
      assert.equal(created.status, 201, created.body);
      await idle();
    });
    after(async () => {
      await current?.close();
      await smtp?.close();
      if (directory) await rm(directory, { recursive: true, force: true });
    });

    test('following asks for a session, a known kind and something public; each error names its field', async () => {
      assert.equal(
        (await api('POST', '/api/v1/follows', null, { kind: 'dataset', target: 'pistes-cyclables' })).status,
        401,
      );
      const kind = await api('POST', '/api/v1/follows', citizen, { kind: 'planete', target: 'x' });
      assert.equal(kind.status, 422);
      assert.equal(kind.json.errors[0].field, 'kind');
      const hidden = await api('POST', '/api/v1/datasets', publisher, {
        ...datasetBody('notes-internes', 'ville-levis'),
        private: true,
      });
      assert.equal(hidden.status, 201);
      for (const [kindName, target] of [
        ['dataset', 'notes-internes'],
        ['dataset', 'inexistant'],
        ['organization', 'nulle-part'],
        ['category', 'bonbons'],
        ['enterprise', '12'],
        ['search', ''],
      ]) {
        const refused = await api('POST', '/api/v1/follows', citizen, { kind: kindName, target });
        assert.equal(refused.status, 422, `${kindName} ${target}: ${refused.body}`);
        assert.equal(refused.json.errors[0].field, 'target');
      }
      const first = await follow(citizen, 'dataset', 'pistes-cyclables');
      const again = await follow(citizen, 'dataset', 'pistes-cyclables');
      assert.equal(again.id, first.id, 'following twice keeps one follow');
      assert.equal(first.label, 'Titre de pistes-cyclables');
    });

    test('a new resource reaches the follower at once by mail, with a one-click unsubscribe; a weekly follower waits for the week', async () => {
      const settings = await api('PUT', '/api/v1/alerts/settings', citizen, { frequency: 'immediate' });
      assert.equal(settings.status, 200, settings.body);
      assert.equal(
        (await api('PUT', '/api/v1/alerts/settings', citizen, { frequency: 'hourly' })).json.errors[0].field,
        'frequency',
      );
      await follow(weekly, 'dataset', 'pistes-cyclables');
      assert.equal(
        (await api('PUT', '/api/v1/alerts/settings', weekly, { frequency: 'weekly' })).status,
        200,
      );

      const resource = await api('POST', '/api/v1/datasets/pistes-cyclables/resources', publisher, {
        name: { fr: 'Tracés 2026', en: null },
        url: 'https://donnees.exemple.ca/pistes-2026.geojson',
        format: 'GeoJSON',
      });
      assert.equal(resource.status, 201, resource.body);
      const mail: ReceivedMail = await smtp.next('citoyenne@quai.test');
      assert.match(mail.subject, /Nouvelles données : Titre de pistes-cyclables/);
      assert.match(mail.text, /http:\/\/quai\.test\/fr\/jeux-de-donnees\/pistes-cyclables/);
      assert.match(mail.text, /Stop these emails \(one click\)/);
      // mailparser reads List-Unsubscribe and List-Unsubscribe-Post into `list`.
      const list = mail.headers.get('list') as {
        unsubscribe: { url: string };
        'unsubscribe-post': { name: string };
      };
      const unsubscribe = list.unsubscribe.url;
      assert.match(unsubscribe, /^http:\/\/quai\.test\/api\/v1\/alerts\/unsubscribe\/[A-Za-z0-9_-]+$/);
      assert.equal(list['unsubscribe-post'].name, 'List-Unsubscribe=One-Click');
      await idle();
      assert.equal(mailsTo(weekly).length, 0, 'the weekly follower is not mailed at once');
      assert.equal((await alerts(weekly)).length, 1, 'but the change is in their feed');

      // The week's check: the weekly digest goes, once.
      assert.equal(await current.ctx.community.digest('weekly'), 1);
      const digest = await smtp.next('hebdomadaire@quai.test');
      assert.match(digest.subject, /pistes-cyclables/);
      assert.equal(await current.ctx.community.digest('weekly'), 0, 'nothing twice');

      // RFC 8058: a POST with the one-click body stops the digests; the feed goes on.
      const url = unsubscribe.replace('http://quai.test', '');
      const stopped = await call(current.app, 'POST', url, {
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(stopped.status, 204, stopped.body);
      assert.equal((await api('GET', '/api/v1/alerts/settings', citizen)).json.frequency, 'never');
      assert.equal(
        (await call(current.app, 'POST', '/api/v1/alerts/unsubscribe/pas-un-jeton-connu-du-tout')).status,
        404,
      );
      const before = mailsTo(citizen).length;
      await api('PUT', '/api/v1/datasets/pistes-cyclables', publisher, {
        ...datasetBody('pistes-cyclables', 'ville-levis'),
        notes: { fr: 'Mise à jour.', en: 'Updated.' },
      });
      await idle();
      assert.equal(mailsTo(citizen).length, before, 'no more mail after unsubscribing');
      assert.equal((await alerts(citizen))[0]?.type, 'dataset.updated');
    });

    test('an organisation’s and a saved search’s followers hear of new public datasets; a private one tells nobody', async () => {
      const reader = await seedUser(current.ctx, 'lectrice');
      await follow(reader, 'organization', 'ville-levis');
      await follow(reader, 'search', 'vélo');
      await api('POST', '/api/v1/datasets', publisher, {
        ...datasetBody('budget-secret', 'ville-levis'),
        private: true,
      });
      const shown = await api('POST', '/api/v1/datasets', publisher, {
        ...datasetBody('comptages-velo', 'secretariat-du-conseil-du-tresor'),
        title: { fr: 'Comptages de vélos', en: 'Bicycle counts' },
      });
      assert.equal(shown.status, 201, shown.body);
      await idle();
      const told = await alerts(reader);
      assert.deepEqual(
        told.map((event) => event.title.fr),
        ['Nouveau jeu de données : Comptages de vélos'],
        'the saved search matched; the private dataset told nobody',
      );
    });

    test('a thousand followers cost one digest job: 10 followers of a dataset, one job, 10 mails', async () => {
      const names = Array.from({ length: 10 }, (_, i) => `abonne-${i}`);
      const followers = [];
      for (const name of names) {
        const follower = await seedUser(current.ctx, name);
        await follow(follower, 'dataset', 'pistes-cyclables');
        await api('PUT', '/api/v1/alerts/settings', follower, { frequency: 'immediate' });
        followers.push(follower);
      }
      const [{ n: jobsBefore } = { n: 0 }] = await current.ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs.job WHERE name = 'community.digest'`,
      );
      await api('POST', '/api/v1/datasets/pistes-cyclables/resources', publisher, {
        name: { fr: 'Tracés 2027', en: null },
        url: 'https://donnees.exemple.ca/pistes-2027.geojson',
        format: 'GeoJSON',
      });
      await Promise.all(followers.map((follower) => smtp.next(`${follower.name}@quai.test`)));
      const [{ n: jobsAfter } = { n: 0 }] = await current.ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs.job WHERE name = 'community.digest'`,
      );
      assert.equal(jobsAfter - jobsBefore, 1, 'one digest job for every follower');
    });

    test('followers of a tender buyer and of a category hear of new tenders, not of others', async () => {
      const { ctx } = current;
      await ctx.procurement.imports.importReleases(SYSTEM, processes(0, 20).flat());
      await idle();
      const buyers = await ctx.procurement.publication.buyers();
      const buyer = buyers[0] as { id: string; name: string };
      const watcher = await seedUser(ctx, 'veilleuse');
      const byBuyer = await follow(watcher, 'buyer', buyer.id);
      assert.equal(byBuyer.label, buyer.name);
      const works = await seedUser(ctx, 'entrepreneur');
      await follow(works, 'category', 'works');

      const later = processes(20, 40);
      await ctx.procurement.imports.importReleases(SYSTEM, later.flat());
      await idle();
      const tenders = later.filter((process) =>
        process.some((release) => (release.tag as string[]).includes('tender')),
      );
      const compiledBuyer = (process: (typeof later)[number]) =>
        (process.find((release) => release.buyer) as { buyer?: { id: string } } | undefined)?.buyer?.id;
      const category = (process: (typeof later)[number]) =>
        (
          process.find(
            (release) => (release.tender as { mainProcurementCategory?: string })?.mainProcurementCategory,
          )?.tender as { mainProcurementCategory?: string } | undefined
        )?.mainProcurementCategory;
      const ocidsOf = (events: { url: string }[]) =>
        events.map((event) => decodeURIComponent(event.url.split('/').pop() ?? '')).sort();
      const expectBuyer = tenders
        .filter((process) => compiledBuyer(process) === buyer.id)
        .map((p) => String(p[0]?.ocid))
        .sort();
      const expectWorks = tenders
        .filter((process) => category(process) === 'works')
        .map((p) => String(p[0]?.ocid))
        .sort();
      assert.ok(expectBuyer.length > 0 && expectWorks.length > 0, 'the generated batch has both');
      assert.deepEqual(ocidsOf(await alerts(watcher)), expectBuyer);
      assert.deepEqual(ocidsOf(await alerts(works)), expectWorks);
      assert.ok((await alerts(watcher)).every((event) => event.type === 'tender.published'));
    });

    test('followers of an enterprise hear of its changes in the next registry edition', async () => {
      const { ctx } = current;
      const first = await ctx.registry.imports.importEdition((editions[0] as GeneratedEdition).zip);
      assert.equal(first.state, 'done');
      const neqs = (
        await ctx.db.query<{ neq: string }>('SELECT neq FROM registry.enterprises ORDER BY neq LIMIT 150')
      ).map((row) => row.neq);
      const analyst = await seedUser(ctx, 'analyste');
      for (const neq of neqs) await follow(analyst, 'enterprise', neq);
      const second = await ctx.registry.imports.importEdition((editions[1] as GeneratedEdition).zip);
      assert.equal(second.state, 'done');
      await idle();
      const changes = await ctx.db.query<{ neq: string; kind: string }>(
        `SELECT neq, kind FROM registry.changes WHERE neq = ANY($1::text[]) ORDER BY seq`,
        [neqs],
      );
      assert.ok(changes.length > 0, 'some followed enterprises changed');
      const told = (await api('GET', '/api/v1/alerts?limit=50', analyst)).json as {
        type: string;
        url: string;
      }[];
      assert.equal(told.length, Math.min(changes.length, 50));
      assert.ok(told.every((event) => event.type === 'enterprise.changed'));
      assert.deepEqual(
        new Set(told.map((event) => event.url.split('/').pop())),
        new Set(changes.slice(-50).map((change) => change.neq)),
      );
    });

    test('unfollowing, and erasing one’s account, leave nothing behind', async () => {
      const mine = (await api('GET', '/api/v1/follows', citizen)).json as { id: string }[];
      assert.ok(mine.length > 0);
      assert.equal(
        (await api('DELETE', `/api/v1/follows/${mine[0]?.id}`, publisher)).status,
        404,
        'not someone else’s',
      );
      assert.equal((await api('DELETE', `/api/v1/follows/${mine[0]?.id}`, citizen)).status, 204);
      const user = await current.ctx.accounts.findUser('citoyenne');
      const erased = await api('POST', '/api/v1/account/delete', citizen, {
        password: 'un-mot-de-passe-assez-long',
      });
      assert.equal(erased.status, 204, erased.body);
      const [left] = await current.ctx.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM community.follows WHERE user_id = $1)
              + (SELECT count(*) FROM community.notifications WHERE user_id = $1)
              + (SELECT count(*) FROM community.alert_settings WHERE user_id = $1) AS n`,
        [user?.id],
      );
      assert.equal(Number(left?.n), 0);
    });
  });
}
