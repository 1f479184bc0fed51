import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine } from './helpers/app.js';
import {
  type Caller,
  call,
  datasetBody,
  multipart,
  seedOrganization,
  seedTheme,
  seedUser,
} from './helpers/fixtures.js';
import { until } from './helpers/wait.js';

/** Words that appear only in hidden datasets: no answer to an outsider may contain them. */
const SECRETS = ['zyxprive', 'zyxbrouillon', 'zyxsupprime', 'etiquette-secrete', 'fichier-secret'];

describeEachEngine('private datasets, drafts and deleted datasets never leak', (current) => {
  let editor: Caller;
  let member: Caller;
  let stranger: Caller;
  const hidden: Record<string, { id: string; resourceId: string; downloadPath: string }> = {};
  let harvestRunId = '';
  let strangerFeed = '';
  let privateThread = '';

  async function hiddenDataset(name: string, secret: string, body: Record<string, unknown>) {
    const { app } = current();
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody(name, 'ministere', {
        title: { fr: `Jeu ${secret}` },
        tags: ['etiquette-secrete'],
        groups: ['theme'],
        ...body,
      }),
    });
    assert.equal(created.status, 201, created.body);
    const form = multipart({}, { field: 'file', filename: 'fichier-secret.csv', content: `a\n${secret}\n` });
    const upload = await app.inject({
      method: 'POST',
      url: `/api/v1/datasets/${name}/resources/upload`,
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const resource = JSON.parse(upload.body);
    // Its file replaced once: the first file becomes version 1 (listed and downloadable).
    const next = multipart(
      {},
      { field: 'file', filename: 'fichier-secret-2.csv', content: `a\n${secret} 2\n` },
    );
    const replaced = await app.inject({
      method: 'PUT',
      url: `/api/v1/resources/${resource.id}/file`,
      headers: { authorization: editor.token, 'content-type': next.contentType },
      payload: next.payload,
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    hidden[name] = {
      id: created.json.id,
      resourceId: resource.id,
      downloadPath: new URL(resource.url).pathname,
    };
  }

  before(async () => {
    const { ctx, app } = current();
    const ministry = await seedOrganization(ctx, 'ministere', 'Ministère');
    const other = await seedOrganization(ctx, 'autre', 'Autre');
    await seedTheme(ctx, 'theme', 'Thème');
    editor = await seedUser(ctx, 'editeur', { roles: [[ministry, 'editor']] });
    member = await seedUser(ctx, 'membre', { roles: [[ministry, 'member']] });
    stranger = await seedUser(ctx, 'etranger', { roles: [[other, 'admin']] });
    // Outsiders follow the ministry, its theme and a search for the hidden words: a hidden
    // dataset's change must reach none of their alerts, feeds or digests.
    for (const caller of [stranger, member])
      for (const [kind, target] of [
        ['organization', 'ministere'],
        ['theme', 'theme'],
        ['search', 'jeu'],
      ]) {
        const followed = await call(app, 'POST', '/api/v1/follows', {
          token: caller.token,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind, target }),
        });
        assert.equal(followed.status, 201, followed.body);
      }
    const open = await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('jeu-public', 'ministere', { groups: ['theme'] }),
    });
    assert.equal(open.status, 201);
    await hiddenDataset('jeu-prive', 'zyxprive', { private: true });
    // An alias of the private table: reading through it must reveal no more than the id would.
    await ctx.datastore.ingest.settled(hidden['jeu-prive']?.resourceId as string);
    const aliased = await call(app, 'POST', '/api/3/action/datastore_create', {
      token: editor.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ resource_id: hidden['jeu-prive']?.resourceId, aliases: ['alias-prive'] }),
    });
    assert.equal(aliased.status, 200, aliased.body);
    await hiddenDataset('jeu-brouillon', 'zyxbrouillon', { state: 'draft' });
    await hiddenDataset('jeu-supprime', 'zyxsupprime', {});
    assert.equal(
      (await call(app, 'DELETE', '/api/v1/datasets/jeu-supprime', { token: editor.token })).status,
      204,
    );
    // A harvest source of the ministry, with a (failed) test run: its pages are the ministry's.
    await ctx.harvest.sources.create(SYSTEM, {
      name: 'source-ministere',
      title: 'Source du ministère',
      organization: 'ministere',
      kind: 'ckan',
      url: 'http://127.0.0.1:9',
      schedule: null,
      filters: {},
      licenseDefault: null,
    });
    harvestRunId = (await ctx.harvest.startRun(SYSTEM, 'source-ministere', { dryRun: true })).id;
    await until(async () => {
      const run = await ctx.harvest.findRun(harvestRunId);
      return run?.status === 'failed' || run?.status === 'succeeded';
    });
    // A reuse and a call that used the datasets while public: they must not show them now.
    const admin = await seedUser(ctx, 'admin-prive', { sysadmin: true });
    const reused = await call(app, 'POST', '/api/v1/reuses', {
      token: editor.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Réutilisation du ministère',
        description: 'Une application qui se sert du jeu public et des autres.',
        type: 'application',
        url: 'https://exemple.org/app',
        datasets: ['jeu-public', 'jeu-prive'],
      }),
    });
    assert.equal(reused.status, 422, 'a private dataset cannot be linked');
    const linked = await call(app, 'POST', '/api/v1/reuses', {
      token: editor.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Réutilisation du ministère',
        description: 'Une application qui se sert du jeu public et des autres.',
        type: 'application',
        url: 'https://exemple.org/app',
        datasets: ['jeu-public'],
      }),
    });
    assert.equal(linked.status, 201, linked.body);
    const opened = await call(app, 'POST', '/api/v1/calls', {
      token: admin.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'appel-du-ministere',
        kind: 'call',
        title: 'Appel du ministère',
        description: 'Un appel de projets.',
        participation: 'Soumettez une réutilisation.',
        starts_on: '2027-01-01',
        ends_on: '2027-02-01',
        datasets: ['jeu-public'],
      }),
    });
    assert.equal(opened.status, 201, opened.body);
    // A discussion on the private dataset, answered by its publisher (an official answer makes
    // an event only on a public dataset).
    const thread = await call(app, 'POST', '/api/v1/datasets/jeu-prive/discussions', {
      token: editor.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Fil zyxprive interne', body: 'Message zyxprive à relire.' }),
    });
    assert.equal(thread.status, 201, thread.body);
    privateThread = thread.json.id;
    const answer = await call(app, 'POST', `/api/v1/discussions/${privateThread}/messages`, {
      token: editor.token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Réponse zyxprive officielle.' }),
    });
    assert.equal(answer.json.official, true, answer.body);
    // Every change has been told to followers (the walk reads their alerts).
    await until(async () => {
      const [row] = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM jobs.job WHERE name LIKE 'community.%' AND state NOT IN ('completed', 'failed', 'cancelled')`,
      );
      return row?.n === 0;
    });
    const feed = await ctx.db.query<{ token: string }>(
      `SELECT feed_token AS token FROM community.alert_settings s JOIN accounts.users u ON u.id = s.user_id WHERE u.name = 'etranger'`,
    );
    strangerFeed = `/feeds/alerts/${feed[0]?.token}.atom`;
    // Their quality scores exist (and would show, if anything leaked them).
    for (const { id } of [...Object.values(hidden), { id: open.json.id as string }])
      await ctx.quality.scores.settled(id, () => true);
  });

  function endpoints(): string[] {
    const ids = Object.values(hidden);
    const byReference = Object.entries(hidden).flatMap(([name, { id, resourceId, downloadPath }]) => [
      `/api/v1/datasets/${name}`,
      `/api/v1/datasets/${id}`,
      `/api/v1/datasets/${name}/activity`,
      `/api/v1/datasets/${name}/dcat`,
      `/api/v1/datasets/${name}/schema-org`,
      `/api/v1/resources/${resourceId}`,
      `/api/v1/resources/${resourceId}/download`,
      `/api/v1/resources/${resourceId}/datastore/integrity`,
      `/api/v1/resources/${resourceId}/validation`,
      `/api/v1/resources/${resourceId}/refused-versions`,
      `/api/v1/resources/${resourceId}/schema-guess`,
      `/api/v1/resources/${resourceId}/versions`,
      `/api/v1/resources/${resourceId}/versions/1/download`,
      `/fr/jeux-de-donnees/${name}/publier`,
      `/fr/jeux-de-donnees/${name}/publication`,
      `/fr/jeux-de-donnees/${name}/ressources/${resourceId}/modifier`,
      `/fr/jeux-de-donnees/${name}/ressources/${resourceId}/supprimer`,
      `/fr/integrer/jeux-de-donnees/${name}/ressources/${resourceId}`,
      `/en/embed/datasets/${name}/resources/${resourceId}`,
      `/api/v1/datasets/${name}/refused-versions`,
      `/fr/jeux-de-donnees/${name}/ressources/${resourceId}/schema-propose`,
      `/api/v1/datasets/${name}/quality`,
      `/api/v1/datasets/${id}/quality`,
      downloadPath,
      `/dataset/${name}.jsonld`,
      `/dataset/${name}.ttl`,
      `/dataset/${name}.jsonld?profiles=schemaorg`,
      `/api/3/action/package_show?id=${name}`,
      `/api/3/action/package_show?id=${id}`,
      `/api/3/action/resource_show?id=${resourceId}`,
      `/api/3/action/package_activity_list?id=${name}`,
      `/dataset/${name}.rdf`,
      `/dataset/${name}.xml`,
      `/dataset/${name}.n3`,
      `/fr/dataset/${name}`,
      `/datastore/dump/${resourceId}`,
      `/datastore/dump/${resourceId}?format=json`,
      `/api/3/action/resource_view_list?id=${resourceId}`,
      `/api/3/action/resource_view_show?id=${resourceId}`,
      `/api/3/action/package_relationships_list?id=${name}`,
      `/api/3/action/package_collaborator_list?id=${name}`,
      `/api/3/action/resource_search?query=id:${resourceId}`,
      `/api/3/action/member_list?id=ministere`,
    ]);
    assert.ok(ids.length === 3);
    return [
      ...byReference,
      '/',
      '/api/v1/datasets?limit=100',
      '/api/v1/datasets?limit=100&include_private=true&include_drafts=true',
      '/api/v1/datasets?q=zyxprive&include_private=true',
      '/api/v1/datasets?q=zyxbrouillon&include_drafts=true',
      '/api/v1/datasets?fq=tags:etiquette-secrete&include_private=true&include_drafts=true',
      '/api/v1/suggest?q=zyxprive',
      '/api/v1/suggest?q=Jeu%20zyxbrouillon',
      '/api/v1/tags',
      '/api/v1/tags?q=secrete',
      '/api/v1/organizations',
      '/api/v1/organizations/ministere/activity',
      '/api/v1/organizations/ministere/quality?limit=500',
      `/api/v1/datasets?sort=${encodeURIComponent('quality_score asc')}&facet=quality&include_private=true&include_drafts=true`,
      '/api/3/action/package_search?sort=quality_score%20asc&facet.field=["quality"]&include_private=true',
      '/fr/organisations/ministere/qualite',
      '/fr/jeux-de-donnees?sort=quality&quality=low',
      '/api/v1/groups',
      '/api/v1/groups/theme/activity',
      '/api/v1/catalog',
      '/catalog.jsonld',
      '/catalog.ttl',
      '/api/3/action/package_list',
      '/api/3/action/package_search?fl=id,name,private,extras_secret&rows=1000&include_private=true&include_drafts=true',
      '/api/v1/harvest/sources',
      '/api/v1/harvest/sources/source-ministere',
      '/api/v1/harvest/sources/source-ministere/runs',
      '/api/v1/harvest/sources/source-ministere/merged',
      `/api/v1/harvest/runs/${harvestRunId}`,
      '/fr/espace/moissonnage',
      '/fr/espace/moissonnage/source-ministere',
      `/fr/espace/moissonnage/source-ministere/executions/${harvestRunId}`,
      '/en/workspace/harvest',
      '/fr/utilisateurs/editeur',
      '/en/users/editeur?page=2',
      '/user/editeur',
      '/api/3/action/current_package_list_with_resources?limit=100',
      '/api/3/action/package_search?rows=1000&include_private=true&include_drafts=true&include_deleted=true&facet.field=["tags","organization","groups","res_format"]',
      '/api/3/action/package_search?q=zyxprive&include_private=true',
      '/api/3/action/tag_list',
      '/api/3/action/tag_list?all_fields=true',
      '/api/3/action/organization_show?id=ministere&include_datasets=true',
      '/api/3/action/organization_list?all_fields=true',
      '/api/3/action/organization_activity_list?id=ministere',
      '/api/3/action/group_show?id=theme&include_datasets=true',
      '/api/3/action/group_list?all_fields=true',
      '/api/3/action/group_activity_list?id=theme',
      '/api/3/action/user_show?id=editeur',
      '/catalog.rdf',
      '/catalog.xml',
      '/catalog.n3',
      '/api/3/action/package_autocomplete?q=jeu',
      '/api/3/action/package_autocomplete?q=zyx',
      '/api/3/action/format_autocomplete?q=c',
      '/api/3/action/tag_autocomplete?q=secrete',
      '/api/3/action/tag_show?id=etiquette-secrete&include_datasets=true',
      '/api/3/action/resource_search?query=name:fichier',
      '/api/3/action/resource_search?query=format:csv',
      '/api/3/action/member_list?id=ministere',
      '/api/3/action/member_list?id=theme',
      '/api/3/action/user_list?q=editeur',
      '/api/3/action/user_autocomplete?q=edit',
      '/api/3/action/organization_autocomplete?q=min',
      '/sitemaps/datasets-1.xml',
      '/api/v1/openapi.json',
      '/uploads/00000000-0000-4000-8000-000000000000',
      '/api/v1/reference',
      '/api/v1/schemas',
      '/api/v1/reference/municipalites/versions',
      '/api/v1/reference/municipalites/dcat.ttl',
      '/api/v1/validate/00000000-0000-4000-8000-000000000000',
      '/api/v1/ecosystems',
      '/api/v1/join-requests',
      '/api/v1/join-requests/mine',
      '/api/v1/organizations/ministere/onboarding',
      '/schemas/permis-de-construction/latest/schema.json',
      '/schemas/permis-de-construction/latest/example.csv',
      '/api/v1/reference/municipalites?q=zyxprive',
      '/api/v1/reference/entreprises?q=zyxprive',
      '/api/3/action/datastore_search?resource_id=alias-prive',
      '/api/3/action/datastore_info?id=alias-prive',
      `/api/3/action/datastore_search_sql?sql=${encodeURIComponent('SELECT * FROM "alias-prive"')}`,
      '/api/v1/data-requests?limit=100',
      '/api/v1/data-requests?q=zyxprive',
      '/fr/demandes-de-donnees',
      '/feeds/data-requests.atom',
      '/api/v1/mail/outbox',
      '/api/v1/mail/outbox?to=editeur@quai.test',
      '/api/v1/webhooks',
      '/api/v1/webhooks/00000000-0000-4000-8000-000000000000/deliveries',
      '/fr/espace/webhooks',
      '/fr/inscription',
      '/fr/mot-de-passe-oublie',
      '/fr/espace/supprimer-mon-compte',
      '/fr/inscription/verifiez-vos-courriels',
      '/fr/compte/confirmer/jeton-inconnu',
      '/api/v1/follows',
      '/api/v1/alerts',
      '/api/v1/alerts/settings',
      '/fr/espace/suivis',
      strangerFeed,
      '/fr/alertes/desabonnement/jeton-inconnu',
      '/fr/jeux-de-donnees?q=zyxprive',
      '/api/v1/reuses',
      '/api/v1/reuses?dataset=jeu-prive',
      `/api/v1/reuses?dataset=${hidden['jeu-prive']?.id}`,
      '/api/v1/reuses/reutilisation-du-ministere',
      '/api/v1/reuses/reutilisation-du-ministere/image',
      '/api/v1/alerts/unsubscribe/jeton-inconnu',
      '/api/v1/calls',
      '/api/v1/calls/appel-du-ministere',
      '/api/v1/datasets/jeu-prive/discussions',
      `/api/v1/datasets/${hidden['jeu-prive']?.id}/discussions`,
      '/api/v1/datasets/jeu-public/discussions',
      `/api/v1/discussions/${privateThread}`,
      `/fr/jeux-de-donnees/jeu-prive/discussions/${privateThread}`,
      `/fr/jeux-de-donnees/jeu-public/discussions/${privateThread}`,
      '/fr/jeux-de-donnees/jeu-public',
      '/api/v1/moderation',
      '/api/v1/moderation/bans',
      '/fr/espace/moderation',
      '/api/v1/consultations',
      '/fr/consultations',
      '/api/v1/backup',
      '/metrics',
      '/readyz',
    ];
  }

  for (const [who, caller] of [
    ['anonymous', () => undefined],
    ['a user of another organisation', () => stranger],
  ] as const) {
    test(`${who} sees no trace of them on any endpoint`, async () => {
      const { app } = current();
      const token = caller()?.token;
      for (const url of endpoints()) {
        const reply = await call(app, 'GET', url, token ? { token } : {});
        assert.ok(reply.status < 500, `${url} answered ${reply.status}`);
        // The caller's own words may come back (a 404 names what was asked for); nothing else may.
        const secrets = [...SECRETS, ...Object.values(hidden).flatMap((h) => [h.id, h.resourceId])].filter(
          (secret) => !url.includes(secret),
        );
        for (const secret of secrets)
          assert.ok(!reply.body.includes(secret), `${url} (${reply.status}) reveals "${secret}"`);
      }
    });
  }

  test('followers of the ministry hear of its public dataset only, even its own members', async () => {
    const { app } = current();
    for (const caller of [stranger, member]) {
      const alerts = await call(app, 'GET', '/api/v1/alerts', { token: caller.token });
      assert.equal(alerts.status, 200);
      assert.match(alerts.body, /jeu-public/, 'the public dataset was told');
      for (const secret of [...SECRETS, ...Object.values(hidden).map((h) => h.id)])
        assert.ok(!alerts.body.includes(secret), `the alerts reveal "${secret}"`);
    }
  });

  test('a hidden dataset answers exactly as one that does not exist', async () => {
    const { app } = current();
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const { id, resourceId } of Object.values(hidden)) {
      for (const [url, absent] of [
        [`/api/v1/datasets/${id}`, `/api/v1/datasets/${missing}`],
        [`/api/v1/resources/${resourceId}`, `/api/v1/resources/${missing}`],
        [`/api/v1/datasets/${id}/quality`, `/api/v1/datasets/${missing}/quality`],
        [`/api/3/action/package_show?id=${id}`, `/api/3/action/package_show?id=${missing}`],
      ] as const) {
        const hiddenReply = await call(app, 'GET', url, { token: stranger.token });
        const absentReply = await call(app, 'GET', absent, { token: stranger.token });
        assert.equal(hiddenReply.status, absentReply.status);
        assert.equal(
          hiddenReply.body.replaceAll(id, missing).replaceAll(resourceId, missing),
          absentReply.body,
        );
      }
    }
  });

  test('counts exclude them too: one public dataset everywhere', async () => {
    const { app } = current();
    assert.equal(
      (await call(app, 'GET', '/api/v1/datasets?include_private=true&include_drafts=true')).json.count,
      1,
    );
    assert.equal(
      (await call(app, 'GET', '/api/3/action/package_search?include_private=true')).json.result.count,
      1,
    );
    const org = (await call(app, 'GET', '/api/3/action/organization_show?id=ministere')).json.result;
    assert.equal(org.package_count, 1);
    const organizations = (await call(app, 'GET', '/api/v1/organizations', { token: stranger.token })).json;
    assert.equal(organizations.find((o: { name: string }) => o.name === 'ministere').dataset_count, 1);
    assert.equal(
      (await call(app, 'GET', '/api/3/action/user_show?id=editeur')).json.result.number_created_packages,
      1,
    );
    assert.equal((await call(app, 'GET', '/api/v1/groups')).json[0].dataset_count, 1);
  });

  test('members see private datasets when they ask; editors see their drafts; nobody sees deleted ones in lists', async () => {
    const { app } = current();
    const asMember = await call(
      app,
      'GET',
      '/api/3/action/package_search?include_private=true&include_drafts=true',
      { token: member.token },
    );
    assert.deepEqual(asMember.json.result.results.map((p: { name: string }) => p.name).sort(), [
      'jeu-prive',
      'jeu-public',
    ]);
    const withoutAsking = await call(app, 'GET', '/api/3/action/package_search', { token: member.token });
    assert.equal(
      withoutAsking.json.result.count,
      1,
      'CKAN leaves private datasets out unless include_private is set',
    );
    const asEditor = await call(app, 'GET', '/api/v1/datasets?include_drafts=true', { token: editor.token });
    assert.deepEqual(asEditor.json.results.map((d: { name: string }) => d.name).sort(), [
      'jeu-brouillon',
      'jeu-prive',
      'jeu-public',
    ]);
    assert.equal((await call(app, 'GET', '/api/v1/datasets/jeu-prive', { token: member.token })).status, 200);
    assert.equal(
      (await call(app, 'GET', hidden['jeu-prive']!.downloadPath, { token: member.token })).status,
      200,
    );
    assert.equal(
      (await call(app, 'GET', '/api/v1/datasets/jeu-brouillon', { token: member.token })).status,
      404,
      'drafts are for editors',
    );
    assert.equal(
      (await call(app, 'GET', '/api/v1/datasets/jeu-supprime', { token: editor.token })).json.state,
      'deleted',
    );
  });

  test('writes by outsiders are refused and change nothing', async () => {
    const { app } = current();
    const before = (await call(app, 'GET', '/api/v1/datasets/jeu-public')).json;
    const attempts = [
      call(app, 'PUT', '/api/v1/datasets/jeu-public', {
        token: stranger.token,
        body: datasetBody('jeu-public', 'ministere', { title: { fr: 'Piraté' } }),
      }),
      call(app, 'PATCH', '/api/v1/datasets/jeu-public', {
        token: member.token,
        body: { title: { fr: 'Piraté' } },
      }),
      call(app, 'DELETE', '/api/v1/datasets/jeu-public', { token: stranger.token }),
      call(app, 'POST', '/api/3/action/package_patch', {
        token: stranger.token,
        body: { id: 'jeu-public', title: 'Piraté' },
      }),
      call(app, 'POST', '/api/3/action/package_delete', { body: { id: 'jeu-public' } }),
      call(app, 'POST', '/api/v1/datasets/jeu-public/resources', {
        token: member.token,
        body: { url: 'https://example.com/x.csv' },
      }),
    ];
    for (const reply of await Promise.all(attempts)) assert.equal(reply.status, 403, reply.body);
    const privateAttempt = await call(app, 'PATCH', '/api/v1/datasets/jeu-prive', {
      token: stranger.token,
      body: { title: { fr: 'Piraté' } },
    });
    assert.equal(privateAttempt.status, 404, 'a private dataset is not even admitted to exist');
    const after = (await call(app, 'GET', '/api/v1/datasets/jeu-public')).json;
    assert.deepEqual(after, before);
  });
});
