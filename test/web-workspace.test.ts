import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import type { Group } from '../src/modules/catalog/index.js';
import { describeEachEngine } from './helpers/app.js';
import { call, seedOrganization, seedTheme, seedUser } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

/** Every file in the blob store, to prove that a refused request stored nothing. */
async function storedBlobs(dataDir: string): Promise<string[]> {
  const root = path.join(dataDir, 'blobs', 'sha256');
  const found: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) await walk(full);
      else found.push(entry.name);
    }
  };
  await walk(root);
  return found.sort();
}

describeEachEngine('the publisher’s workspace', (current) => {
  let city: Group;

  before(async () => {
    const { ctx } = current();
    city = await seedOrganization(ctx, 'ville', 'Ville');
    const other = await seedOrganization(ctx, 'autre', 'Autre');
    await seedTheme(ctx, 'transport', 'Transport');
    await seedUser(ctx, 'editrice', { roles: [[city, 'editor']] });
    await seedUser(ctx, 'admin-ville', { roles: [[city, 'admin']] });
    await seedUser(ctx, 'lecteur', { roles: [[city, 'member']] });
    await seedUser(ctx, 'etranger', { roles: [[other, 'editor']] });
  });

  test('workspace pages send visitors to sign in, and back once signed in', async () => {
    const web = new WebClient(current().app);
    const page = await web.get('/fr/espace/jetons');
    assert.equal(page.status, 303);
    assert.equal(page.location, '/fr/connexion?next=%2Ffr%2Fespace%2Fjetons');
    await web.get(page.location ?? '');
    const signedIn = await web.post('/fr/connexion', {
      login: 'editrice',
      password: 'un-mot-de-passe-assez-long',
      next: '/fr/espace/jetons',
    });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.location, '/fr/espace/jetons');
    assert.equal((await web.get('/fr/espace/jetons')).status, 200);
  });

  test('a wrong password is refused with a message, the login kept, and no session', async () => {
    const web = new WebClient(current().app);
    await web.get('/en/sign-in');
    const refused = await web.post('/en/sign-in', { login: 'editrice', password: 'wrong password' });
    assert.equal(refused.status, 401);
    assert.match(refused.body, /role="alert"/);
    assert.match(refused.body, /The user name or the password is wrong\./);
    assert.match(
      refused.body,
      /id="login" name="login" type="text" autocomplete="username"[^>]*value="editrice"/,
    );
    assert.equal(web.cookie('quai_session'), undefined);
    // Only paths of this site are followed after sign-in.
    const away = await web.post('/en/sign-in', {
      login: 'editrice',
      password: 'un-mot-de-passe-assez-long',
      next: '//evil.example/',
    });
    assert.equal(away.location, '/en/workspace');
  });

  test('the session cookie is HttpOnly and SameSite; signing out ends it on the server', async () => {
    const { app } = current();
    const web = new WebClient(app);
    await web.get('/fr/connexion');
    const csrfBefore = web.cookie('quai_csrf');
    const signedIn = await web.post('/fr/connexion', {
      login: 'editrice',
      password: 'un-mot-de-passe-assez-long',
    });
    const setCookie = [signedIn.headers['set-cookie']].flat().join('\n');
    assert.match(setCookie, /quai_session=[^;]+;.*HttpOnly/);
    assert.match(setCookie, /quai_session=[^;]+;.*SameSite=Lax/);
    assert.notEqual(web.cookie('quai_csrf'), csrfBefore, 'the CSRF token changes at sign-in');
    const session = web.cookie('quai_session') ?? '';
    const workspace = await web.get('/fr/espace');
    assert.match(workspace.body, /Connecté en tant que editrice/);
    await web.post('/fr/deconnexion', {});
    assert.equal(web.cookie('quai_session'), undefined);
    // The old cookie is worth nothing now.
    const replay = new WebClient(app);
    replay.setCookie('quai_session', session);
    assert.equal((await replay.get('/fr/espace')).status, 303);
  });

  test('the CSRF token is bound to the session: a forged cookie and field do nothing with a victim’s session', async () => {
    const { app, ctx } = current();
    const victim = new WebClient(app);
    await victim.signIn('editrice');
    await victim.get('/fr/espace/nouveau-jeu-de-donnees');
    // Another site tosses a cookie of its choosing and submits the same value in the form.
    victim.setCookie('quai_csrf', 'jeton-force-par-un-autre-site');
    const fields = { title_fr: 'Jeu forgé deux', owner_org: city.id, visibility: 'public', state: 'active' };
    const forged = await victim.post('/fr/espace/nouveau-jeu-de-donnees', fields, {
      csrf: 'jeton-force-par-un-autre-site',
    });
    assert.equal(forged.status, 403);
    assert.equal(await ctx.catalog.datasets.get(SYSTEM, 'jeu-forge-deux').catch(() => null), null);
    // The page's own token still works.
    await victim.get('/fr/espace/nouveau-jeu-de-donnees');
    const genuine = await victim.post('/fr/espace/nouveau-jeu-de-donnees', fields);
    assert.equal(genuine.status, 303, genuine.body.slice(0, 300));
  });

  test('a form without its CSRF token, or with another browser’s, changes nothing', async () => {
    const { app, ctx } = current();
    const web = new WebClient(app);
    await web.signIn('editrice');
    await web.get('/fr/espace/nouveau-jeu-de-donnees');
    const fields = { title_fr: 'Jeu forgé', owner_org: city.id, visibility: 'public', state: 'active' };
    const missing = await web.post('/fr/espace/nouveau-jeu-de-donnees', fields, { csrf: null });
    assert.equal(missing.status, 403);
    assert.match(missing.body, /Formulaire expiré/);
    const stranger = new WebClient(app);
    await stranger.get('/fr');
    const forged = await web.post('/fr/espace/nouveau-jeu-de-donnees', fields, {
      csrf: stranger.cookie('quai_csrf') ?? 'x',
    });
    assert.equal(forged.status, 403);
    assert.equal(await ctx.catalog.datasets.get(SYSTEM, 'jeu-forge').catch(() => null), null);
    // The session cookie alone does not write through the APIs either.
    const api = await web.request({
      method: 'POST',
      url: '/api/3/action/package_create',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'par-cookie', owner_org: 'ville' }),
    });
    assert.equal(api.status, 403);
  });

  test('the dataset form shows errors next to fields and in a summary, and keeps what was typed', async () => {
    const web = new WebClient(current().app);
    await web.signIn('editrice');
    const form = await web.get('/fr/espace/nouveau-jeu-de-donnees');
    assert.equal(form.status, 200);
    // Only the organisations where the editor may publish are offered.
    assert.match(form.body, new RegExp(`<option value="${city.id}" selected>Ville</option>`));
    assert.doesNotMatch(form.body, />Autre</);
    const refused = await web.post('/fr/espace/nouveau-jeu-de-donnees', {
      title_fr: '',
      notes_fr: 'Une description gardée',
      owner_org: city.id,
      maintainer_email: 'pas-un-courriel',
      visibility: 'public',
      state: 'draft',
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /<title>Erreur : Nouveau jeu de données/);
    assert.match(refused.body, /class="quai-error-summary" role="alert" tabindex="-1" autofocus/);
    assert.match(
      refused.body,
      /<a href="#champ-title_fr">Titre en français : Ce champ est obligatoire\.<\/a>/,
    );
    assert.match(
      refused.body,
      /id="champ-title_fr" name="title_fr" type="text" value required aria-describedby="champ-title_fr-erreur" aria-invalid="true"/,
    );
    assert.match(refused.body, />Une description gardée<\/textarea>/);
    // Once the title is there, the service's own checks show next to their field.
    const second = await web.post('/fr/espace/nouveau-jeu-de-donnees', {
      title_fr: 'Comptages de vélos',
      owner_org: city.id,
      maintainer_email: 'pas-un-courriel',
      visibility: 'public',
      state: 'draft',
    });
    assert.equal(second.status, 422);
    assert.match(second.body, /<a href="#champ-maintainer_email">Courriel de contact : /);
    assert.match(second.body, /id="champ-maintainer_email-erreur"/);
    assert.match(second.body, /value="Comptages de vélos"/);
  });

  test('create a draft, add a file and a link, publish: everything a publisher does', async () => {
    const { app, dataDir } = current();
    const web = new WebClient(app);
    await web.signIn('editrice');
    await web.get('/fr/espace/nouveau-jeu-de-donnees');
    const created = await web.post('/fr/espace/nouveau-jeu-de-donnees', {
      title_fr: 'Comptages de vélos',
      title_en: 'Bicycle counts',
      notes_fr: 'Passages **par heure**.',
      owner_org: city.id,
      license_id: 'cc-by',
      update_frequency: 'monthly',
      time_coverage_start: '2025-01-01',
      url: 'www.ville.example/velo',
      tags: 'vélo, mobilité',
      groups: ['transport'],
      languages: ['fr', 'en'],
      visibility: 'public',
      state: 'draft',
    });
    assert.equal(created.status, 303);
    assert.equal(created.location, '/fr/jeux-de-donnees/comptages-de-velos');
    const draft = await web.get('/fr/jeux-de-donnees/comptages-de-velos');
    assert.match(draft.body, /Le jeu de données est créé\./);
    assert.match(draft.body, /quai-badge-draft/);
    assert.match(draft.body, /href="https:\/\/www\.ville\.example\/velo"/, 'www… becomes https://www…');
    // The heading is the title alone (the badge is not read into it); a draft is not « Publié ».
    assert.match(draft.body, /<h1>Comptages de vélos<\/h1>/);
    assert.match(draft.body, /Brouillon créé le/);
    assert.doesNotMatch(draft.body, /Publié le/);
    // In lists, a pause is said between the title and the badge.
    const workspace = await web.get('/fr/espace');
    assert.match(
      workspace.body,
      /Comptages de vélos<\/a> <span class="quai-visually-hidden">, <\/span><span class="quai-badge quai-badge-draft">Brouillon<\/span>/,
    );
    assert.equal(
      (await new WebClient(app).get('/fr/jeux-de-donnees/comptages-de-velos')).status,
      404,
      'a draft is not public',
    );

    const before = await storedBlobs(dataDir);
    await web.get('/fr/jeux-de-donnees/comptages-de-velos/ajouter-une-ressource');
    const forged = await web.postMultipart(
      '/fr/jeux-de-donnees/comptages-de-velos/ajouter-une-ressource',
      { kind: 'upload' },
      { field: 'file', filename: 'x.csv', content: 'a,b\n' },
      { csrf: 'wrong' },
    );
    assert.equal(forged.status, 403);
    assert.deepEqual(await storedBlobs(dataDir), before, 'a forged upload stores nothing');

    const noFile = await web.postMultipart(
      '/fr/jeux-de-donnees/comptages-de-velos/ajouter-une-ressource',
      { kind: 'upload', name_fr: 'Gardé' },
      { field: 'file', filename: '', content: '' },
    );
    assert.equal(noFile.status, 422);
    assert.match(noFile.body, /Choisissez un fichier à téléverser\./);
    assert.match(noFile.body, /value="Gardé"/);

    const uploaded = await web.postMultipart(
      '/fr/jeux-de-donnees/comptages-de-velos/ajouter-une-ressource',
      { kind: 'upload', name_fr: 'Comptages 2025', format: '' },
      { field: 'file', filename: 'comptages-2025.csv', content: 'heure,passages\n8,120\n', type: 'text/csv' },
    );
    assert.equal(uploaded.status, 303);
    const link = await web.postMultipart(
      '/fr/jeux-de-donnees/comptages-de-velos/ajouter-une-ressource',
      // Typed as people type it: the address is taken as https.
      { kind: 'link', url: 'example.org/compteurs', name_fr: 'Carte des compteurs' },
      null,
    );
    assert.equal(link.status, 303);
    const page = await web.get('/fr/jeux-de-donnees/comptages-de-velos');
    assert.match(page.body, /aria-label="Télécharger Comptages 2025 \(CSV, 21 octets\)"/);
    assert.match(
      page.body,
      /href="https:\/\/example.org\/compteurs" aria-label="Ouvrir le lien vers Carte des compteurs \(site externe\)"/,
    );

    const published = await web.post('/fr/jeux-de-donnees/comptages-de-velos/publier', {});
    assert.equal(published.status, 303);
    const visitor = await new WebClient(app).get('/en/datasets/comptages-de-velos');
    assert.equal(visitor.status, 200);
    assert.match(visitor.body, /<h1>Bicycle counts<\/h1>/);
    assert.match(visitor.body, /made public|changed: state|changed:/);
    const download = /href="(\/dataset\/[^"]+\/download\/comptages-2025.csv)"/.exec(visitor.body)?.[1] ?? '';
    const file = await call(app, 'GET', download);
    assert.equal(file.body, 'heure,passages\n8,120\n');
  });

  test('edit a dataset: the form starts from its values and saving changes only what changed', async () => {
    const web = new WebClient(current().app);
    await web.signIn('editrice');
    await web.createDataset({
      title_fr: 'Arrêts',
      name: 'arrets',
      owner_org: city.id,
      tags: 'bus',
      visibility: 'private',
    });
    const form = await web.get('/fr/jeux-de-donnees/arrets/modifier');
    assert.match(form.body, /name="tags" type="text" value="bus"/);
    assert.match(form.body, /id="champ-visibility-1" name="visibility" value="private" checked/);
    const saved = await web.post('/fr/jeux-de-donnees/arrets/modifier', {
      title_fr: 'Arrêts de bus',
      name: 'arrets-bus',
      owner_org: city.id,
      tags: 'bus, transport',
      visibility: 'public',
    });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/fr/jeux-de-donnees/arrets-bus');
    const page = await web.get('/fr/jeux-de-donnees/arrets-bus');
    assert.match(page.body, /Les modifications sont enregistrées\./);
    assert.match(page.body, /a modifié : /);
    // Someone from another organisation may not edit it (a draft: not even shown to them).
    const stranger = new WebClient(current().app);
    await stranger.signIn('etranger');
    assert.equal((await stranger.get('/fr/jeux-de-donnees/arrets-bus/modifier')).status, 404);
  });

  test('signed-in members see their organisation’s private datasets and drafts; others do not', async () => {
    const { app } = current();
    const editor = new WebClient(app);
    await editor.signIn('editrice');
    await editor.createDataset({
      title_fr: 'Paie interne',
      name: 'paie',
      notes_fr: 'La paie du personnel.',
      owner_org: city.id,
      visibility: 'private',
    });
    await editor.get('/fr/jeux-de-donnees/paie/ajouter-une-ressource');
    await editor.postMultipart(
      '/fr/jeux-de-donnees/paie/ajouter-une-ressource',
      { kind: 'link', url: 'https://intranet.example/paie' },
      null,
    );
    await editor.publishDataset('paie');
    const member = new WebClient(app);
    await member.signIn('lecteur');
    assert.equal((await member.get('/fr/jeux-de-donnees/paie')).status, 200);
    assert.match((await member.get('/fr/jeux-de-donnees?q=paie')).body, /Paie interne/);
    assert.match((await editor.get('/fr/espace')).body, /Paie interne/);
    const stranger = new WebClient(app);
    await stranger.signIn('etranger');
    assert.equal((await stranger.get('/fr/jeux-de-donnees/paie')).status, 404);
    assert.doesNotMatch((await stranger.get('/fr/jeux-de-donnees?q=paie')).body, /Paie interne/);
  });

  test('API tokens: created and shown once, listed, revoked', async () => {
    const { app } = current();
    const web = new WebClient(app);
    await web.signIn('editrice');
    await web.get('/en/workspace/tokens');
    const empty = await web.post('/en/workspace/tokens', { action: 'create', name: '' });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /<a href="#champ-name">Token name: /);
    const created = await web.post('/en/workspace/tokens', { action: 'create', name: 'publication script' });
    assert.equal(created.status, 200);
    assert.equal(created.headers['cache-control'], 'no-store');
    const token = /id="nouveau-jeton"[^>]*value="(quai_[^"]+)"/.exec(created.body)?.[1] ?? '';
    assert.ok(token, 'the token is shown');
    assert.equal((await call(app, 'GET', '/api/v1/tokens', { token })).status, 200);
    const listed = await web.get('/en/workspace/tokens');
    assert.doesNotMatch(listed.body, new RegExp(token), 'shown only once');
    const id = /name="token" value="([0-9a-f-]{36})"/.exec(listed.body)?.[1] ?? '';
    assert.match(listed.body, /aria-label="Revoke the token publication script"/);
    const revoked = await web.post('/en/workspace/tokens', { action: 'revoke', token: id });
    assert.equal(revoked.status, 303);
    assert.equal((await call(app, 'GET', '/api/v1/tokens', { token })).status, 401);
  });

  test('organisation admins manage members; members only see the list; others see nothing', async () => {
    const { app } = current();
    const admin = new WebClient(app);
    await admin.signIn('admin-ville');
    const page = await admin.get('/fr/organisations/ville/membres');
    assert.equal(page.status, 200);
    assert.match(page.body, /<caption id="liste-membres">Membres<\/caption>/);
    const unknown = await admin.post('/fr/organisations/ville/membres', {
      action: 'add',
      username: 'personne',
      role: 'editor',
    });
    assert.equal(unknown.status, 422);
    assert.match(
      unknown.body,
      /L&#39;utilisateur personne n&#39;existe pas|L'utilisateur personne n'existe pas/,
    );
    const added = await admin.post('/fr/organisations/ville/membres', {
      action: 'add',
      username: 'etranger',
      role: 'member',
    });
    assert.equal(added.status, 303);
    const changed = await admin.post('/fr/organisations/ville/membres', {
      action: 'role',
      username: 'etranger',
      role: 'editor',
    });
    assert.equal(changed.status, 303);
    assert.match((await admin.get('/fr/organisations/ville/membres')).body, /Les membres sont à jour\./);
    const member = new WebClient(app);
    await member.signIn('lecteur');
    const seen = await member.get('/fr/organisations/ville/membres');
    assert.equal(seen.status, 200);
    assert.doesNotMatch(seen.body, /name="action" value="remove"/);
    const refused = await member.post('/fr/organisations/ville/membres', {
      action: 'remove',
      username: 'etranger',
    });
    assert.equal(refused.status, 403);
    const removed = await admin.post('/fr/organisations/ville/membres', {
      action: 'remove',
      username: 'etranger',
    });
    assert.equal(removed.status, 303);
    const outsider = new WebClient(app);
    await outsider.signIn('etranger');
    assert.equal((await outsider.get('/fr/organisations/ville/membres')).status, 403);
  });
});
