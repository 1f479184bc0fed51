/**
 * Data requests (plan measure 5) through the API, with a real SMTP server on loopback: a citizen
 * asks for missing data, others support it (one vote each), the organisation's publisher answers
 * (planned, then published with the dataset) and the asker and supporters are told by mail.
 * Who may do what, bad input named field by field, filters and sorts, moderation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { startTestApp, type TestApp } from './helpers/app.js';
import { enginesUnderTest } from './helpers/database.js';
import { type Caller, call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { startSmtpServer } from './helpers/smtp.js';

const json = { 'content-type': 'application/json' };

for (const engine of enginesUnderTest()) {
  describe(`data requests [${engine}]`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let current: TestApp;
    let citizen: Caller;
    let neighbour: Caller;
    let unconfirmed: Caller;
    let publisher: Caller;
    let otherPublisher: Caller;
    let admin: Caller;

    const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, caller?: Caller, body?: unknown) =>
      call(current.app, method, url, {
        ...(caller ? { token: caller.token } : {}),
        ...(body === undefined ? {} : { body: JSON.stringify(body), headers: json }),
      });
    const fields = (reply: { json: { errors?: { field: string }[] } }) =>
      (reply.json.errors ?? []).map((error) => error.field).sort();

    before(async () => {
      smtp = await startSmtpServer();
      current = await startTestApp(engine, { SMTP_URL: smtp.url });
      const { ctx } = current;
      const transports = await seedOrganization(ctx, 'ministere-transports', 'Ministère des Transports');
      const other = await seedOrganization(ctx, 'ville-levis', 'Ville de Lévis');
      // Accounts made by an administrator count as confirmed.
      citizen = await seedUser(ctx, 'citoyenne');
      neighbour = await seedUser(ctx, 'voisin');
      publisher = await seedUser(ctx, 'editrice-transports', { roles: [[transports, 'editor']] });
      otherPublisher = await seedUser(ctx, 'editeur-levis', { roles: [[other, 'editor']] });
      admin = await seedUser(ctx, 'admin', { sysadmin: true });
      // Self-service, address not confirmed yet.
      await ctx.community.accounts.signUp(
        {
          name: 'pas-confirme',
          email: 'pas-confirme@quai.test',
          fullname: null,
          password: 'une phrase assez longue',
        },
        '10.3.0.1',
      );
      unconfirmed = {
        name: 'pas-confirme',
        token: (await ctx.accounts.createToken(SYSTEM, { user: 'pas-confirme', name: 't', expiresAt: null }))
          .token,
      };
    });
    after(async () => {
      await current?.close();
      await smtp?.close();
    });

    test('asked, supported, answered, published: the asker and supporters are told by mail', async () => {
      const asked = await api('POST', '/api/v1/data-requests', citizen, {
        title: 'Débits de circulation des ponts de Québec',
        description: 'Le nombre de véhicules par heure sur chaque pont, depuis 2015.',
        reason: 'Pour étudier le covoiturage.',
        organization: 'ministere-transports',
      });
      assert.equal(asked.status, 201, asked.body);
      const number = asked.json.number as number;
      assert.equal(asked.json.status, 'open');
      assert.equal(asked.json.supporters, 1, 'the asker supports their request');
      assert.equal(asked.json.supported_by_me, true);
      assert.equal(asked.json.organization, 'ministere-transports');
      assert.equal(asked.json.author, 'citoyenne');
      assert.match(asked.json.url, new RegExp(`/fr/demandes-de-donnees/${number}$`));

      const supported = await api('POST', `/api/v1/data-requests/${number}/support`, neighbour);
      assert.equal(supported.status, 200, supported.body);
      assert.equal(supported.json.supporters, 2);
      const twice = await api('POST', `/api/v1/data-requests/${number}/support`, neighbour);
      assert.equal(twice.json.supporters, 2, 'one vote per person');

      const planned = await api('POST', `/api/v1/data-requests/${number}/answers`, publisher, {
        status: 'planned',
        message: 'Nous publierons ces données au printemps.',
      });
      assert.equal(planned.status, 200, planned.body);
      assert.equal(planned.json.status, 'planned');
      const toCitizen = await smtp.next('citoyenne@quai.test');
      const toNeighbour = await smtp.next('voisin@quai.test');
      assert.match(toCitizen.subject, /Demande de données prévue : Débits de circulation/);
      assert.match(toCitizen.text, /Nous publierons ces données au printemps/);
      assert.match(toNeighbour.text, new RegExp(`/fr/demandes-de-donnees/${number}`));

      const dataset = await api('POST', '/api/v1/datasets', publisher, {
        ...datasetBody('debits-ponts', 'ministere-transports'),
      });
      assert.equal(dataset.status, 201, dataset.body);
      const published = await api('POST', `/api/v1/data-requests/${number}/answers`, publisher, {
        status: 'published',
        message: 'Voici les données.',
        dataset: 'debits-ponts',
      });
      assert.equal(published.status, 200, published.body);
      assert.equal(published.json.dataset, 'debits-ponts');
      const mail = await smtp.next('citoyenne@quai.test');
      assert.match(mail.text, /http:\/\/quai\.test\/fr\/jeux-de-donnees\/debits-ponts/);

      const shown = await api('GET', `/api/v1/data-requests/${number}`);
      assert.equal(shown.status, 200);
      assert.deepEqual(
        shown.json.history.map((event: { status: string; official: boolean; author: string }) => [
          event.status,
          event.official,
          event.author,
        ]),
        [
          ['open', false, 'citoyenne'],
          ['planned', true, 'editrice-transports'],
          ['published', true, 'editrice-transports'],
        ],
      );
      assert.equal(shown.json.supported_by_me, false);
      assert.equal(shown.json.may_answer, false);
    });

    test('who may do what: confirmed addresses take part, the organisation’s editors answer', async () => {
      const body = {
        title: 'Horaires des traversiers',
        description: 'Les horaires de chaque traverse, à jour chaque saison.',
        organization: 'ministere-transports',
      };
      assert.equal((await api('POST', '/api/v1/data-requests', undefined, body)).status, 401);
      const notYet = await api('POST', '/api/v1/data-requests', unconfirmed, body);
      assert.equal(notYet.status, 403);
      assert.match(notYet.body, /Confirm your email address first/);
      const asked = await api('POST', '/api/v1/data-requests', citizen, body);
      const number = asked.json.number as number;
      assert.equal((await api('POST', `/api/v1/data-requests/${number}/support`, unconfirmed)).status, 403);
      assert.equal((await api('POST', `/api/v1/data-requests/${number}/support`)).status, 401);

      const answer = { status: 'under_review', message: 'À l’étude.' };
      assert.equal(
        (await api('POST', `/api/v1/data-requests/${number}/answers`, citizen, answer)).status,
        403,
      );
      assert.equal(
        (await api('POST', `/api/v1/data-requests/${number}/answers`, otherPublisher, answer)).status,
        403,
      );
      assert.equal((await api('POST', `/api/v1/data-requests/${number}/answers`, admin, answer)).status, 200);

      const refusedSilently = await api('POST', `/api/v1/data-requests/${number}/answers`, publisher, {
        status: 'refused',
      });
      assert.equal(refusedSilently.status, 422);
      assert.deepEqual(fields(refusedSilently), ['message']);
      const noDataset = await api('POST', `/api/v1/data-requests/${number}/answers`, publisher, {
        status: 'published',
      });
      assert.deepEqual(fields(noDataset), ['dataset']);
      const privateOne = await api('POST', '/api/v1/datasets', publisher, {
        ...datasetBody('horaires-internes', 'ministere-transports'),
        private: true,
      });
      assert.equal(privateOne.status, 201, privateOne.body);
      const notPublic = await api('POST', `/api/v1/data-requests/${number}/answers`, publisher, {
        status: 'published',
        dataset: 'horaires-internes',
      });
      assert.equal(notPublic.status, 422, 'a private dataset does not answer a public request');
      assert.deepEqual(fields(notPublic), ['dataset']);
      const badStatus = await api('POST', `/api/v1/data-requests/${number}/answers`, publisher, {
        status: 'oublie',
      });
      assert.equal(badStatus.status, 422);
      assert.deepEqual(fields(badStatus), ['status']);
    });

    test('bad input is named field by field; an unknown organisation too', async () => {
      const bad = await api('POST', '/api/v1/data-requests', citizen, {
        title: 'Eau',
        description: 'trop court',
        organization: 'nulle-part',
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(fields(bad), ['description', 'organization', 'title']);
      const english = await call(current.app, 'POST', '/api/v1/data-requests', {
        token: citizen.token,
        body: JSON.stringify({ title: 'Eau', description: 'Une description assez longue pour passer.' }),
        headers: { ...json, 'accept-language': 'en' },
      });
      assert.match(english.body, /at least 5/);
      assert.equal((await api('GET', '/api/v1/data-requests/999999')).status, 404);
      assert.equal((await api('GET', '/api/v1/data-requests/pas-un-numero')).status, 404);
      assert.equal((await api('GET', '/api/v1/data-requests?status=oublie')).status, 422);
    });

    test('listed with filters and sorts; a hidden request shows to administrators only', async () => {
      const ask = async (caller: Caller, title: string, organization: string | null) =>
        (
          await api('POST', '/api/v1/data-requests', caller, {
            title,
            description: `${title} : une description assez longue.`,
            organization,
          })
        ).json.number as number;
      const a = await ask(neighbour, 'Pistes cyclables de Lévis', 'ville-levis');
      const b = await ask(neighbour, 'Bornes de recharge à Lévis', 'ville-levis');
      await api('POST', `/api/v1/data-requests/${b}/support`, citizen);
      const byLevis = await api('GET', '/api/v1/data-requests?organization=ville-levis&sort=supported');
      assert.equal(byLevis.status, 200);
      assert.equal(byLevis.json.total, 2);
      assert.deepEqual(
        byLevis.json.requests.map((request: { number: number }) => request.number),
        [b, a],
      );
      const newest = await api('GET', '/api/v1/data-requests?organization=ville-levis&sort=newest');
      assert.deepEqual(
        newest.json.requests.map((request: { number: number }) => request.number),
        [b, a],
      );
      const words = await api('GET', `/api/v1/data-requests?q=${encodeURIComponent('PISTES cyclables')}`);
      assert.deepEqual(
        words.json.requests.map((request: { number: number }) => request.number),
        [a],
      );
      const published = await api('GET', '/api/v1/data-requests?status=published');
      assert.ok(
        published.json.requests.every((request: { status: string }) => request.status === 'published'),
      );
      assert.equal(published.json.total, 1);

      assert.equal(
        (await api('PUT', `/api/v1/data-requests/${a}/hidden`, citizen, { reason: 'x' })).status,
        403,
      );
      const hidden = await api('PUT', `/api/v1/data-requests/${a}/hidden`, admin, { reason: 'Doublon' });
      assert.equal(hidden.status, 204, hidden.body);
      assert.equal((await api('GET', `/api/v1/data-requests/${a}`)).status, 404);
      assert.equal((await api('GET', `/api/v1/data-requests/${a}`, neighbour)).status, 404);
      assert.equal((await api('GET', `/api/v1/data-requests/${a}`, admin)).status, 200);
      assert.equal(
        (await api('GET', '/api/v1/data-requests?organization=ville-levis')).json.total,
        1,
        'hidden requests are not listed',
      );
    });
  });
}
