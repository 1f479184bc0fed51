/**
 * Guessing passwords: failures count per account (whatever name or email is typed), per client
 * and per account and client; a stranger cannot lock the owner out; an unknown account costs
 * the same check as a real one.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import module from 'node:module';
import { after, before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { seedUser } from './helpers/fixtures.js';
import { TEST_PASSWORD, WebClient } from './helpers/web-client.js';

const RIGHT = 'un-mot-de-passe-assez-long';

describeEachEngine('sign-in guard', (current) => {
  before(async () => {
    for (const name of ['proprietaire', 'voisine', 'cible', 'troisieme']) await seedUser(current().ctx, name);
  });

  /** POST /api/v1/tokens with HTTP Basic, from a given client address. */
  const tokenFrom = async (client: string, login: string, password: string) => {
    const reply = await current().app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      remoteAddress: client,
      headers: {
        authorization: `Basic ${Buffer.from(`${login}:${password}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      payload: { name: 'essai' },
    });
    return reply.statusCode;
  };

  test('failures by name and by email count against the same account', async () => {
    for (let i = 0; i < 5; i++) assert.equal(await tokenFrom('10.0.0.1', 'proprietaire', 'devine'), 401);
    for (let i = 0; i < 5; i++)
      assert.equal(await tokenFrom('10.0.0.1', 'PROPRIETAIRE@quai.test', 'devine'), 401);
    assert.equal(await tokenFrom('10.0.0.1', 'proprietaire@quai.test', RIGHT), 429, 'by email too');
    assert.equal(await tokenFrom('10.0.0.1', 'proprietaire', RIGHT), 429, 'and by name');
    // A stranger's guesses hold back the stranger's address only: the owner signs in elsewhere.
    assert.equal(await tokenFrom('10.0.0.2', 'proprietaire', RIGHT), 201);
  });

  test('one client guessing across many accounts is held back, other clients are not', async () => {
    const { ctx } = current();
    // 49 failures already from this address, each for another (unknown) account.
    for (let i = 0; i < 49; i++) {
      await ctx.db.query(
        "INSERT INTO accounts.sign_in_failures (account, client, trusted) VALUES ($1, '10.0.0.9', false)",
        [`?inconnu${i}`],
      );
    }
    assert.equal(await tokenFrom('10.0.0.9', 'voisine', 'devine'), 401, 'the fiftieth is checked');
    assert.equal(await tokenFrom('10.0.0.9', 'voisine', RIGHT), 429, 'then this address waits');
    assert.equal(await tokenFrom('10.0.0.10', 'voisine', RIGHT), 201);
  });

  test('a hundred guesses an hour from anywhere hold back strangers, never the browser of the owner', async () => {
    const { ctx, app } = current();
    // The owner signs in once in a browser, which keeps a device cookie.
    const owner = new WebClient(app);
    await owner.signIn('cible', TEST_PASSWORD);
    assert.ok(owner.cookie('quai_device'), 'a device cookie');
    await owner.post('/fr/deconnexion', {});
    // A hundred failures from a hundred addresses (a botnet).
    const [user] = await ctx.db.query<{ id: string }>("SELECT id FROM accounts.users WHERE name = 'cible'");
    for (let i = 0; i < 100; i++) {
      await ctx.db.query(
        'INSERT INTO accounts.sign_in_failures (account, client, trusted) VALUES ($1, $2, false)',
        [user?.id, `192.0.2.${i}`],
      );
    }
    assert.equal(await tokenFrom('198.51.100.1', 'cible', RIGHT), 429, 'a new stranger waits');
    const signedIn = await owner.signIn('cible', TEST_PASSWORD);
    assert.equal(signedIn.status, 303, 'the owner, from a browser that signed in before, gets in');
    // A forged device cookie is worth nothing.
    const forger = new WebClient(app);
    forger.setCookie('quai_device', `${user?.id}.${'A'.repeat(43)}`);
    await forger.get('/fr/connexion');
    const forged = await forger.post('/fr/connexion', { login: 'cible', password: TEST_PASSWORD });
    assert.equal(forged.status, 429);
  });

  test('an unknown account costs the same password check as a real one', async () => {
    const calls: number[] = [];
    const original = crypto.scrypt;
    (crypto as { scrypt: unknown }).scrypt = (...args: unknown[]) => {
      calls.push((args[3] as { N: number }).N);
      return (original as (...a: unknown[]) => void)(...args);
    };
    module.syncBuiltinESMExports();
    after(() => {
      (crypto as { scrypt: unknown }).scrypt = original;
      module.syncBuiltinESMExports();
    });
    assert.equal(await tokenFrom('10.1.0.1', 'personne-de-ce-nom', 'devine'), 401);
    calls.length = 0;
    assert.equal(await tokenFrom('10.1.0.1', 'personne-de-ce-nom', 'devine'), 401);
    const unknown = [...calls];
    calls.length = 0;
    assert.equal(await tokenFrom('10.1.0.1', 'troisieme', 'devine'), 401);
    assert.deepEqual(unknown, calls, 'the same scrypt work');
    assert.deepEqual(calls, [2 ** 15]);
  });
});
