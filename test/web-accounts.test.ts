/**
 * Accounts for the public on the portal's pages (French and English): sign up through the form,
 * the confirmation link (opening it confirms nothing; its button does), a forgotten password, the
 * workspace's reminder to confirm, erasing one's account. Messages read from the outbox (no SMTP).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { WebClient } from './helpers/web-client.js';

const PASSWORD = 'une phrase de passe assez longue';

describeEachEngine('web accounts', (current) => {
  const lastMail = async (to: string) => {
    const [message] = await current().ctx.mail.outbox({ to, limit: 1, offset: 0 });
    assert.ok(message, `no message to ${to}`);
    return message;
  };
  const pathIn = (text: string, prefix: string) => {
    const found = text.match(new RegExp(`http://quai\\.test(${prefix}/[A-Za-z0-9_-]+)`));
    assert.ok(found?.[1], `no link ${prefix} in ${text}`);
    return found[1];
  };

  test('sign up in French: field errors named, then the link confirms the address with its button', async () => {
    const browser = new WebClient(current().app);
    const signIn = await browser.get('/fr/connexion');
    assert.match(signIn.body, /href="\/fr\/inscription"/);
    assert.match(signIn.body, /href="\/fr\/mot-de-passe-oublie"/);

    const form = await browser.get('/fr/inscription');
    assert.equal(form.status, 200);
    assert.match(form.body, /<h1>Créer un compte<\/h1>/);
    assert.match(form.body, /autocomplete="new-password"/);
    const bad = await browser.post('/fr/inscription', {
      name: 'Élise T',
      email: 'pas une adresse',
      password: 'court',
      fullname: '',
      website: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /<title>Erreur : Créer un compte/);
    for (const field of ['name', 'email', 'password'])
      assert.match(bad.body, new RegExp(`href="#champ-${field}"`));
    assert.match(bad.body, /value="pas une adresse"/, 'what was typed is kept');

    const sent = await browser.post('/fr/inscription', {
      name: 'elise',
      email: 'elise@exemple.qc.ca',
      password: PASSWORD,
      fullname: 'Élise Tremblay',
      website: '',
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, '/fr/inscription/verifiez-vos-courriels');
    const checkMail = await browser.get(sent.location as string);
    assert.match(checkMail.body, /Vérifiez vos courriels/);

    const message = await lastMail('elise@exemple.qc.ca');
    assert.equal(message.state, 'kept');
    const link = pathIn(message.text, '/fr/compte/confirmer');
    const user = await current().ctx.accounts.requireUser('elise');
    const opened = await browser.get(link);
    assert.equal(opened.status, 200);
    assert.equal(opened.headers['cache-control'], 'no-store');
    assert.equal(opened.headers['referrer-policy'], 'no-referrer');
    assert.equal(await current().ctx.community.accounts.verified(user.id), false, 'opening confirms nothing');

    // Signed in before confirming: the workspace says so and offers the link again.
    await browser.signIn('elise', PASSWORD);
    const workspace = await browser.get('/fr/espace');
    assert.match(workspace.body, /n’est pas encore confirmée/);
    const resent = await browser.post('/fr/espace/renvoyer-le-lien', {});
    assert.equal(resent.status, 303);
    const newer = pathIn((await lastMail('elise@exemple.qc.ca')).text, '/fr/compte/confirmer');
    assert.notEqual(newer, link);

    await browser.get(newer);
    const confirmed = await browser.post(newer, {});
    assert.equal(confirmed.status, 303);
    assert.equal(await current().ctx.community.accounts.verified(user.id), true);
    const after = await browser.get('/fr/espace');
    assert.match(after.body, /Votre adresse est confirmée/);
    assert.doesNotMatch(after.body, /n’est pas encore confirmée/);

    await browser.get(newer);
    const again = await browser.post(newer, {});
    assert.equal(again.status, 410);
    assert.match(again.body, /expiré ou a déjà servi/);
  });

  test('in English, a forgotten password: the same page whatever the address, the link sets a new password', async () => {
    await current().ctx.community.accounts.signUp(
      { name: 'frank', email: 'frank@example.ca', fullname: null, password: PASSWORD },
      '10.9.0.1',
    );
    const browser = new WebClient(current().app);
    const form = await browser.get('/en/forgot-password');
    assert.match(form.body, /<h1>Forgotten password<\/h1>/);
    const empty = await browser.post('/en/forgot-password', { email: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /This field is required/);
    const unknown = await browser.post('/en/forgot-password', { email: 'nobody@example.ca' });
    await browser.get('/en/forgot-password');
    const known = await browser.post('/en/forgot-password', { email: 'FRANK@example.ca' });
    assert.equal(unknown.status, 303);
    assert.equal(known.location, unknown.location);

    const message = await lastMail('frank@example.ca');
    assert.equal(message.kind, 'account.reset');
    const link = pathIn(message.text, '/fr/mot-de-passe');
    const page = await browser.get(link);
    assert.match(page.body, /frank/);
    const set = await browser.post(link, {
      password: 'a brand new passphrase',
      confirmation: 'a brand new passphrase',
    });
    assert.equal(set.status, 303);
    const signedIn = new WebClient(current().app);
    await signedIn.signIn('frank', 'a brand new passphrase', 'en');
  });

  test('erasing one’s account from the workspace: the password asked again, then signed out and gone', async () => {
    await current().ctx.community.accounts.signUp(
      { name: 'gilles', email: 'gilles@example.ca', fullname: 'Gilles V', password: PASSWORD },
      '10.9.0.2',
    );
    const browser = new WebClient(current().app);
    await browser.signIn('gilles', PASSWORD);
    const workspace = await browser.get('/fr/espace');
    assert.match(workspace.body, /href="\/fr\/espace\/supprimer-mon-compte"/);
    const page = await browser.get('/fr/espace/supprimer-mon-compte');
    assert.match(page.body, /C’est définitif/);
    const wrong = await browser.post('/fr/espace/supprimer-mon-compte', { password: 'pas le bon' });
    assert.equal(wrong.status, 422);
    assert.match(wrong.body, /href="#champ-password"/);
    await browser.get('/fr/espace/supprimer-mon-compte');
    const done = await browser.post('/fr/espace/supprimer-mon-compte', { password: PASSWORD });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/fr');
    const home = await browser.get('/fr');
    assert.match(home.body, /Votre compte est supprimé/);
    assert.equal((await browser.get('/fr/espace')).status, 303, 'signed out');
    assert.equal(await current().ctx.accounts.findUser('gilles'), null);
    assert.deepEqual(await current().ctx.mail.outbox({ to: 'gilles@example.ca', limit: 5, offset: 0 }), []);
    const anonymous = await new WebClient(current().app).get('/fr/espace/supprimer-mon-compte');
    assert.equal(anonymous.status, 303);
  });
});
