/**
 * Issue 22's "done when", end to end through the API: a citizen signs up (the link read from a
 * real SMTP server), follows a dataset and a tender buyer, asks for a dataset that is missing; a
 * publisher answers, then publishes it; the citizen gets each email; a developer's webhook
 * receives signed events (verified with the Standard Webhooks reference library); a reuse made
 * for a call for projects appears on the dataset and on the call's page.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { generateProcesses } from '../src/demo/procurement-generator.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { startTestApp, TEST_BASE_URL, type TestApp } from './helpers/app.js';
import { enginesUnderTest } from './helpers/database.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { linkIn, type ReceivedMail, startSmtpServer } from './helpers/smtp.js';
import { until } from './helpers/wait.js';

const PASSWORD = 'un mot de passe bien long';
const NOW = Date.now();
const DAY = 86_400_000;
/** Generated procurement processes (releases of the last 30 days), the n-th to the n+count-th. */
const tenders = (first: number, count: number) =>
  [
    ...generateProcesses(
      { ocidPrefix: 'ocds-fin', seed: 3, from: NOW - 30 * DAY, to: NOW, now: NOW, lifecycle: 'realistic' },
      first,
      count,
    ),
  ].flat();

for (const engine of enginesUnderTest()) {
  describe(`reuse and dialogue, end to end [${engine}]`, () => {
    let current: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    const deliveries: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      request.on('end', () => {
        deliveries.push({ headers: request.headers, body });
        response.end('ok');
      });
    });

    before(async () => {
      smtp = await startSmtpServer();
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      current = await startTestApp(engine, { SMTP_URL: smtp.url });
    });
    after(async () => {
      await current?.close();
      await smtp?.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    });

    test('sign up → follow → ask → answered → published → emails, webhooks, a reuse for a call', async () => {
      const { app, ctx } = current;
      const json = { 'content-type': 'application/json' };
      const api = (method: 'GET' | 'POST' | 'PUT', url: string, caller: Caller | null, body?: unknown) =>
        call(app, method, url, {
          ...(caller ? { token: caller.token } : {}),
          ...(body === undefined ? {} : { body: JSON.stringify(body), headers: json }),
        });
      const ministry = await seedOrganization(ctx, 'ministere-famille', 'Ministère de la Famille');
      const publisher = await seedUser(ctx, 'editrice-famille', { roles: [[ministry, 'editor']] });
      const admin = await seedUser(ctx, 'administratrice', { sysadmin: true });
      const developer = await seedUser(ctx, 'developpeur');
      assert.equal(
        (await api('POST', '/api/v1/datasets', publisher, datasetBody('garderies', 'ministere-famille')))
          .status,
        201,
      );
      await ctx.procurement.imports.importReleases(SYSTEM, tenders(0, 10));

      // A developer's webhook, for what the citizen will see happen.
      const hook = await api('POST', '/api/v1/webhooks', developer, {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/evenements`,
        events: ['dataset.created', 'dataset.updated', 'request.answered', 'tender.published'],
      });
      assert.equal(hook.status, 201, hook.body);

      // The citizen signs up and confirms the address by the mailed link.
      const signUp = await api('POST', '/api/v1/account/sign-up', null, {
        name: 'lea',
        email: 'lea@exemple.qc.ca',
        fullname: 'Léa Gagnon',
        password: PASSWORD,
      });
      assert.equal(signUp.status, 202, signUp.body);
      const confirm = await smtp.next('lea@exemple.qc.ca');
      const link = linkIn(confirm.text, `${TEST_BASE_URL}/fr/compte/confirmer`);
      assert.equal(
        (await api('POST', '/api/v1/account/verify', null, { token: link.split('/').pop() })).status,
        200,
      );
      const tokens = await call(app, 'POST', '/api/v1/tokens', {
        body: JSON.stringify({ name: 'lea' }),
        headers: { ...json, authorization: `Basic ${Buffer.from(`lea:${PASSWORD}`).toString('base64')}` },
      });
      assert.equal(tokens.status, 201, tokens.body);
      const citizen: Caller = { name: 'lea', token: tokens.json.token };

      // Follows a dataset and a tender buyer, told at once.
      const [buyer] = await ctx.procurement.publication.buyers();
      assert.ok(buyer);
      assert.equal(
        (await api('POST', '/api/v1/follows', citizen, { kind: 'dataset', target: 'garderies' })).status,
        201,
      );
      assert.equal(
        (await api('POST', '/api/v1/follows', citizen, { kind: 'buyer', target: buyer.id })).status,
        201,
      );
      assert.equal(
        (await api('PUT', '/api/v1/alerts/settings', citizen, { frequency: 'immediate' })).status,
        200,
      );

      // Asks for a dataset that is missing; the publisher plans it, then publishes it.
      const asked = await api('POST', '/api/v1/data-requests', citizen, {
        title: 'Places en garderie par quartier',
        description: 'Le nombre de places en service de garde subventionné, par quartier et par âge.',
        organization: 'ministere-famille',
      });
      assert.equal(asked.status, 201, asked.body);
      const number = asked.json.number;
      const planned = await api('POST', `/api/v1/data-requests/${number}/answers`, publisher, {
        status: 'planned',
        message: 'Publication prévue ce trimestre.',
      });
      assert.equal(planned.status, 200, planned.body);
      const plannedMail = await smtp.next('lea@exemple.qc.ca');
      assert.match(plannedMail.text, /Places en garderie par quartier/);
      assert.equal(
        (
          await api(
            'POST',
            '/api/v1/datasets',
            publisher,
            datasetBody('places-garderie-quartier', 'ministere-famille'),
          )
        ).status,
        201,
      );
      const published = await api('POST', `/api/v1/data-requests/${number}/answers`, publisher, {
        status: 'published',
        message: 'Les voici.',
        dataset: 'places-garderie-quartier',
      });
      assert.equal(published.status, 200, published.body);
      const publishedMail = await smtp.next('lea@exemple.qc.ca');
      assert.match(publishedMail.text, /\/fr\/jeux-de-donnees\/places-garderie-quartier/);

      // The followed dataset gets new data, the followed buyer new tenders: the citizen is told.
      await api('POST', '/api/v1/datasets/garderies/resources', publisher, {
        name: { fr: 'Liste 2027', en: null },
        url: 'https://donnees.exemple.ca/garderies-2027.csv',
        format: 'CSV',
      });
      await ctx.procurement.imports.importReleases(SYSTEM, tenders(10, 40));
      const told = (pattern: RegExp) =>
        smtp.received.find(
          (mail: ReceivedMail) => mail.to === 'lea@exemple.qc.ca' && pattern.test(mail.text),
        );
      await until(() => told(/Nouvelles données : Titre de garderies/) !== undefined);
      await until(
        () =>
          told(new RegExp(`Nouvel appel d’offres \\(${buyer.name.replace(/[()]/g, '.')}\\)`)) !== undefined,
      );

      // The developer's webhook received each kind of event, signed.
      await until(() =>
        ['dataset.created', 'dataset.updated', 'request.answered', 'tender.published'].every((type) =>
          deliveries.some((delivery) => delivery.body.includes(`"type":"${type}"`)),
        ),
      );
      const verifier = new Webhook(hook.json.secret);
      for (const delivery of deliveries)
        verifier.verify(delivery.body, {
          'webhook-id': String(delivery.headers['webhook-id']),
          'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
          'webhook-signature': String(delivery.headers['webhook-signature']),
        });

      // A reuse made for a call for projects shows on the dataset and on the call's page.
      assert.equal(
        (
          await api('POST', '/api/v1/calls', admin, {
            name: 'defi-familles',
            kind: 'call',
            title: 'Défi familles',
            description: 'Des outils pour les familles.',
            participation: 'Soumettez une réutilisation.',
            starts_on: '2027-01-01',
            ends_on: '2027-03-01',
            datasets: ['places-garderie-quartier'],
          })
        ).status,
        201,
      );
      const reuse = await api('POST', '/api/v1/reuses', citizen, {
        title: 'Trouver une place en garderie',
        description: 'Une carte des places libres en garderie, quartier par quartier.',
        type: 'application',
        url: 'https://exemple.org/garderies',
        datasets: ['places-garderie-quartier'],
        call: 'defi-familles',
      });
      assert.equal(reuse.status, 201, reuse.body);
      await api('POST', `/api/v1/reuses/${reuse.json.name}/moderation`, admin, { state: 'published' });
      const page = await call(app, 'GET', '/fr/jeux-de-donnees/places-garderie-quartier');
      assert.match(page.body, /Réutilisations \(1\)[\s\S]*Trouver une place en garderie/);
      const callPage = await call(app, 'GET', '/fr/appels-de-projets/defi-familles');
      assert.match(callPage.body, /Projets soumis \(1\)[\s\S]*Trouver une place en garderie/);
    });
  });
}
