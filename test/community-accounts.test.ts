/**
 * Accounts for the public, with a real SMTP server on loopback: sign up, confirm the address by
 * the link mailed, an address already used told by mail (not to the caller), a forgotten password
 * reset by mail, erasing one's account and what was mailed to it; bad input named field by field;
 * a robot's honeypot; sign-ups per client bounded; a server that refuses at first retried. Without
 * SMTP, messages stay in the outbox the administrator reads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestApp, TEST_BASE_URL, type TestApp } from './helpers/app.js';
import { enginesUnderTest } from './helpers/database.js';
import { type Caller, call, seedUser } from './helpers/fixtures.js';
import { linkIn, startSmtpServer } from './helpers/smtp.js';

const json = { 'content-type': 'application/json' };
const PASSWORD = 'une phrase de passe assez longue';

for (const engine of enginesUnderTest()) {
  describe(`public accounts with SMTP [${engine}]`, () => {
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let current: TestApp;
    let client = 0;
    /** Each test from its own client address (sign-ups are counted per client). */
    const post = (url: string, body: unknown, options: { token?: string; from?: string } = {}) =>
      current.app
        .inject({
          method: 'POST',
          url,
          headers: { ...json, ...(options.token ? { authorization: options.token } : {}) },
          payload: JSON.stringify(body),
          remoteAddress: options.from ?? `10.0.0.${++client}`,
        })
        .then((reply) => ({ status: reply.statusCode, json: reply.body ? JSON.parse(reply.body) : null }));
    const tokenOf = (link: string) => link.split('/').at(-1) as string;
    const basic = (name: string, password: string) =>
      `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
    const signIn = (name: string, password: string) =>
      call(current.app, 'POST', '/api/v1/tokens', {
        body: JSON.stringify({ name: 'essai' }),
        headers: { ...json, authorization: basic(name, password) },
      });

    before(async () => {
      smtp = await startSmtpServer({ failFirst: 1 });
      current = await startTestApp(engine, { SMTP_URL: smtp.url, SIGN_UP_RATE_LIMIT: '3' });
    });
    after(async () => {
      await current?.close();
      await smtp?.close();
    });

    test('sign up, confirm the address by the link mailed (a refusing server retried), then sign in', async () => {
      const signUp = await post('/api/v1/account/sign-up', {
        name: 'camille',
        email: 'Camille@Exemple.qc.ca',
        fullname: 'Camille Tremblay',
        password: PASSWORD,
      });
      assert.equal(signUp.status, 202, JSON.stringify(signUp.json));
      // The first attempt was refused (451): the delivery job tried again.
      const mail = await smtp.next('camille@exemple.qc.ca');
      assert.ok(smtp.attempts() >= 2);
      assert.match(mail.subject, /Confirmez votre adresse/);
      assert.match(mail.text, /Bonjour camille/);
      assert.match(mail.text, /Hello camille/);
      const link = linkIn(mail.text, `${TEST_BASE_URL}/fr/compte/confirmer`);

      const user = await current.ctx.accounts.findUser('camille');
      assert.ok(user);
      assert.equal(await current.ctx.community.accounts.verified(user.id), false);
      const verified = await post('/api/v1/account/verify', { token: tokenOf(link) });
      assert.equal(verified.status, 200, JSON.stringify(verified.json));
      assert.equal(verified.json.name, 'camille');
      assert.equal(await current.ctx.community.accounts.verified(user.id), true);
      const again = await post('/api/v1/account/verify', { token: tokenOf(link) });
      assert.equal(again.status, 422);
      assert.deepEqual(
        again.json.errors.map((error: { field: string }) => error.field),
        ['token'],
      );
      assert.equal((await signIn('camille', PASSWORD)).status, 201);

      const [sent] = await current.ctx.mail.outbox({ to: 'camille@exemple.qc.ca', limit: 5, offset: 0 });
      assert.equal(sent?.state, 'sent');
      assert.equal(sent?.attempts, 2);
    });

    test('an address already used: the same answer, and its owner is told by mail with a reset link', async () => {
      await seedUser(current.ctx, 'dominique');
      const reply = await post('/api/v1/account/sign-up', {
        name: 'quelquun-dautre',
        email: 'DOMINIQUE@quai.test',
        password: PASSWORD,
      });
      const fresh = await post('/api/v1/account/sign-up', {
        name: 'quelquun-de-nouveau',
        email: 'nouveau@quai.test',
        password: PASSWORD,
      });
      assert.equal(reply.status, 202);
      assert.deepEqual(reply.json, fresh.json, 'no telling which address has an account');
      assert.equal(await current.ctx.accounts.findUser('quelquun-dautre'), null);
      const mail = await smtp.next('dominique@quai.test');
      assert.match(mail.text, /appartient déjà au compte « dominique »/);
      const link = linkIn(mail.text, `${TEST_BASE_URL}/fr/mot-de-passe`);
      assert.ok(await current.ctx.accounts.passwordLinks.check(tokenOf(link)));
    });

    test('bad input is refused field by field; a taken name is named; a robot filling the hidden field creates nothing', async () => {
      const bad = await post('/api/v1/account/sign-up', {
        name: 'A b',
        email: 'pas-une-adresse',
        password: 'court',
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.json.errors.map((error: { field: string }) => error.field).sort(), [
        'email',
        'name',
        'password',
      ]);
      const english = await current.app.inject({
        method: 'POST',
        url: '/api/v1/account/sign-up',
        headers: { ...json, 'accept-language': 'en' },
        payload: JSON.stringify({ name: 'x-y-z', email: 'x@quai.test', password: 'short' }),
        remoteAddress: '10.1.0.1',
      });
      assert.match(english.body, /at least 12/);
      const missing = await post('/api/v1/account/sign-up', { name: 'sans-adresse', password: PASSWORD });
      assert.equal(missing.status, 422);
      assert.deepEqual(
        missing.json.errors.map((error: { field: string }) => error.field),
        ['email'],
      );

      await seedUser(current.ctx, 'prise');
      const taken = await post('/api/v1/account/sign-up', {
        name: 'prise',
        email: 'autre@quai.test',
        password: PASSWORD,
      });
      assert.equal(taken.status, 422);
      assert.deepEqual(
        taken.json.errors.map((error: { field: string }) => error.field),
        ['name'],
      );

      const robot = await post('/api/v1/account/sign-up', {
        name: 'robot',
        email: 'robot@quai.test',
        password: PASSWORD,
        website: 'https://spam.example',
      });
      assert.equal(robot.status, 202);
      assert.equal(await current.ctx.accounts.findUser('robot'), null);
    });

    test('sign-ups per client are bounded (429), other clients unaffected', async () => {
      const from = '10.2.0.1';
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (
            await post(
              '/api/v1/account/sign-up',
              { name: `serie-${i}`, email: `serie-${i}@quai.test`, password: PASSWORD },
              { from },
            )
          ).status,
        );
      }
      assert.deepEqual(statuses, [202, 202, 202, 429]);
      const other = await post('/api/v1/account/sign-up', {
        name: 'serie-autre',
        email: 'serie-autre@quai.test',
        password: PASSWORD,
      });
      assert.equal(other.status, 202);
    });

    test('a forgotten password: the link mailed sets a new one and ends the old sessions; unknown addresses get the same answer and no mail', async () => {
      await seedUser(current.ctx, 'frederique');
      const owner = await current.ctx.accounts.requireUser('frederique');
      const before = (await current.ctx.mail.outbox({ to: null, limit: 200, offset: 0 })).length;
      const unknown = await post('/api/v1/account/password-reset', { email: 'personne@quai.test' });
      assert.equal(unknown.status, 202);
      assert.equal((await current.ctx.mail.outbox({ to: null, limit: 200, offset: 0 })).length, before);

      const asked = await post('/api/v1/account/password-reset', { email: 'Frederique@quai.test' });
      assert.equal(asked.status, 202);
      assert.deepEqual(asked.json, unknown.json);
      const mail = await smtp.next('frederique@quai.test');
      assert.match(mail.subject, /nouveau mot de passe/);
      const token = tokenOf(linkIn(mail.text, `${TEST_BASE_URL}/fr/mot-de-passe`));
      const session = await current.ctx.accounts.sessions.start(owner.id);
      assert.ok(await current.ctx.accounts.sessions.resolve(session));
      await current.ctx.accounts.passwordLinks.use(
        token,
        'un tout nouveau mot de passe',
        'un tout nouveau mot de passe',
      );
      assert.equal(await current.ctx.accounts.sessions.resolve(session), null, 'old sessions end');
      assert.equal((await signIn('frederique', 'un tout nouveau mot de passe')).status, 201);
      assert.equal((await signIn('frederique', 'un-mot-de-passe-assez-long')).status, 401);
      assert.equal(await current.ctx.accounts.passwordLinks.check(token), null, 'once');
    });

    test('erasing one’s account: its password asked again, then its personal data and mail are gone', async () => {
      const signUp = await post('/api/v1/account/sign-up', {
        name: 'gabrielle',
        email: 'gabrielle@quai.test',
        fullname: 'Gabrielle Roy',
        password: PASSWORD,
      });
      assert.equal(signUp.status, 202);
      await smtp.next('gabrielle@quai.test');
      const token = (await signIn('gabrielle', PASSWORD)).json.token as string;

      const anonymous = await post('/api/v1/account/delete', { password: PASSWORD });
      assert.equal(anonymous.status, 401);
      const wrong = await post('/api/v1/account/delete', { password: 'pas le bon mot de passe' }, { token });
      assert.equal(wrong.status, 422);
      assert.deepEqual(
        wrong.json.errors.map((error: { field: string }) => error.field),
        ['password'],
      );
      const user = await current.ctx.accounts.findUser('gabrielle');
      assert.ok(user);
      const erased = await post('/api/v1/account/delete', { password: PASSWORD }, { token });
      assert.equal(erased.status, 204, JSON.stringify(erased.json));

      assert.equal(await current.ctx.accounts.findUser('gabrielle'), null);
      assert.equal((await signIn('gabrielle', PASSWORD)).status, 401);
      assert.equal((await call(current.app, 'GET', '/api/v1/users/me', { token })).status, 401);
      const rows = await current.ctx.db.query<Record<string, unknown>>(
        'SELECT name, fullname, email, about, password_hash, state FROM accounts.users WHERE id = $1',
        [user.id],
      );
      assert.deepEqual(rows, [
        {
          name: `supprime-${user.id.slice(0, 8)}`,
          fullname: null,
          email: null,
          about: null,
          password_hash: null,
          state: 'deleted',
        },
      ]);
      assert.deepEqual(await current.ctx.mail.outbox({ to: 'gabrielle@quai.test', limit: 5, offset: 0 }), []);
      // The name is free again; the address too.
      const reused = await post('/api/v1/account/sign-up', {
        name: 'gabrielle',
        email: 'gabrielle@quai.test',
        password: PASSWORD,
      });
      assert.equal(reused.status, 202);
      assert.ok(await current.ctx.accounts.findUser('gabrielle'));
    });
  });
}

describe('without SMTP, mail stays in the outbox the administrator reads', () => {
  let current: TestApp;
  let admin: Caller;
  let someone: Caller;
  before(async () => {
    current = await startTestApp('pglite');
    admin = await seedUser(current.ctx, 'admin', { sysadmin: true });
    someone = await seedUser(current.ctx, 'quelquun');
  });
  after(async () => {
    await current?.close();
  });

  test('a sign-up’s message is kept; only sysadmins read the outbox', async () => {
    const reply = await call(current.app, 'POST', '/api/v1/account/sign-up', {
      body: JSON.stringify({ name: 'hugo', email: 'hugo@quai.test', password: PASSWORD }),
      headers: json,
    });
    assert.equal(reply.status, 202);
    const outbox = await call(current.app, 'GET', '/api/v1/mail/outbox?to=hugo@quai.test', {
      token: admin.token,
    });
    assert.equal(outbox.status, 200, outbox.body);
    assert.equal(outbox.json.delivers, false);
    assert.equal(outbox.json.messages.length, 1);
    assert.equal(outbox.json.messages[0].state, 'kept');
    assert.equal(outbox.json.messages[0].kind, 'account.verify');
    assert.match(outbox.json.messages[0].text, /\/fr\/compte\/confirmer\//);
    assert.equal((await call(current.app, 'GET', '/api/v1/mail/outbox')).status, 403);
    assert.equal(
      (await call(current.app, 'GET', '/api/v1/mail/outbox', { token: someone.token })).status,
      403,
    );
  });
});
