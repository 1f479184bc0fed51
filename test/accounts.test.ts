import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine } from './helpers/app.js';
import { type Caller, call, seedOrganization, seedUser } from './helpers/fixtures.js';

describeEachEngine('accounts, roles and API tokens', (current) => {
  let admin: Caller;
  let orgAdmin: Caller;
  let editor: Caller;

  before(async () => {
    const { ctx } = current();
    const organization = await seedOrganization(ctx, 'ville', 'Ville');
    admin = await seedUser(ctx, 'admin', { sysadmin: true });
    orgAdmin = await seedUser(ctx, 'cheffe', { roles: [[organization, 'admin']] });
    editor = await seedUser(ctx, 'editeur', { roles: [[organization, 'editor']] });
  });

  test('a token is shown once, stored only as a hash, and works until revoked', async () => {
    const { app, ctx } = current();
    const created = await call(app, 'POST', '/api/v1/tokens', {
      token: editor.token,
      body: { name: 'script de publication' },
    });
    assert.equal(created.status, 201, created.body);
    const secret: string = created.json.token;
    assert.match(secret, /^quai_[A-Za-z0-9_-]{43}$/);
    const stored = await ctx.db.query<{ token_sha256: string }>(
      'SELECT token_sha256 FROM accounts.api_tokens',
    );
    assert.ok(
      stored.every((row) => !row.token_sha256.includes(secret) && /^[0-9a-f]{64}$/.test(row.token_sha256)),
    );

    const listed = await call(app, 'GET', '/api/v1/tokens', { token: secret });
    const mine = listed.json.find((token: { name: string }) => token.name === 'script de publication');
    assert.ok(mine.last_used !== null, 'its use is recorded');
    assert.ok(!listed.body.includes(secret), 'the list never shows a secret');

    const me = await call(app, 'GET', '/api/v1/users/me', { headers: { authorization: `Bearer ${secret}` } });
    assert.equal(me.json.name, 'editeur');
    assert.equal(me.json.email, 'editeur@quai.test');

    assert.equal(
      (await call(app, 'DELETE', `/api/v1/tokens/${created.json.id}`, { token: editor.token })).status,
      204,
    );
    assert.equal((await call(app, 'GET', '/api/v1/users/me', { token: secret })).status, 401);
  });

  test("expired tokens and other people's tokens do not work", async () => {
    const { app, ctx } = current();
    const past = await call(app, 'POST', '/api/v1/tokens', {
      token: editor.token,
      body: { name: 'court', expires_at: '2020-01-01T00:00:00Z' },
    });
    assert.equal(past.status, 422);
    const { token, record } = await ctx.accounts.createToken(SYSTEM, {
      user: 'editeur',
      name: 'bientôt périmé',
      expiresAt: new Date(Date.now() + 60_000),
    });
    await ctx.db.query(
      "UPDATE accounts.api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1",
      [record.id],
    );
    assert.equal((await call(app, 'GET', '/api/v1/users/me', { token })).status, 401);
    const foreign = await call(app, 'POST', '/api/v1/tokens', {
      token: editor.token,
      body: { name: 'x', user: 'cheffe' },
    });
    assert.equal(foreign.status, 403);
    const forOthers = await call(app, 'POST', '/api/v1/tokens', {
      token: admin.token,
      body: { name: 'pour elle', user: 'cheffe' },
    });
    assert.equal(forOthers.status, 201, 'sysadmins may create tokens for others');
    const revokeForeign = await call(app, 'DELETE', `/api/v1/tokens/${forOthers.json.id}`, {
      token: editor.token,
    });
    assert.equal(revokeForeign.status, 404);
  });

  test('a first token can be had with name and password (HTTP Basic); guessing is throttled', async () => {
    const { app } = current();
    const basic = (login: string, password: string) =>
      `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`;
    const created = await call(app, 'POST', '/api/v1/tokens', {
      headers: { authorization: basic('cheffe@quai.test', 'un-mot-de-passe-assez-long') },
      body: { name: 'premier jeton' },
    });
    assert.equal(created.status, 201, created.body);
    assert.equal(
      (await call(app, 'GET', '/api/v1/users/me', { token: created.json.token })).json.name,
      'cheffe',
    );
    const basicElsewhere = await call(app, 'GET', '/api/v1/users/me', {
      headers: { authorization: basic('cheffe', 'un-mot-de-passe-assez-long') },
    });
    assert.equal(basicElsewhere.status, 401, 'passwords open nothing but token creation');

    const wrong = () =>
      call(app, 'POST', '/api/v1/tokens', {
        headers: { authorization: basic('cheffe', 'devine') },
        body: { name: 'x' },
      });
    for (let i = 0; i < 10; i++) assert.equal((await wrong()).status, 401);
    const blocked = await wrong();
    assert.equal(blocked.status, 429);
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    const evenRight = await call(app, 'POST', '/api/v1/tokens', {
      headers: { authorization: basic('cheffe', 'un-mot-de-passe-assez-long') },
      body: { name: 'x' },
    });
    assert.equal(evenRight.status, 429, 'the right password waits too, or guessing would go on');
  });

  test('passwords are hashed with scrypt and checked', async () => {
    const { ctx } = current();
    const [row] = await ctx.db.query<{ password_hash: string }>(
      "SELECT password_hash FROM accounts.users WHERE name = 'editeur'",
    );
    assert.match(row!.password_hash, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    assert.equal(
      (await ctx.accounts.authenticatePassword('editeur', 'un-mot-de-passe-assez-long'))?.name,
      'editeur',
    );
    assert.equal(await ctx.accounts.authenticatePassword('editeur', 'mauvais'), null);
    assert.equal(
      (await ctx.accounts.authenticatePassword('EDITEUR@quai.test', 'un-mot-de-passe-assez-long'))?.name,
      'editeur',
    );
  });

  test('only sysadmins create users, with checked names, emails and passwords', async () => {
    const { app } = current();
    const body = { name: 'nouvelle', email: 'nouvelle@quai.test', password: 'assez-long-pour-passer' };
    assert.equal((await call(app, 'POST', '/api/v1/users', { token: editor.token, body })).status, 403);
    const created = await call(app, 'POST', '/api/v1/users', { token: admin.token, body });
    assert.equal(created.status, 201);
    const again = await call(app, 'POST', '/api/v1/users', {
      token: admin.token,
      body: { name: 'Nom Invalide', email: 'nouvelle@quai.test', password: 'court' },
    });
    assert.deepEqual(again.json.errors.map((e: { field: string }) => e.field).sort(), [
      'email',
      'name',
      'password',
    ]);
    const shown = await call(app, 'GET', '/api/v1/users/nouvelle', { token: editor.token });
    assert.equal(shown.json.email, undefined, 'email addresses are private');
  });

  test('organisation admins manage members; members see the list; others do not', async () => {
    const { app } = current();
    const added = await call(app, 'PUT', '/api/v1/organizations/ville/members/nouvelle', {
      token: orgAdmin.token,
      body: { role: 'member' },
    });
    assert.deepEqual(added.json, { user: 'nouvelle', fullname: null, role: 'member' });
    const byEditor = await call(app, 'PUT', '/api/v1/organizations/ville/members/nouvelle', {
      token: editor.token,
      body: { role: 'admin' },
    });
    assert.equal(byEditor.status, 403);
    const badRole = await call(app, 'PUT', '/api/v1/organizations/ville/members/nouvelle', {
      token: orgAdmin.token,
      body: { role: 'roi' },
    });
    assert.equal(badRole.status, 422);
    const list = await call(app, 'GET', '/api/v1/organizations/ville/members', { token: editor.token });
    assert.deepEqual(
      list.json.map((m: { user: string; role: string }) => `${m.user}:${m.role}`),
      ['cheffe:admin', 'editeur:editor', 'nouvelle:member'],
    );
    assert.equal((await call(app, 'GET', '/api/v1/organizations/ville/members')).status, 403);
    assert.equal(
      (await call(app, 'DELETE', '/api/v1/organizations/ville/members/nouvelle', { token: orgAdmin.token }))
        .status,
      204,
    );
    assert.equal(
      (await call(app, 'DELETE', '/api/v1/organizations/ville/members/nouvelle', { token: orgAdmin.token }))
        .status,
      404,
    );
  });

  test('an editor promoted to the organisation can publish at once', async () => {
    const { app } = current();
    const { token } = (
      await call(app, 'POST', '/api/v1/tokens', { token: admin.token, body: { name: 'n', user: 'nouvelle' } })
    ).json;
    const body = { name: 'premier-jeu', owner_org: 'ville', title: { fr: 'Premier jeu' } };
    assert.equal((await call(app, 'POST', '/api/v1/datasets', { token, body })).status, 403);
    await call(app, 'PUT', '/api/v1/organizations/ville/members/nouvelle', {
      token: orgAdmin.token,
      body: { role: 'editor' },
    });
    assert.equal((await call(app, 'POST', '/api/v1/datasets', { token, body })).status, 201);
  });
});
