/**
 * Ecosystems and partners who join, on the portal's pages, in French and in English: the list and
 * an ecosystem's page (governance, schemas, members' files with their verdict, the consolidated
 * table; private files shown only to those who may see them); the join form (every error at
 * once, the honeypot, the per-client limit); a request sent through the page, decided on the
 * sysadmins' page, and the new admin's checklist followed through the pages to a published file.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { bromontPermits, loadSchemasDemo } from '../src/demo/schemas.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { builtinSnapshots } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { seedOrganization, seedUser } from './helpers/fixtures.js';
import { granbyPermits, publishPermits } from './helpers/partners.js';
import { until } from './helpers/wait.js';
import { TEST_PASSWORD, WebClient } from './helpers/web-client.js';

/** What a reader sees: tags removed, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const CONSOLIDATED = 'table-consolidee-urbanisme-permis-de-construction';

const JOIN = {
  organizationTitle: 'Ville de Granby',
  kind: 'municipalite',
  municipalityCode: '47017',
  contactName: 'Léa Tremblay',
  contactEmail: 'lea.tremblay@granby.test',
  password: 'un-mot-de-passe-de-granby',
  plans: 'Nos permis de construction, chaque mois.',
  ecosystem: 'urbanisme',
};

describeEachEngine('the ecosystem pages and partners who join', (current) => {
  let permitsResource = '';

  before(async () => {
    const { ctx, app } = current();
    for (const snapshot of await builtinSnapshots())
      await ctx.reference.publishing.publish(snapshot, { by: 'test' });
    await loadSchemasDemo(ctx);
    await seedOrganization(ctx, 'mamh-essai', 'Affaires municipales (essai)');
    const bromont = await seedOrganization(ctx, 'bromont-essai', 'Ville de Bromont (essai)');
    await seedUser(ctx, 'admin-eco', { sysadmin: true });
    const editor = await seedUser(ctx, 'editrice-bromont', { roles: [[bromont, 'editor']] });
    await seedUser(ctx, 'curieux');
    await ctx.schemas.ecosystems.put(SYSTEM, {
      slug: 'urbanisme',
      title: { fr: 'Urbanisme', en: 'Urban planning' },
      purpose: { fr: 'Partager les permis de construction.', en: 'Share building permits.' },
      governance: { fr: 'Le ministère tient le schéma.', en: 'The ministry keeps the schema.' },
      leadOrganization: 'mamh-essai',
      contact: 'urbanisme@quai.test',
    });
    await ctx.schemas.ecosystems.repo.putMember('urbanisme', bromont.id, 'member', 'permis@bromont.test');
    // A public file with three errors, and a private one that only Bromont's members may see.
    const owner = 'bromont-essai';
    permitsResource = await publishPermits(
      app,
      editor.token,
      { name: 'permis-bromont', owner_org: owner },
      bromontPermits(),
    );
    const secret = {
      name: 'permis-bromont-brouillon-interne',
      owner_org: owner,
      private: true,
      title: { fr: 'Permis internes de Bromont' },
    };
    await publishPermits(app, editor.token, secret, bromontPermits());
    await until(async () => {
      const overview = await ctx.schemas.ecosystems.overview(SYSTEM, 'urbanisme');
      return overview.datasets.length === 2 && overview.consolidations[0]?.rows === 120;
    });
  });

  test('the list of ecosystems, in French and in English', async () => {
    const web = new WebClient(current().app);
    const fr = await web.get('/fr/ecosystemes');
    assert.equal(fr.status, 200);
    assert.match(fr.body, /<a href="\/fr\/ecosystemes" aria-current="page">Écosystèmes<\/a>/);
    assert.match(fr.body, /href="\/fr\/ecosystemes\/urbanisme">Urbanisme<\/a>/);
    assert.match(text(fr.body), /Organisation responsable Affaires municipales \(essai\)/);
    assert.match(text(fr.body), /Membres 2/);
    assert.match(fr.body, /href="\/fr\/schemas-de-donnees\/permis-de-construction">Permis de construction/);
    const en = await web.get('/en/ecosystems');
    assert.match(en.body, /href="\/en\/ecosystems\/urbanisme">Urban planning<\/a>/);
    assert.match(text(en.body), /Lead organization Affaires municipales \(essai\)/);
  });

  test('an ecosystem: governance, schemas, members’ files with their verdict, the consolidated table', async () => {
    const web = new WebClient(current().app);
    const fr = await web.get('/fr/ecosystemes/urbanisme');
    assert.equal(fr.status, 200);
    const page = text(fr.body);
    assert.match(page, /Partager les permis de construction\./);
    assert.match(page, /Le ministère tient le schéma\./);
    // The lead first, then the members, with their roles and contacts.
    assert.match(
      page,
      /Affaires municipales \(essai\) Responsable urbanisme@quai\.test .* Ville de Bromont \(essai\) Membre permis@bromont\.test/,
    );
    assert.match(fr.body, /href="\/fr\/organisations\/mamh-essai"/);
    assert.match(fr.body, /href="mailto:permis@bromont\.test"/);
    assert.match(
      fr.body,
      /href="\/fr\/schemas-de-donnees\/permis-de-construction">Permis de construction<\/a> \(dernière version 1\.0\.0\)/,
    );
    // The public file, its verdict in words, linked to its report.
    assert.match(
      fr.body,
      new RegExp(
        `href="/fr/jeux-de-donnees/permis-bromont/ressources/${permitsResource}#conformite"><span class="quai-badge quai-badge-fictitious">3 erreurs</span>`,
      ),
    );
    assert.match(page, /3 erreurs — rapport de validation de « Titre de permis-bromont »/);
    // The consolidated table.
    assert.match(
      page,
      /Table consolidée « Permis de construction » Lignes 120 Fichiers réunis 1 Dernière construction/,
    );
    assert.match(fr.body, new RegExp(`href="/fr/jeux-de-donnees/${CONSOLIDATED}"`));
    assert.match(page, /Aucun fichier écarté\./);
    assert.match(fr.body, /href="\/fr\/rejoindre\?ecosysteme=urbanisme"/);
    const en = text((await web.get('/en/ecosystems/urbanisme')).body);
    assert.match(en, /Share building permits\./);
    assert.match(en, /Affaires municipales \(essai\) Lead urbanisme@quai\.test/);
    assert.match(en, /3 errors — validation report of “Title of permis-bromont”/);
    assert.match(en, /Consolidated table “Building permits” Rows 120 Files brought together 1 Last built/);
    assert.equal((await web.get('/fr/ecosystemes/inconnu')).status, 404);
    assert.equal((await web.get('/en/ecosystems/Nope!')).status, 404);
    // The consolidated table's page exists, with its data.
    assert.equal((await web.get(`/fr/jeux-de-donnees/${CONSOLIDATED}`)).status, 200);
  });

  test('private datasets are never shown to anonymous visitors, only to those who may see them', async () => {
    const { app } = current();
    for (const path of ['/fr/ecosystemes/urbanisme', '/en/ecosystems/urbanisme']) {
      const page = await new WebClient(app).get(path);
      assert.doesNotMatch(page.body, /permis-bromont-brouillon-interne|Permis internes/);
    }
    const stranger = new WebClient(app);
    await stranger.signIn('curieux');
    assert.doesNotMatch((await stranger.get('/fr/ecosystemes/urbanisme')).body, /Permis internes/);
    const member = new WebClient(app);
    await member.signIn('editrice-bromont');
    const seen = await member.get('/fr/ecosystemes/urbanisme');
    assert.match(
      seen.body,
      /href="\/fr\/jeux-de-donnees\/permis-bromont-brouillon-interne">Permis internes de Bromont/,
    );
  });

  test('the join form shows every mistake at once, next to its field, in the page’s language', async () => {
    const web = new WebClient(current().app);
    const form = await web.get('/fr/rejoindre?ecosysteme=urbanisme');
    assert.equal(form.status, 200);
    assert.match(form.body, /<option value="urbanisme" selected/);
    assert.match(form.body, /href="\/fr\/referentiels\/municipalites"/);
    assert.match(text(form.body), /Elle deviendra votre identifiant de connexion\./);
    const bad = {
      organizationTitle: 'G',
      kind: '',
      municipalityCode: '',
      contactName: '',
      contactEmail: 'pas-une-adresse',
      password: 'court',
      plans: 'rien',
      ecosystem: 'urbanisme',
      site_web: '',
    };
    const fr = await web.post('/fr/rejoindre', bad);
    assert.equal(fr.status, 422);
    assert.match(fr.body, /<title>Erreur : Rejoindre le portail — /);
    assert.match(text(fr.body), /Le formulaire contient 6 erreurs/);
    for (const field of ['organizationTitle', 'kind', 'contactName', 'contactEmail', 'password', 'plans'])
      assert.match(fr.body, new RegExp(`<a href="#champ-${field}">`), field);
    assert.match(fr.body, /id="champ-contactEmail-erreur"/);
    assert.match(fr.body, /aria-describedby="champ-contactEmail-aide champ-contactEmail-erreur"/);
    assert.match(text(fr.body), /Votre adresse courriel : une adresse courriel/);
    assert.match(text(fr.body), /au moins 12 caractères/);
    // What was typed comes back, except the password.
    assert.match(fr.body, /name="contactEmail" type="email" value="pas-une-adresse"/);
    assert.doesNotMatch(fr.body, /value="court"/);
    await web.get('/en/join');
    const en = await web.post('/en/join', { ...bad, kind: 'municipalite', municipalityCode: '99999' });
    assert.equal(en.status, 422);
    assert.match(text(en.body), /The form has 6 errors/);
    assert.match(text(en.body), /Geographic code of the municipality: the 5-digit geographic code/);
    assert.match(text(en.body), /Your email address: an email address/);
    // A form from elsewhere is refused.
    assert.equal((await web.post('/fr/rejoindre', JOIN, { csrf: 'faux' })).status, 403);
  });

  test('the honeypot: a filled trap is answered as a success, and nothing is kept', async () => {
    const { app, ctx } = current();
    const web = new WebClient(app);
    await web.get('/fr/rejoindre');
    const before = await ctx.schemas.partners.list(SYSTEM, null);
    const trapped = await web.post('/fr/rejoindre', {
      ...JOIN,
      organizationTitle: 'Robot inc.',
      contactEmail: 'robot@spam.test',
      site_web: 'https://spam.test',
    });
    assert.equal(trapped.status, 303);
    assert.equal(trapped.location, '/fr/rejoindre/demande-envoyee?compte=nouveau');
    assert.equal((await ctx.schemas.partners.list(SYSTEM, null)).length, before.length);
    assert.equal(await ctx.accounts.findUser('robot@spam.test'), null);
  });

  test('sent through the page, approved on the sysadmins’ page: the new admin follows the checklist to a valid public file', async () => {
    const { app, ctx } = current();
    const requester = new WebClient(app);
    await requester.get('/fr/rejoindre?ecosysteme=urbanisme');
    const sent = await requester.post('/fr/rejoindre', { ...JOIN, site_web: '' });
    assert.equal(sent.status, 303, sent.body);
    assert.equal(sent.location, '/fr/rejoindre/demande-envoyee?compte=nouveau');
    const confirmation = text((await requester.get(sent.location ?? '')).body);
    assert.match(confirmation, /Demande envoyée/);
    assert.match(confirmation, /Votre compte est créé : connectez-vous avec votre adresse courriel/);
    assert.match(confirmation, /La suite/);
    await requester.signIn(JOIN.contactEmail, JOIN.password);
    const waiting = text((await requester.get('/fr/espace/mes-demandes-d-adhesion')).body);
    assert.match(waiting, /Ville de Granby En attente de décision/);
    assert.match(waiting, /Demande envoyée \(compte créé\)/);

    const admin = new WebClient(app);
    await admin.signIn('admin-eco');
    const list = await admin.get('/fr/espace/demandes-d-adhesion');
    assert.equal(list.status, 200);
    assert.match(text(list.body), /1 en attente/);
    assert.match(list.body, /href="\/fr\/referentiels\/municipalites\/47017">47017<\/a>/);
    assert.match(text(list.body), /Léa Tremblay — lea\.tremblay@granby\.test/);
    assert.match(text(list.body), /Nos permis de construction, chaque mois\./);
    const id = /name="id" value="([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    // A refusal without a reason is refused, the error next to its field.
    const noReason = await admin.post('/fr/espace/demandes-d-adhesion', {
      action: 'refuse',
      id,
      [`reason-${id}`]: '',
    });
    assert.equal(noReason.status, 422);
    assert.match(
      noReason.body,
      new RegExp(
        `<a href="#champ-reason-${id}">Raison du refus pour Ville de Granby : dites au demandeur pourquoi`,
      ),
    );
    assert.match(noReason.body, new RegExp(`id="champ-reason-${id}-erreur"`));
    const approved = await admin.post('/fr/espace/demandes-d-adhesion', { action: 'approve', id });
    assert.equal(approved.status, 303);
    const after = await admin.get(approved.location ?? '');
    assert.match(text(after.body), /La demande est acceptée : l’organisation est créée\./);
    assert.match(text(after.body), /0 en attente/);
    assert.match(after.body, /href="\/fr\/organisations\/ville-de-granby">Ville de Granby<\/a>/);
    assert.match(text(after.body), /Acceptée/);

    // The requester, now the organisation's admin, sees the checklist.
    const checklist = await requester.get('/fr/espace/mes-demandes-d-adhesion');
    const words = text(checklist.body);
    assert.match(words, /Ville de Granby Acceptée/);
    assert.match(words, /Fait Votre organisation est sur le portail\./);
    assert.match(words, /À faire Créer un jeu de données\. Créer un jeu de données/);
    assert.match(
      words,
      /À faire Ajouter une ressource qui déclare le schéma Permis de construction \(permis-de-construction\)\./,
    );
    assert.match(words, /Membre de l’écosystème urbanisme/);
    assert.match(checklist.body, /href="\/fr\/espace\/nouveau-jeu-de-donnees"/);
    const en = text((await requester.get('/en/workspace/my-join-requests')).body);
    assert.match(en, /Done Your organization is on the portal\./);
    assert.match(en, /To do Make the dataset public\./);

    // Its steps, through the pages: a dataset, a resource that declares the schema, a valid report.
    const granby = await ctx.catalog.groups.require('organization', 'ville-de-granby');
    const created = await requester.createDataset({
      title_fr: 'Permis de Granby',
      name: 'permis-granby',
      notes_fr: 'Les permis de construction délivrés par la Ville de Granby.',
      owner_org: granby.id,
    });
    assert.equal(created.status, 303, created.body);
    const resourceForm = await requester.get('/fr/jeux-de-donnees/permis-granby/ajouter-une-ressource');
    assert.match(resourceForm.body, /<option value="permis-de-construction@1\.0\.0"/);
    const added = await requester.postMultipart(
      '/fr/jeux-de-donnees/permis-granby/ajouter-une-ressource',
      { kind: 'upload', schema: 'permis-de-construction@1.0.0' },
      { field: 'file', filename: 'permis-granby.csv', content: granbyPermits(), type: 'text/csv' },
    );
    assert.equal(added.status, 303, added.body);
    await requester.publishDataset('permis-granby');
    await until(async () =>
      (await ctx.schemas.partners.checklist(SYSTEM, granby.id, ctx.schemas.verdicts)).every(
        (step) => step.done,
      ),
    );
    const done = await requester.get('/fr/espace/mes-demandes-d-adhesion');
    assert.doesNotMatch(text(done.body), /À faire/);
    assert.match(
      done.body,
      /href="\/fr\/jeux-de-donnees\/permis-granby\/ressources\/[0-9a-f-]{36}#conformite">Voir le rapport de validation/,
    );
    await until(async () =>
      /Premier jeu de données public et conforme/.test(
        text((await requester.get('/fr/espace/mes-demandes-d-adhesion')).body),
      ),
    );
    // The ecosystem's page lists the new member's file as valid.
    await until(async () =>
      /Permis de Granby Ville de Granby Permis de construction 1\.0\.0 Conforme/.test(
        text((await new WebClient(app).get('/fr/ecosystemes/urbanisme')).body),
      ),
    );
  });

  test('a refusal’s reason is shown to the requester, in both languages', async () => {
    const { app } = current();
    const requester = new WebClient(app);
    await requester.signIn('curieux');
    const form = await requester.get('/en/join');
    assert.match(text(form.body), /You are signed in as curieux/);
    assert.doesNotMatch(form.body, /name="password"/);
    assert.match(form.body, /name="contactEmail" type="email" value="curieux@quai\.test"/);
    const sent = await requester.post('/en/join', {
      organizationTitle: 'Club de lecture du quartier',
      kind: 'societe-civile',
      contactName: 'Curieux',
      contactEmail: 'curieux@quai.test',
      plans: 'Peut-être des listes de livres.',
      ecosystem: '',
      site_web: '',
    });
    assert.equal(sent.status, 303, sent.body);
    assert.equal(sent.location, '/en/join/request-sent');
    assert.match(text((await requester.get('/en/join/request-sent')).body), /See my join requests/);

    const admin = new WebClient(app);
    await admin.signIn('admin-eco', TEST_PASSWORD, 'en');
    const list = await admin.get('/en/workspace/join-requests');
    const id =
      /Club de lecture du quartier[\s\S]*?name="id" value="([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? '';
    assert.ok(id, 'the request is on the sysadmins’ page');
    const refused = await admin.post('/en/workspace/join-requests', {
      action: 'refuse',
      id,
      [`reason-${id}`]: 'Aucune donnée ouverte prévue pour le moment.',
    });
    assert.equal(refused.status, 303);
    assert.match(text((await admin.get('/en/workspace/join-requests')).body), /The request is refused\./);
    // Deciding twice: said once, above the list.
    const twice = await admin.post('/en/workspace/join-requests', { action: 'approve', id });
    assert.equal(twice.status, 422);
    assert.match(text(twice.body), /This request is no longer waiting for a decision\./);

    const en = text((await requester.get('/en/workspace/my-join-requests')).body);
    assert.match(en, /Club de lecture du quartier Refused/);
    assert.match(en, /Reason for the refusal ?: Aucune donnée ouverte prévue pour le moment\./);
    const fr = text((await requester.get('/fr/espace/mes-demandes-d-adhesion')).body);
    assert.match(fr, /Club de lecture du quartier Refusée/);
    assert.match(fr, /Raison du refus ?: Aucune donnée ouverte prévue pour le moment\./);
  });

  test('the sysadmins’ page is theirs alone; the requester’s page needs a sign-in', async () => {
    const { app } = current();
    const visitor = new WebClient(app);
    const signIn = await visitor.get('/fr/espace/demandes-d-adhesion');
    assert.equal(signIn.status, 303);
    assert.match(signIn.location ?? '', /^\/fr\/connexion\?next=/);
    assert.equal((await visitor.get('/en/workspace/my-join-requests')).status, 303);
    const someone = new WebClient(app);
    await someone.signIn('curieux');
    assert.equal((await someone.get('/fr/espace/demandes-d-adhesion')).status, 403);
    const workspace = await someone.get('/fr/espace');
    assert.match(workspace.body, /href="\/fr\/espace\/mes-demandes-d-adhesion"/);
    assert.doesNotMatch(workspace.body, /href="\/fr\/espace\/demandes-d-adhesion"/);
  });

  test('join requests from the form are limited per client', async () => {
    const web = new WebClient(current().app);
    await web.get('/fr/rejoindre');
    let status = 0;
    let body = '';
    for (let i = 0; i < 8 && status !== 429; i++) {
      const answer = await web.post('/fr/rejoindre', { organizationTitle: '', kind: '', site_web: '' });
      status = answer.status;
      body = answer.body;
    }
    assert.equal(status, 429);
    assert.match(text(body), /Trop de demandes sont venues d’ici dans la dernière heure/);
  });
});
