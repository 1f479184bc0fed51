import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine, TEST_BASE_URL } from './helpers/app.js';
import { type Caller, call, multipart, seedOrganization, seedTheme, seedUser } from './helpers/fixtures.js';

describeEachEngine('CKAN Action API: actions', (current) => {
  let admin: Caller;
  let editor: Caller;
  let outsider: Caller;
  const action = (name: string, body: unknown, caller?: Caller) =>
    call(current().app, 'POST', `/api/3/action/${name}`, {
      body,
      ...(caller ? { token: caller.token } : {}),
    });

  before(async () => {
    const { ctx } = current();
    const mamh = await seedOrganization(ctx, 'mamh', 'Affaires municipales');
    await seedOrganization(ctx, 'autre', 'Autre organisation');
    await seedTheme(ctx, 'environnement', 'Environnement', 'ENVI');
    admin = await seedUser(ctx, 'admin', { sysadmin: true });
    editor = await seedUser(ctx, 'editrice', { roles: [[mamh, 'editor']] });
    outsider = await seedUser(ctx, 'passant');
  });

  test("package_create stores a bilingual dataset and returns CKAN's package dict", async () => {
    const reply = await action(
      'package_create',
      {
        name: 'eau-potable',
        title_translated: { fr: "Qualité de l'eau", en: 'Water quality' },
        notes: 'Analyses.',
        owner_org: 'mamh',
        license_id: 'cc-by',
        tags: [{ name: 'eau' }, { name: 'santé' }],
        groups: [{ name: 'environnement' }],
        extras: [{ key: 'source', value: 'laboratoire' }],
        update_frequency: 'monthly',
        time_coverage_start: '2024-01-01',
        spatial: '{"type":"Polygon","coordinates":[[[-74,45],[-71,45],[-71,47],[-74,47],[-74,45]]]}',
        resources: [{ url: 'https://example.com/eau.csv', name: 'Résultats' }],
      },
      editor,
    );
    assert.equal(reply.status, 200, reply.body);
    const pkg = reply.json.result;
    assert.deepEqual(
      Object.keys(pkg),
      [...Object.keys(pkg)].sort(),
      'keys in alphabetical order, as CKAN sorts them',
    );
    assert.equal(pkg.title, "Qualité de l'eau");
    assert.deepEqual(pkg.title_translated, { en: 'Water quality', fr: "Qualité de l'eau" });
    assert.equal(pkg.notes, 'Analyses.');
    assert.equal(pkg.organization.name, 'mamh');
    assert.equal(pkg.organization.is_organization, true);
    assert.equal(pkg.license_title, 'Creative Commons Attribution 4.0 (CC BY 4.0)');
    assert.equal(pkg.isopen, true);
    assert.deepEqual(
      pkg.tags.map((tag: { name: string }) => tag.name),
      ['eau', 'santé'],
    );
    assert.deepEqual(
      pkg.groups.map((group: { name: string }) => group.name),
      ['environnement'],
    );
    assert.deepEqual(pkg.extras, [{ key: 'source', value: 'laboratoire' }]);
    assert.equal(pkg.num_resources, 1);
    assert.equal(pkg.resources[0].format, 'CSV');
    assert.equal(pkg.resources[0].url, 'https://example.com/eau.csv');
    assert.equal(pkg.state, 'active');
    assert.match(pkg.metadata_created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?$/);
    assert.deepEqual(JSON.parse(pkg.spatial).coordinates[0][2], [-71, 47]);
  });

  test('publishing in an organisation one does not edit is refused', async () => {
    const reply = await action('package_create', { name: 'ailleurs', owner_org: 'autre' }, editor);
    assert.equal(reply.status, 409);
    assert.deepEqual(reply.json.error.owner_org, ['You cannot add a dataset to this organization']);
    const nobody = await action('package_create', { name: 'ailleurs', owner_org: 'mamh' }, outsider);
    assert.equal(nobody.status, 403);
  });

  test('package_update replaces: left-out fields are emptied, resources and organisation are kept', async () => {
    const before = (await action('package_show', { id: 'eau-potable' })).json.result;
    const reply = await action(
      'package_update',
      { id: 'eau-potable', name: 'eau-potable', title: 'Eau potable' },
      editor,
    );
    assert.equal(reply.status, 200, reply.body);
    const after = reply.json.result;
    assert.equal(after.title, 'Eau potable');
    assert.equal(after.notes, null);
    assert.deepEqual(after.tags, []);
    assert.deepEqual(after.extras, []);
    assert.equal(after.license_id, null);
    assert.equal(after.owner_org, before.owner_org);
    assert.equal(after.resources.length, 1);
    assert.equal(after.resources[0].id, before.resources[0].id);
  });

  test('package_show → edit → package_update works whichever title field the script edits', async () => {
    const shown = (await action('package_show', { id: 'eau-potable' })).json.result;
    const plain = await action('package_update', { ...shown, title: 'Eau potable du Québec' }, editor);
    assert.equal(plain.json.result.title, 'Eau potable du Québec');
    const fluent = await action(
      'package_update',
      { ...plain.json.result, title_translated: { fr: 'Eau potable (révisé)', en: 'Drinking water' } },
      editor,
    );
    assert.equal(fluent.json.result.title, 'Eau potable (révisé)');
    assert.equal(fluent.json.result.title_translated.en, 'Drinking water');
  });

  test('package_patch changes only what it is given', async () => {
    const reply = await action(
      'package_patch',
      { id: 'eau-potable', notes: 'Nouvelle description', tags: [{ name: 'eau' }] },
      editor,
    );
    const pkg = reply.json.result;
    assert.equal(pkg.notes, 'Nouvelle description');
    assert.deepEqual(pkg.notes_translated.fr, 'Nouvelle description');
    assert.equal(pkg.title, 'Eau potable (révisé)');
    assert.equal(pkg.title_translated.en, 'Drinking water');
    assert.deepEqual(
      pkg.tags.map((tag: { name: string }) => tag.name),
      ['eau'],
    );
  });

  test("resource_create takes a file by multipart and serves it back at CKAN's download URL", async () => {
    const csv = 'code,nom\n66023,Montréal\n23027,Québec\n';
    const form = multipart(
      { package_id: 'eau-potable', name: 'Liste', description: 'Deux villes', private: 'True' },
      { field: 'upload', filename: 'villes.csv', content: csv, type: 'text/csv' },
    );
    const reply = await current().app.inject({
      method: 'POST',
      url: '/api/3/action/resource_create',
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    assert.equal(reply.statusCode, 200, reply.body);
    const resource = JSON.parse(reply.body).result;
    assert.equal(resource.url_type, 'upload');
    assert.equal(resource.format, 'CSV');
    assert.equal(resource.size, Buffer.byteLength(csv));
    assert.match(
      resource.url,
      new RegExp(`^${TEST_BASE_URL}/dataset/[0-9a-f-]+/resource/${resource.id}/download/villes\\.csv$`),
    );
    const download = await current().app.inject({
      method: 'GET',
      url: resource.url.slice(TEST_BASE_URL.length),
    });
    assert.equal(download.statusCode, 200);
    assert.equal(download.body, csv);
    assert.equal(download.headers['content-type'], 'text/csv');

    const kept = await action(
      'resource_update',
      { id: resource.id, url: resource.url, name: 'Liste des villes' },
      editor,
    );
    assert.equal(kept.json.result.url, resource.url, 'sending back the download URL keeps the file');
    assert.equal(kept.json.result.name, 'Liste des villes');
    assert.equal(kept.json.result.description, '', 'resource_update replaces the description');

    const patched = await action('resource_patch', { id: resource.id, description: 'Deux villes' }, editor);
    assert.equal(patched.json.result.url_type, 'upload');
    assert.equal(patched.json.result.name, 'Liste des villes');

    const relinked = await action(
      'resource_update',
      { id: resource.id, url: 'https://example.com/villes.csv', name: 'Lien' },
      editor,
    );
    assert.equal(relinked.json.result.url_type, null);
    assert.equal(relinked.json.result.url, 'https://example.com/villes.csv');
    assert.equal((await action('resource_delete', { id: resource.id }, editor)).json.result, null);
    assert.equal((await action('resource_show', { id: resource.id })).status, 404);
  });

  test('package_delete trashes the dataset: gone from lists, its name free again', async () => {
    await action('package_create', { name: 'a-supprimer', owner_org: 'mamh' }, editor);
    const deleted = await action('package_delete', { id: 'a-supprimer' }, editor);
    assert.deepEqual(deleted.json, {
      help: `${TEST_BASE_URL}/api/3/action/help_show?name=package_delete`,
      success: true,
      result: null,
    });
    assert.equal((await action('package_show', { id: 'a-supprimer' })).status, 404);
    assert.ok(!(await action('package_list', {})).json.result.includes('a-supprimer'));
    assert.equal((await action('package_show', { id: 'a-supprimer' }, admin)).json.result.state, 'deleted');
    assert.equal(
      (await action('package_create', { name: 'a-supprimer', owner_org: 'mamh' }, editor)).status,
      200,
    );
  });

  test('package_search speaks CKAN: facets, search_facets sorted by display name, rows clamped', async () => {
    const reply = await call(
      current().app,
      'GET',
      '/api/3/action/package_search?q=eau&facet.field=["organization","tags","license_id"]&rows=5000',
    );
    const result = reply.json.result;
    assert.equal(reply.status, 200, reply.body);
    assert.deepEqual(Object.keys(result), ['count', 'facets', 'results', 'sort', 'search_facets']);
    assert.equal(result.count, 1);
    assert.deepEqual(result.facets.organization, { mamh: 1 });
    assert.deepEqual(result.search_facets.organization, {
      title: 'organization',
      items: [{ name: 'mamh', display_name: 'Affaires municipales', count: 1 }],
    });
    assert.equal(result.sort, 'score desc, metadata_modified desc');
    const noFacets = (await call(current().app, 'GET', '/api/3/action/package_search')).json.result;
    assert.deepEqual(noFacets.search_facets, {});
    assert.equal(noFacets.results.length, 2);
  });

  test('organization and group actions', async () => {
    // Sorted by title by default: "Affaires municipales" before "Autre organisation".
    assert.deepEqual((await action('organization_list', {})).json.result, ['mamh', 'autre']);
    const full = (await action('organization_list', { all_fields: true, sort: 'package_count desc' })).json
      .result;
    assert.equal(full[0].name, 'mamh');
    assert.equal(full[0].package_count, 2);

    const shown = (await action('organization_show', { id: 'mamh', include_datasets: true })).json.result;
    assert.equal(shown.package_count, 2);
    assert.equal(shown.packages.length, 2);
    assert.deepEqual(shown.users, [], 'members are not shown to anonymous callers');
    const asMember = (await action('organization_show', { id: 'mamh' }, editor)).json.result;
    assert.deepEqual(
      asMember.users.map((user: { name: string; capacity: string }) => [user.name, user.capacity]),
      [['editrice', 'editor']],
    );

    const created = await action(
      'organization_create',
      { name: 'nouvelle', title: 'Nouvelle organisation', users: [{ name: 'passant', capacity: 'editor' }] },
      admin,
    );
    assert.equal(created.status, 200, created.body);
    assert.equal(created.json.result.title, 'Nouvelle organisation');
    assert.equal((await action('organization_create', { name: 'x-org' }, editor)).status, 403);

    const member = await action(
      'organization_member_create',
      { id: 'mamh', username: 'passant', role: 'member' },
      admin,
    );
    assert.equal(member.json.result.capacity, 'member');
    assert.equal(member.json.result.table_name, 'user');
    const refused = await action(
      'organization_member_create',
      { id: 'mamh', username: 'passant', role: 'admin' },
      editor,
    );
    assert.equal(refused.status, 403);
    const badRole = await action(
      'organization_member_create',
      { id: 'mamh', username: 'passant', role: 'chef' },
      admin,
    );
    assert.deepEqual(badRole.json.error.role, ['role does not exist.']);

    const editable = (await action('organization_list_for_user', { permission: 'create_dataset' }, editor))
      .json.result;
    assert.deepEqual(
      editable.map((org: { name: string }) => org.name),
      ['mamh'],
    );

    assert.deepEqual((await action('group_list', {})).json.result, ['environnement']);
    // The earlier package_update left `groups` out, which removed the theme: put it back.
    assert.equal((await action('group_show', { id: 'environnement' })).json.result.package_count, 0);
    await action('package_patch', { id: 'eau-potable', groups: [{ name: 'environnement' }] }, editor);
    assert.equal((await action('group_show', { id: 'environnement' })).json.result.package_count, 1);
  });

  test('tag_list, license_list, user_show, status_show', async () => {
    assert.deepEqual((await action('tag_list', {})).json.result, ['eau']);
    assert.deepEqual((await action('tag_list', { query: 'EA' })).json.result, ['eau']);
    const licenses = (await action('license_list', {})).json.result;
    assert.equal(licenses[0].id, 'cc-by');
    assert.equal(licenses[0].domain_content, 'True');
    assert.equal(licenses[0].is_okd_compliant, true);

    const self = (await action('user_show', { id: 'editrice' }, editor)).json.result;
    assert.equal(self.email, 'editrice@quai.test');
    assert.equal(self.number_created_packages, 2);
    const other = (await action('user_show', { id: 'editrice' }, outsider)).json.result;
    assert.equal(other.email, undefined);
    assert.equal(other.password_hash, undefined);

    const status = (await action('status_show', {})).json.result;
    assert.deepEqual(Object.keys(status).sort(), [
      'ckan_version',
      'error_emails_to',
      'extensions',
      'locale_default',
      'site_description',
      'site_title',
      'site_url',
    ]);
    assert.equal(status.site_url, TEST_BASE_URL);
  });

  test('package_activity_list tells who changed what', async () => {
    const activities = (await action('package_activity_list', { id: 'eau-potable' })).json.result;
    assert.equal(activities.at(-1).activity_type, 'new package');
    assert.equal(activities[0].activity_type, 'changed package');
    assert.equal(activities[0].data.actor, 'editrice');
  });
});
