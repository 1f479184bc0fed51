/**
 * Ecosystems and partners who join (issue 18): a municipality asks to join through the form,
 * is approved, publishes building permits that follow the urban-planning schema; its report,
 * its checklist and the ecosystem's consolidated table follow; each step is logged. A refused
 * request keeps its reason; a dataset made private leaves the consolidated table.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSchemasDemo } from '../src/demo/schemas.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { builtinSnapshots } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

const HEADER =
  'numero,code_municipalite,municipalite,date_depot,date_emission,categorie,type_travaux,nombre_logements,valeur_travaux,adresse,latitude,longitude';
const granbyPermits = (rows: number) =>
  `${[
    HEADER,
    ...Array.from(
      { length: rows },
      (_, i) =>
        `GRA-2025-${String(i + 1).padStart(3, '0')},47017,Granby,2025-02-${String((i % 27) + 1).padStart(2, '0')},,Résidentiel,Rénovation,0,${15000 + i},"${i + 1}, rue Principale",45.4000,-72.7300`,
    ),
  ].join('\n')}\n`;

describeEachEngine('ecosystems, consolidated tables and partners who join', (current) => {
  let admin: Caller;
  let stranger: Caller;

  test('setting up: the urban-planning ecosystem led by the municipal affairs ministry', async () => {
    const { ctx, app } = current();
    for (const snapshot of await builtinSnapshots())
      await ctx.reference.publishing.publish(snapshot, { by: 'test' });
    await loadSchemasDemo(ctx);
    admin = await seedUser(ctx, 'admin-eco', { sysadmin: true });
    stranger = await seedUser(ctx, 'curieux-eco');
    await seedOrganization(ctx, 'mamh-essai', 'Ministère des Affaires municipales (essai)');
    const put = await call(app, 'PUT', '/api/v1/ecosystems/urbanisme', {
      token: admin.token,
      body: {
        title: { fr: 'Urbanisme', en: 'Urban planning' },
        purpose: { fr: 'Partager les permis de construction.', en: 'Share building permits.' },
        governance: { fr: 'Le ministère tient le schéma.', en: 'The ministry keeps the schema.' },
        leadOrganization: 'mamh-essai',
        contact: 'urbanisme@quai.test',
      },
    });
    assert.equal(put.status, 200, put.body);
    assert.deepEqual(
      put.json.members.map((m: { organization: { name: string }; role: string }) => [
        m.organization.name,
        m.role,
      ]),
      [['mamh-essai', 'lead']],
    );
    assert.deepEqual(
      put.json.schemas.map((s: { name: string }) => s.name),
      ['permis-de-construction'],
    );
    const refused = await call(app, 'PUT', '/api/v1/ecosystems/urbanisme', {
      token: stranger.token,
      body: { ...put.json, leadOrganization: 'mamh-essai', contact: 'x@quai.test' },
    });
    assert.equal(refused.status, 403);
  });

  let requestId = '';
  test('a join request reports every mistake at once, then creates the account it needs', async () => {
    const { app } = current();
    const bad = await call(app, 'POST', '/api/v1/join-requests', {
      headers: { 'accept-language': 'fr' },
      body: {
        organizationTitle: 'G',
        kind: 'entreprise',
        contactName: 'Léa',
        contactEmail: 'pas-une-adresse',
        password: 'court',
        plans: 'rien',
        ecosystem: 'inconnu',
      },
    });
    assert.equal(bad.status, 422, bad.body);
    assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field).sort(), [
      'contactEmail',
      'ecosystem',
      'kind',
      'organizationTitle',
      'password',
      'plans',
    ]);
    const municipality = await call(app, 'POST', '/api/v1/join-requests', {
      body: {
        organizationTitle: 'Ville de Granby',
        kind: 'municipalite',
        municipalityCode: '99999',
        contactName: 'Léa Tremblay',
        contactEmail: 'lea.tremblay@granby.test',
        password: 'un-mot-de-passe-assez-long',
        plans: 'Nos permis de construction, chaque mois.',
        ecosystem: 'urbanisme',
      },
    });
    assert.deepEqual(
      municipality.json.errors.map((e: { field: string }) => e.field),
      ['municipalityCode'],
    );
    const created = await call(app, 'POST', '/api/v1/join-requests', {
      body: {
        organizationTitle: 'Ville de Granby',
        kind: 'municipalite',
        municipalityCode: '47017',
        contactName: 'Léa Tremblay',
        contactEmail: 'lea.tremblay@granby.test',
        password: 'un-mot-de-passe-assez-long',
        plans: 'Nos permis de construction, chaque mois.',
        ecosystem: 'urbanisme',
      },
    });
    assert.equal(created.status, 201, created.body);
    assert.equal(created.json.status, 'pending');
    assert.equal(created.json.organizationName, 'ville-de-granby');
    assert.deepEqual(
      created.json.events.map((e: { step: string }) => e.step),
      ['submitted'],
    );
    requestId = created.json.id;
    // The same organisation twice while the first waits: refused by name.
    const twice = await call(app, 'POST', '/api/v1/join-requests', {
      token: stranger.token,
      body: { ...created.json, password: null, municipalityCode: '47017' },
    });
    assert.equal(twice.status, 422);
    assert.equal(twice.json.errors[0].field, 'organizationTitle');
  });

  test('only sysadmins list and decide; a refusal needs a reason the requester reads', async () => {
    const { app } = current();
    assert.equal((await call(app, 'GET', '/api/v1/join-requests', { token: stranger.token })).status, 403);
    assert.equal(
      (await call(app, 'GET', `/api/v1/join-requests/${requestId}`, { token: stranger.token })).status,
      404,
    );
    assert.equal((await call(app, 'GET', `/api/v1/join-requests/${requestId}`)).status, 404);
    const pending = await call(app, 'GET', '/api/v1/join-requests?status=pending', { token: admin.token });
    assert.ok(pending.json.some((r: { id: string }) => r.id === requestId));

    const other = await call(app, 'POST', '/api/v1/join-requests', {
      token: stranger.token,
      body: {
        organizationTitle: 'Club de lecture du quartier',
        kind: 'societe-civile',
        contactName: 'Curieux',
        contactEmail: 'curieux-eco@quai.test',
        plans: 'Peut-être des listes de livres.',
      },
    });
    assert.equal(other.status, 201, other.body);
    const noReason = await call(app, 'POST', `/api/v1/join-requests/${other.json.id}/refuse`, {
      token: admin.token,
      body: { reason: '' },
    });
    assert.equal(noReason.status, 422);
    assert.equal(noReason.json.errors[0].field, 'reason');
    assert.equal(
      (
        await call(app, 'POST', `/api/v1/join-requests/${other.json.id}/refuse`, {
          token: stranger.token,
          body: { reason: 'non merci' },
        })
      ).status,
      403,
    );
    const refused = await call(app, 'POST', `/api/v1/join-requests/${other.json.id}/refuse`, {
      token: admin.token,
      body: { reason: 'Aucune donnée ouverte prévue pour le moment.' },
    });
    assert.equal(refused.json.status, 'refused');
    const mine = await call(app, 'GET', '/api/v1/join-requests/mine', { token: stranger.token });
    assert.equal(mine.json[0].reason, 'Aucune donnée ouverte prévue pour le moment.');
    assert.equal(
      (await call(app, 'POST', `/api/v1/join-requests/${other.json.id}/approve`, { token: admin.token }))
        .status,
      422,
    );
  });

  let granby: Caller;
  let resourceId = '';
  test('approved: the organisation exists, the requester is its admin, publishes a file that follows the schema', async () => {
    const { app, ctx } = current();
    const approved = await call(app, 'POST', `/api/v1/join-requests/${requestId}/approve`, {
      token: admin.token,
    });
    assert.equal(approved.status, 200, approved.body);
    assert.equal(approved.json.organization, 'ville-de-granby');
    assert.deepEqual(
      approved.json.events.map((e: { step: string }) => e.step),
      ['submitted', 'approved', 'admin', 'ecosystem'],
    );
    const user = await ctx.accounts.findUser('lea-tremblay');
    assert.ok(user, 'the account was created with a name taken from the email');
    const signedIn = await ctx.accounts.authenticatePassword(
      'lea.tremblay@granby.test',
      'un-mot-de-passe-assez-long',
    );
    assert.equal(signedIn?.id, user.id);
    const { token } = await ctx.accounts.createToken(SYSTEM, { user: user.name, name: 't', expiresAt: null });
    granby = { name: user.name, token };
    const members = await call(app, 'GET', '/api/v1/organizations/ville-de-granby/members', { token });
    assert.equal(members.status, 200, members.body);

    const before = await call(app, 'GET', '/api/v1/organizations/ville-de-granby/onboarding', { token });
    assert.deepEqual(
      before.json.map((s: { id: string; done: boolean }) => [s.id, s.done]),
      [
        ['approved', true],
        ['dataset', false],
        ['schema', false],
        ['valid', false],
        ['public', false],
      ],
    );
    assert.equal(
      (await call(app, 'GET', '/api/v1/organizations/ville-de-granby/onboarding', { token: stranger.token }))
        .status,
      404,
    );

    const created = await call(app, 'POST', '/api/v1/datasets', {
      token,
      body: datasetBody('permis-granby', 'ville-de-granby'),
    });
    assert.equal(created.status, 201, created.body);
    const form = multipart(
      { metadata: JSON.stringify({ extras: { schema: 'permis-de-construction@1.0.0' } }) },
      { field: 'file', filename: 'permis-granby.csv', content: granbyPermits(25) },
    );
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/v1/datasets/permis-granby/resources/upload',
      headers: { authorization: token, 'content-type': form.contentType },
      payload: form.payload,
    });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    resourceId = JSON.parse(uploaded.body).id;
    await until(
      async () => (await call(app, 'GET', `/api/v1/resources/${resourceId}/validation`)).json !== null,
    );
    const report = (
      await call(app, 'GET', `/api/v1/resources/${resourceId}/validation`, {
        headers: { 'accept-language': 'fr' },
      })
    ).json;
    assert.equal(report.valid, true, JSON.stringify(report.errors));
  });

  test('the consolidated table gathers the member’s rows with their source, and the checklist is done', async () => {
    const { app } = current();
    let ecosystem: { json: Record<string, never> } = { json: {} };
    await until(async () => {
      ecosystem = await call(app, 'GET', '/api/v1/ecosystems/urbanisme');
      const consolidation = (ecosystem.json.consolidations as unknown as { rows: number }[])[0];
      return consolidation?.rows === 25;
    });
    const consolidation = (ecosystem.json.consolidations as unknown as Record<string, never>[])[0] as Record<
      string,
      never
    >;
    assert.equal(consolidation.dataset, 'table-consolidee-urbanisme-permis-de-construction');
    assert.deepEqual(
      (ecosystem.json.datasets as unknown as { dataset: string; valid: boolean }[]).map((d) => [
        d.dataset,
        d.valid,
      ]),
      [['permis-granby', true]],
    );
    const download = await call(app, 'GET', `/api/v1/resources/${consolidation.resourceId}/download`);
    assert.equal(download.status, 200);
    const lines = download.body.trim().split('\n');
    assert.equal(lines.length, 26);
    assert.match(
      lines[0] as string,
      /^numero,code_municipalite,.*,source_organisation,source_jeu_de_donnees,source_ressource$/,
    );
    assert.match(lines[1] as string, /^GRA-2025-\d{3},47017,Granby,.*,ville-de-granby,permis-granby,/);
    // Queryable like any resource once the datastore has loaded it.
    await until(
      async () =>
        (await call(app, 'GET', `/api/v1/resources/${consolidation.resourceId}/data?limit=1`)).status === 200,
    );
    const data = await call(
      app,
      'GET',
      `/api/v1/resources/${consolidation.resourceId}/data?limit=1&count=true`,
    );
    assert.equal(data.json.total ?? data.json.count, 25, data.body);

    await until(async () => {
      const steps = await call(app, 'GET', '/api/v1/organizations/ville-de-granby/onboarding', {
        token: granby.token,
      });
      return steps.json.every((s: { done: boolean }) => s.done);
    });
    await until(async () => {
      const request = await call(app, 'GET', `/api/v1/join-requests/${requestId}`, { token: granby.token });
      return request.json.events.some((e: { step: string }) => e.step === 'published');
    });
    // Its quality score counts the schema it follows and its valid file.
    await until(async () => {
      const quality = await call(app, 'GET', '/api/v1/datasets/permis-granby/quality');
      return (
        quality.status === 200 &&
        quality.json.criteria.some(
          (c: { id: string; status: string }) => c.id === 'schema' && c.status === 'passed',
        )
      );
    });
    const quality = (await call(app, 'GET', '/api/v1/datasets/permis-granby/quality')).json;
    assert.ok(quality.score > 0 && quality.score <= 100);
  });

  test('a dataset made private leaves the consolidated table', async () => {
    const { app } = current();
    const updated = await call(app, 'PATCH', '/api/v1/datasets/permis-granby', {
      token: granby.token,
      body: { private: true },
    });
    assert.equal(updated.status, 200, updated.body);
    await until(async () => {
      const ecosystem = await call(app, 'GET', '/api/v1/ecosystems/urbanisme');
      return ecosystem.json.consolidations[0]?.rows === 0;
    });
    const anonymous = await call(app, 'GET', '/api/v1/ecosystems/urbanisme');
    assert.deepEqual(anonymous.json.datasets, []);
    const member = await call(app, 'GET', '/api/v1/ecosystems/urbanisme', { token: granby.token });
    assert.equal(member.json.datasets.length, 1);
  });

  test('join requests are limited per client', async () => {
    const { app } = current();
    let status = 0;
    for (let i = 0; i < 8 && status !== 429; i++)
      status = (
        await call(app, 'POST', '/api/v1/join-requests', {
          body: { organizationTitle: '', kind: '', contactName: '', contactEmail: '', plans: '' },
        })
      ).status;
    assert.equal(status, 429);
  });
});
