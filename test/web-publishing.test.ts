import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import type { Group } from '../src/modules/catalog/index.js';
import { builtinSnapshots } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { call, seedOrganization, seedUser } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

/** The text of a page without its tags, to read messages as a person would. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describeEachEngine('publishing without surprises', (current) => {
  let city: Group;
  let region: Group;

  before(async () => {
    const { ctx } = current();
    city = await seedOrganization(ctx, 'ville-pub', 'Ville de Publication');
    region = await seedOrganization(ctx, 'region-pub', 'Région de Publication');
    await seedUser(ctx, 'deux-orgs', {
      roles: [
        [city, 'editor'],
        [region, 'editor'],
      ],
    });
    // The reference sets the territories come from (regions, MRC, municipalities).
    for (const snapshot of await builtinSnapshots())
      await ctx.reference.publishing.publish(snapshot, { by: 'test' });
  });

  async function signedIn(): Promise<WebClient> {
    const web = new WebClient(current().app);
    await web.signIn('deux-orgs');
    return web;
  }

  async function addFile(web: WebClient, name: string, filename: string, content: string) {
    await web.get(`/fr/jeux-de-donnees/${name}/ajouter-une-ressource`);
    return web.postMultipart(
      `/fr/jeux-de-donnees/${name}/ajouter-une-ressource`,
      { kind: 'upload' },
      { field: 'file', filename, content, type: 'text/csv' },
    );
  }

  test('the form chooses no organisation for the publisher and reports every error in one round', async () => {
    const web = await signedIn();
    const form = await web.get('/fr/espace/nouveau-jeu-de-donnees');
    assert.match(form.body, /<option value selected>— Choisissez une organisation —<\/option>/);
    assert.doesNotMatch(form.body, /name="state"/, 'a new dataset is always a draft');
    const refused = await web.post('/fr/espace/nouveau-jeu-de-donnees', {
      title_fr: '',
      owner_org: '',
      maintainer_email: 'pas-un-courriel',
      url: 'pas une adresse',
      tags: 'x',
      visibility: 'public',
    });
    assert.equal(refused.status, 422);
    const summary = /<div class="quai-error-summary"[\s\S]*?<\/div>/.exec(refused.body)?.[0] ?? '';
    for (const field of ['title_fr', 'owner_org', 'maintainer_email', 'url', 'tags'])
      assert.match(summary, new RegExp(`href="#champ-${field}"`), `${field} is reported in the first round`);
    assert.match(summary, /Organisation : Choisissez l’organisation qui publie ces données\./);
    assert.doesNotMatch(summary, /#champ-name"/, 'a missing title is said once, on the title');
    assert.match(summary, /Le formulaire contient 5 erreurs/);
  });

  test('the territory covered is chosen by name from the reference sets, and shown by name', async () => {
    const web = await signedIn();
    const form = await web.get('/fr/espace/nouveau-jeu-de-donnees');
    assert.match(
      form.body,
      /<input [^>]*id="champ-place" name="place" type="text" value autocomplete="off" list="territoires"/,
    );
    assert.match(form.body, /<datalist id="territoires"><option value="Tout le Québec"><\/option>/);
    assert.match(form.body, /<option value="Estrie \(région administrative\)"><\/option>/);
    assert.match(form.body, /<option value="Bromont \(municipalité\)"><\/option>/);
    const unknown = await web.post('/fr/espace/nouveau-jeu-de-donnees', {
      title_fr: 'Parcs de Bromont',
      owner_org: city.id,
      place: 'Atlantide (municipalité)',
      visibility: 'public',
    });
    assert.equal(unknown.status, 422);
    assert.match(
      unknown.body,
      /<a href="#champ-place">Territoire couvert : Choisissez un territoire de la liste/,
    );
    // Typed as people type it (case aside), stored as its code, shown by its name.
    await web.get('/fr/espace/nouveau-jeu-de-donnees');
    const created = await web.post('/fr/espace/nouveau-jeu-de-donnees', {
      title_fr: 'Parcs de Bromont',
      owner_org: city.id,
      place: 'bromont (municipalité)',
      visibility: 'public',
    });
    assert.equal(created.status, 303, created.body.slice(0, 400));
    const { ctx } = current();
    const stored = await ctx.catalog.datasets.get(SYSTEM, 'parcs-de-bromont');
    assert.match(stored.extras.spatial_place ?? '', /^municipalites:\d{5}$/);
    const page = await web.get('/fr/jeux-de-donnees/parcs-de-bromont');
    assert.match(textOf(page.body), /Couverture géographique Bromont \(municipalité\)/);
    const english = await web.get('/en/datasets/parcs-de-bromont');
    assert.match(textOf(english.body), /Bromont \(municipality\)/);
    // The quality score counts a territory as spatial coverage.
    const report = await ctx.quality.scores.settled(
      stored.id,
      (scored) =>
        scored.criteria.find((criterion) => criterion.id === 'spatial-coverage')?.status === 'passed',
    );
    assert.match(
      report.criteria.find((criterion) => criterion.id === 'spatial-coverage')?.evidence.fr ?? '',
      /territoire indiqué : municipalites:/,
    );
    const edit = await web.get('/fr/jeux-de-donnees/parcs-de-bromont/modifier');
    assert.match(edit.body, /name="place" type="text" value="Bromont \(municipalité\)"/);
  });

  test('the description can be previewed as it will read, and nothing is saved', async () => {
    const { ctx } = current();
    const web = await signedIn();
    await web.get('/fr/espace/nouveau-jeu-de-donnees');
    const preview = await web.post('/fr/espace/nouveau-jeu-de-donnees', {
      title_fr: 'Aperçu seulement',
      owner_org: city.id,
      notes_fr: 'Comptages **par heure** <script>alert(1)</script>',
      visibility: 'public',
      preview: 'notes',
    });
    assert.equal(preview.status, 200);
    assert.match(preview.body, /<h2 id="apercu-description">Aperçu de la description<\/h2>/);
    assert.match(preview.body, /<strong>par heure<\/strong>/);
    assert.doesNotMatch(preview.body, /<script>alert/);
    assert.match(preview.body, /value="Aperçu seulement"/);
    assert.equal(await ctx.catalog.datasets.get(SYSTEM, 'apercu-seulement').catch(() => null), null);
  });

  test('an empty draft cannot go public; publishing lists what is missing, then shows what becomes public and asks', async () => {
    const { app } = current();
    const web = await signedIn();
    const created = await web.createDataset({ title_fr: 'Vide', owner_org: region.id, license_id: '' });
    assert.equal(created.status, 303, created.body.slice(0, 500));
    const draft = await web.get('/fr/jeux-de-donnees/vide');
    assert.match(draft.body, /href="\/fr\/jeux-de-donnees\/vide\/publier">Publier…<\/a>/);

    const gaps = await web.get('/fr/jeux-de-donnees/vide/publier');
    assert.equal(gaps.status, 200);
    const text = textOf(gaps.body);
    assert.match(text, /Avant de publier, complétez :/);
    assert.match(text, /Une description en français est nécessaire pour publier/);
    assert.match(text, /Une licence est nécessaire pour publier/);
    assert.match(text, /Au moins une ressource \(un fichier ou un lien\) est nécessaire pour publier/);
    assert.match(gaps.body, /href="\/fr\/jeux-de-donnees\/vide\/modifier#champ-notes_fr">Corriger<\/a>/);
    assert.match(gaps.body, /href="\/fr\/jeux-de-donnees\/vide\/ajouter-une-ressource">Corriger<\/a>/);
    assert.doesNotMatch(gaps.body, /Confirmer la publication/);
    // Posting anyway (an old form, a crafted request) is refused the same way, and nothing changes.
    const forced = await web.post('/fr/jeux-de-donnees/vide/publier', {});
    assert.equal(forced.status, 422);
    assert.equal((await new WebClient(app).get('/fr/jeux-de-donnees/vide')).status, 404);
    assert.doesNotMatch((await new WebClient(app).get('/fr')).body, />Vide</, 'not on the home page');

    await web.get('/fr/jeux-de-donnees/vide/modifier');
    const edited = await web.post('/fr/jeux-de-donnees/vide/modifier', {
      title_fr: 'Déneigement',
      name: 'vide',
      owner_org: region.id,
      notes_fr: 'Les opérations de déneigement, rue par rue.',
      license_id: 'cc-by',
      visibility: 'public',
    });
    assert.equal(edited.status, 303, edited.body.slice(0, 500));
    assert.equal(
      (await addFile(web, 'vide', 'operations.csv', 'rue,date\nPrincipale,2026-01-05\n')).status,
      303,
    );

    const confirm = await web.get('/fr/jeux-de-donnees/vide/publier');
    assert.equal(confirm.status, 200);
    const summary = textOf(confirm.body);
    assert.match(summary, /Une fois publié, tout le monde pourra trouver et télécharger ce qui suit\./);
    assert.match(summary, /Organisation Région de Publication/);
    assert.match(summary, /Licence Creative Commons/);
    assert.match(summary, /Ressources \(1\) operations\.csv \(CSV/);
    assert.match(
      confirm.body,
      /<button type="submit" class="qc-button qc-primary">Confirmer la publication<\/button>/,
    );
    const published = await web.post('/fr/jeux-de-donnees/vide/publier', {});
    assert.equal(published.status, 303);
    assert.equal(published.location, '/fr/jeux-de-donnees/vide');
    assert.equal((await new WebClient(app).get('/fr/jeux-de-donnees/vide')).status, 200);
  });

  test('a publisher takes a dataset back to draft, makes it private, deletes it; a sysadmin restores it', async () => {
    const { app, ctx } = current();
    const web = await signedIn();
    await web.createDataset({
      title_fr: 'Collectes',
      owner_org: city.id,
      notes_fr: 'Les jours de collecte.',
      license_id: 'cc-by',
    });
    await addFile(web, 'collectes', 'collectes.csv', 'secteur,jour\nA,lundi\n');
    await web.get('/fr/jeux-de-donnees/collectes/publier');
    assert.equal((await web.post('/fr/jeux-de-donnees/collectes/publier', {})).status, 303);
    const visitor = new WebClient(app);
    assert.equal((await visitor.get('/fr/jeux-de-donnees/collectes')).status, 200);

    const page = await web.get('/fr/jeux-de-donnees/collectes');
    assert.match(
      page.body,
      /href="\/fr\/jeux-de-donnees\/collectes\/publication">Publication et suppression<\/a>/,
    );
    const manage = await web.get('/fr/jeux-de-donnees/collectes/publication');
    assert.match(textOf(manage.body), /Ce jeu de données est publié et public/);
    const back = await web.post('/fr/jeux-de-donnees/collectes/publication', { action: 'unpublish' });
    assert.equal(back.status, 303);
    assert.equal((await visitor.get('/fr/jeux-de-donnees/collectes')).status, 404, 'a draft again');
    assert.equal((await call(app, 'GET', '/api/3/action/package_show?id=collectes')).status, 404);
    assert.equal((await web.get('/fr/jeux-de-donnees/collectes')).status, 200, 'its editors still see it');

    await web.get('/fr/jeux-de-donnees/collectes/publier');
    await web.post('/fr/jeux-de-donnees/collectes/publier', {});
    await web.get('/fr/jeux-de-donnees/collectes/publication');
    await web.post('/fr/jeux-de-donnees/collectes/publication', { action: 'private' });
    assert.equal((await visitor.get('/fr/jeux-de-donnees/collectes')).status, 404, 'private');
    await web.get('/fr/jeux-de-donnees/collectes/publication');
    await web.post('/fr/jeux-de-donnees/collectes/publication', { action: 'public' });
    assert.equal((await visitor.get('/fr/jeux-de-donnees/collectes')).status, 200, 'public again');

    await web.get('/fr/jeux-de-donnees/collectes/publication');
    const unconfirmed = await web.post('/fr/jeux-de-donnees/collectes/publication', { action: 'delete' });
    assert.equal(unconfirmed.status, 422);
    assert.match(unconfirmed.body, /Cochez la case pour confirmer la suppression\./);
    assert.equal((await visitor.get('/fr/jeux-de-donnees/collectes')).status, 200, 'nothing deleted');
    const deleted = await web.post('/fr/jeux-de-donnees/collectes/publication', {
      action: 'delete',
      confirm: 'oui',
    });
    assert.equal(deleted.status, 303);
    assert.equal(deleted.location, '/fr/espace');
    assert.equal((await visitor.get('/fr/jeux-de-donnees/collectes')).status, 404);
    // Its editors still find it, marked deleted; only a portal administrator restores it.
    const marked = await web.get('/fr/jeux-de-donnees/collectes');
    assert.match(marked.body, /quai-badge-deleted">Supprimé</);
    const asEditor = await web.get('/fr/jeux-de-donnees/collectes/publication');
    assert.match(textOf(asEditor.body), /Un administrateur du portail peut le restaurer\./);
    assert.doesNotMatch(asEditor.body, /Restaurer le jeu de données/);
    assert.equal(
      (await web.post('/fr/jeux-de-donnees/collectes/publication', { action: 'restore' })).status,
      403,
    );
    await seedUser(ctx, 'admin-pub', { sysadmin: true });
    const admin = new WebClient(app);
    await admin.signIn('admin-pub');
    await admin.get('/fr/jeux-de-donnees/collectes/publication');
    const restored = await admin.post('/fr/jeux-de-donnees/collectes/publication', { action: 'restore' });
    assert.equal(restored.status, 303);
    assert.equal((await visitor.get('/fr/jeux-de-donnees/collectes')).status, 200, 'restored');
    const again = await ctx.catalog.datasets.get(SYSTEM, 'collectes');
    assert.equal(again.resources.length, 1, 'restored with its resources');
  });

  test('the same file twice is refused; replacing a file keeps the old one as a version', async () => {
    const { app } = current();
    const web = await signedIn();
    await web.createDataset({ title_fr: 'Versions', owner_org: city.id, notes_fr: 'x', license_id: 'cc-by' });
    const first = 'arbre,hauteur\nérable,12\n';
    assert.equal((await addFile(web, 'versions', 'arbres.csv', first)).status, 303);
    const twice = await addFile(web, 'versions', 'arbres-copie.csv', first);
    assert.equal(twice.status, 422);
    assert.match(
      textOf(twice.body),
      /Ce fichier est déjà dans ce jeu de données : c’est la ressource « arbres\.csv »/,
    );
    const listed = (await web.get('/fr/jeux-de-donnees/versions')).body;
    const resourceId = /\/fr\/jeux-de-donnees\/versions\/ressources\/([0-9a-f-]{36})/.exec(listed)?.[1] ?? '';
    assert.ok(resourceId, 'the dataset page links to its resource');
    assert.equal((listed.match(/aria-label="Télécharger /g) ?? []).length, 1, 'still one resource');

    const resourcePage = await web.get(`/fr/jeux-de-donnees/versions/ressources/${resourceId}`);
    assert.match(resourcePage.body, /Modifier ou remplacer le fichier/);
    const editPath = `/fr/jeux-de-donnees/versions/ressources/${resourceId}/modifier`;
    const form = await web.get(editPath);
    assert.match(form.body, /Laissé vide, le fichier actuel \(arbres\.csv\) est gardé\./);
    const second = 'arbre,hauteur\nérable,12\nchêne,20\n';
    const replaced = await web.postMultipart(
      editPath,
      { kind: 'upload', name_fr: 'Arbres' },
      { field: 'file', filename: 'arbres-2026.csv', content: second, type: 'text/csv' },
    );
    assert.equal(replaced.status, 303, replaced.body.slice(0, 400));
    const same = await web.postMultipart(
      editPath,
      { kind: 'upload', name_fr: 'Arbres' },
      { field: 'file', filename: 'encore.csv', content: second, type: 'text/csv' },
    );
    assert.equal(same.status, 422);
    assert.match(textOf(same.body), /Ce fichier est identique au fichier actuel/);
    // Without a file, the fields change and the file stays.
    const renamed = await web.postMultipart(editPath, { kind: 'upload', name_fr: 'Arbres publics' }, null);
    assert.equal(renamed.status, 303, renamed.body.slice(0, 400));

    await web.get('/fr/jeux-de-donnees/versions/publier');
    await web.post('/fr/jeux-de-donnees/versions/publier', {});
    const versions = await call(app, 'GET', `/api/v1/resources/${resourceId}/versions`);
    assert.equal(versions.status, 200);
    assert.equal(versions.json.versions.length, 1, 'renaming made no version');
    assert.equal(versions.json.versions[0].version, 1);
    assert.equal(versions.json.versions[0].filename, 'arbres.csv');
    const old = await call(app, 'GET', `/api/v1/resources/${resourceId}/versions/1/download`);
    assert.equal(old.status, 200);
    assert.equal(old.body, first);
    assert.equal((await call(app, 'GET', `/api/v1/resources/${resourceId}/versions/2/download`)).status, 404);
    const latest = await call(app, 'GET', `/api/v1/resources/${resourceId}/download`);
    assert.equal(latest.body, second);
    const shown = await new WebClient(app).get(`/fr/jeux-de-donnees/versions/ressources/${resourceId}`);
    assert.match(shown.body, /<h2 id="versions-precedentes">Versions précédentes<\/h2>/);
    assert.match(shown.body, /Télécharger la version 1 \(arbres\.csv\)/);
    assert.match(shown.body, /<h1>Arbres publics<\/h1>/);
    assert.doesNotMatch(shown.body, /Modifier ou remplacer le fichier/, 'no editor actions for visitors');

    // Deleting a resource asks first.
    const deletePath = `/fr/jeux-de-donnees/versions/ressources/${resourceId}/supprimer`;
    await web.get(deletePath);
    assert.equal((await web.post(deletePath, {})).status, 422);
    await web.get(deletePath);
    const gone = await web.post(deletePath, { confirm: 'oui' });
    assert.equal(gone.status, 303);
    assert.equal((await call(app, 'GET', `/api/v1/resources/${resourceId}`)).status, 404);
  });
});
