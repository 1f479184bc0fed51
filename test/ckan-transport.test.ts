import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachEngine, TEST_BASE_URL } from './helpers/app.js';
import { type Caller, call, datasetInput, seedOrganization, seedUser } from './helpers/fixtures.js';

describeEachEngine('CKAN Action API: transport and envelope', (current) => {
  let admin: Caller;

  before(async () => {
    const { ctx } = current();
    admin = await seedUser(ctx, 'admin', { sysadmin: true });
    await seedOrganization(ctx, 'mamh');
    await ctx.catalog.datasets.create(
      (await ctx.accounts.actorForToken(admin.token))!,
      datasetInput('jeu-public', {
        title: { fr: 'Jeu public', en: null },
        ownerOrg: 'mamh',
        licenseId: 'cc-by',
      }),
    );
  });

  test('/api and /api/3 give the API version', async () => {
    assert.deepEqual((await call(current().app, 'GET', '/api')).json, { version: 1 });
    assert.deepEqual((await call(current().app, 'GET', '/api/3')).json, { version: 3 });
  });

  test('both routes answer with the {help, success, result} envelope', async () => {
    for (const url of ['/api/3/action/site_read', '/api/action/site_read']) {
      const reply = await call(current().app, 'GET', url);
      assert.equal(reply.status, 200);
      assert.equal(reply.headers['content-type'], 'application/json;charset=utf-8');
      assert.deepEqual(Object.keys(reply.json), ['help', 'success', 'result']);
      assert.deepEqual(reply.json, {
        help: `${TEST_BASE_URL}/api/3/action/help_show?name=site_read`,
        success: true,
        result: true,
      });
    }
  });

  test('an unknown action is a bare JSON string with 400, as in CKAN', async () => {
    const reply = await call(current().app, 'GET', '/api/3/action/no_such_action');
    assert.equal(reply.status, 400);
    assert.equal(reply.json, 'Bad request - Action name not known: no_such_action');
  });

  test('writing with GET is refused', async () => {
    const reply = await call(current().app, 'GET', '/api/3/action/package_create?name=x');
    assert.equal(reply.status, 400);
    assert.equal(
      reply.json,
      'Bad request - JSON Error: Invalid request. Please use POST method for your request',
    );
  });

  test('a body that is not JSON is a bad request, and so is JSON that is not an object', async () => {
    const broken = await call(current().app, 'POST', '/api/3/action/package_show', {
      body: '{"id": ',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(broken.status, 400);
    assert.match(broken.json, /^Bad request - JSON Error: Error decoding JSON data/);
    const list = await call(current().app, 'POST', '/api/3/action/package_show', {
      body: '[1, 2]',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(list.status, 400);
    assert.match(list.json, /decoded to \[1,2\] but it needs to be a dictionary/);
  });

  test('POST accepts JSON whatever its content type, a form whose only key is JSON, and plain forms', async () => {
    const asText = await call(current().app, 'POST', '/api/3/action/package_show', {
      body: '{"id": "jeu-public"}',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(asText.json.result.name, 'jeu-public');
    const curlStyle = await call(current().app, 'POST', '/api/3/action/package_show', {
      body: '{"id": "jeu-public"}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(curlStyle.json.result.name, 'jeu-public');
    const form = await call(current().app, 'POST', '/api/3/action/package_show', {
      body: 'id=jeu-public',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.json.result.name, 'jeu-public');
    const empty = await call(current().app, 'POST', '/api/3/action/site_read', {
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(empty.json.result, true);
  });

  test('errors keep the envelope with CKAN types and status codes', async () => {
    const notFound = await call(current().app, 'GET', '/api/3/action/package_show?id=nothing-here');
    assert.equal(notFound.status, 404);
    assert.deepEqual(Object.keys(notFound.json), ['help', 'error', 'success']);
    assert.equal(notFound.json.success, false);
    assert.equal(notFound.json.error.__type, 'Not Found Error');
    assert.match(notFound.json.error.message, /^Not found: /);

    const denied = await call(current().app, 'POST', '/api/3/action/package_create', {
      body: { name: 'x', owner_org: 'mamh' },
    });
    assert.equal(denied.status, 403);
    assert.equal(denied.json.error.__type, 'Authorization Error');
    assert.match(denied.json.error.message, /^Access denied: /);

    const invalid = await call(current().app, 'POST', '/api/3/action/package_create', {
      token: admin.token,
      body: { name: 'Pas Valide!', owner_org: 'nulle-part', author_email: 'pas-un-courriel' },
    });
    assert.equal(invalid.status, 409);
    assert.deepEqual(invalid.json.error, {
      author_email: ['Email pas-un-courriel is not a valid format'],
      name: ['Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_'],
      owner_org: ['Organization does not exist'],
      __type: 'Validation Error',
    });

    const badQuery = await call(current().app, 'GET', '/api/3/action/package_search?q=%22open');
    assert.equal(badQuery.status, 400);
    assert.equal(badQuery.json.error.__type, 'Search Query Error');
    assert.equal(badQuery.json.error.message, "Search Query is invalid: ('unterminated quotation mark',)");

    const badRows = await call(current().app, 'GET', '/api/3/action/package_search?rows=abc');
    assert.equal(badRows.status, 409);
    assert.deepEqual(badRows.json.error, { rows: ['Invalid integer'], __type: 'Validation Error' });

    const unknownParameter = await call(current().app, 'GET', '/api/3/action/package_search?colour=blue');
    assert.equal(unknownParameter.status, 400);
    assert.equal(
      unknownParameter.json.error.message,
      `Search Query is invalid: ("Invalid search parameters: ['colour']",)`,
    );
  });

  test('the token goes raw in Authorization, or in X-CKAN-API-Key; a bad token is an authorisation error', async () => {
    const raw = await call(current().app, 'GET', '/api/3/action/organization_list_for_user', {
      token: admin.token,
    });
    assert.equal(raw.json.result.length, 1);
    const legacy = await call(current().app, 'GET', '/api/3/action/organization_list_for_user', {
      headers: { 'x-ckan-api-key': admin.token },
    });
    assert.equal(legacy.json.result.length, 1);
    // A script must learn that its token is wrong, not silently read as anonymous.
    for (const token of ['quai_not-a-token', 'garbage']) {
      const bad = await call(current().app, 'GET', '/api/3/action/package_search', { token });
      assert.equal(bad.status, 403);
      assert.equal(bad.json.success, false);
      assert.equal(bad.json.error.__type, 'Authorization Error');
      assert.match(bad.json.error.message, /^Access denied: Unknown, revoked or expired API token/);
    }
  });

  test('JSONP wraps GET answers and runs them as anonymous', async () => {
    const reply = await call(current().app, 'GET', '/api/3/action/organization_list_for_user?callback=show', {
      token: admin.token,
    });
    assert.equal(reply.headers['content-type'], 'application/javascript;charset=utf-8');
    assert.match(reply.body, /^show\(\{"help":.*"success":true,"result":\[\]\}\);$/);
  });

  test("help_show returns an action's documentation", async () => {
    const reply = await call(current().app, 'GET', '/api/3/action/help_show?name=package_search');
    assert.match(reply.json.result, /Search for datasets/);
  });
});
