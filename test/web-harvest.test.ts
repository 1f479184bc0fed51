/**
 * Harvesting on the portal's pages (issue 19), in French and in English: an organisation admin
 * adds a source through the workspace form (every mistake reported at once, next to its field),
 * tests it, reads the test's report, runs it, and the harvested dataset's page says where it comes
 * from; then edits the source and deletes it (confirmed), its datasets staying. Another user is
 * refused the pages.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { after, before, test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';
import { seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';
import { WebClient } from './helpers/web-client.js';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const DATA_JSON = readFileSync(new URL('./fixtures/harvest/data.json', import.meta.url));
let server: Server;
let url = '';

before(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(DATA_JSON);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/data.json`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

describeEachEngine('the harvest pages', (current) => {
  before(async () => {
    const { ctx } = current();
    const gatineau = await seedOrganization(ctx, 'ville-de-gatineau', 'Ville de Gatineau');
    await seedUser(ctx, 'admin-gatineau', { roles: [[gatineau, 'admin']] });
    await seedUser(ctx, 'editeur-gatineau', { roles: [[gatineau, 'editor']] });
  });

  test('an editor who administers no organisation is refused the pages', async () => {
    const web = new WebClient(current().app);
    await web.signIn('editeur-gatineau');
    assert.equal((await web.get('/fr/espace/moissonnage')).status, 403);
    assert.doesNotMatch((await web.get('/fr/espace')).body, /moissonnage/);
  });

  test('a source is added, tested and run from the workspace; the dataset says where it comes from', async () => {
    const web = new WebClient(current().app);
    await web.signIn('admin-gatineau');
    const workspace = await web.get('/fr/espace');
    assert.match(workspace.body, /href="\/fr\/espace\/moissonnage"/);
    const form = await web.get('/fr/espace/moissonnage');
    assert.equal(form.status, 200);
    assert.match(text(form.body), /Aucune source pour l’instant/);

    const refused = await web.post('/fr/espace/moissonnage', {
      name: 'Gatineau !',
      title: '',
      organization: 'ville-de-gatineau',
      kind: 'dcat-us',
      url: 'http://10.0.0.8/data.json',
      schedule: 'chaque nuit',
    });
    assert.equal(refused.status, 422);
    const summary = text(refused.body);
    for (const message of [
      /Le titre est obligatoire/,
      /réseau interne/,
      /Horaire invalide/,
      /lettres minuscules|minuscules/i,
    ])
      assert.match(summary, message);

    const added = await web.post('/fr/espace/moissonnage', {
      name: 'gatineau-data-json',
      title: 'Gatineau (data.json)',
      organization: 'ville-de-gatineau',
      kind: 'dcat-us',
      url,
      schedule: '0 3 * * *',
      license_default: 'cc-by',
    });
    assert.equal(added.status, 303, added.body);
    const source = await web.get(added.location as string);
    assert.match(text(source.body), /Source ajoutée/);
    assert.match(text(source.body), /0 3 \* \* \*/);

    const tested = await web.post(added.location as string, { action: 'test' });
    assert.equal(tested.status, 303);
    let report = await web.get(tested.location as string);
    await until(async () => {
      report = await web.get(tested.location as string);
      return /terminé/.test(text(report.body));
    });
    assert.match(text(report.body), /Rien n’a été écrit/);
    assert.match(text(report.body), /2 créés/);

    const ran = await web.post(added.location as string, { action: 'run' });
    await until(async () => /terminé/.test(text((await web.get(ran.location as string)).body)));
    const done = await web.get(ran.location as string);
    assert.match(text(done.body), /2 créés/);
    const link = /href="(\/fr\/jeux-de-donnees\/[^"]+)"/.exec(done.body)?.[1];
    assert.ok(link, 'the report links the datasets it created');
    const dataset = text((await web.get(link)).body);
    assert.match(dataset, /Provenance/);
    assert.match(dataset, /Gatineau \(data\.json\)/);

    const english = await web.get(
      (ran.location as string)
        .replace('/fr/espace/moissonnage', '/en/workspace/harvest')
        .replace('/executions/', '/runs/'),
    );
    assert.equal(english.status, 200);
    assert.match(text(english.body), /2 created/);

    // Edited from its page: the form starts from the source; mistakes come back next to fields.
    const page = await web.get(added.location as string);
    assert.match(
      page.body,
      /name="url"[^>]*value="http:\/\/127\.0\.0\.1:\d+\/data\.json"|value="http:\/\/127\.0\.0\.1:\d+\/data\.json"[^>]*name="url"/,
    );
    const fields = {
      action: 'save',
      name: 'gatineau-data-json',
      title: 'Gatineau, données ouvertes',
      organization: 'ville-de-gatineau',
      kind: 'dcat-us',
      url,
      schedule: '',
      license_default: 'cc-by',
      mirror: 'oui',
    };
    const wrong = await web.post(added.location as string, { ...fields, schedule: '99 * * * *' });
    assert.equal(wrong.status, 422);
    assert.match(text(wrong.body), /Horaire invalide/);
    assert.match(wrong.body, /value="Gatineau, données ouvertes"/);
    const saved = await web.post(added.location as string, fields);
    assert.equal(saved.status, 303, saved.body);
    const edited = text((await web.get(saved.location as string)).body);
    assert.match(edited, /Source enregistrée/);
    assert.match(edited, /Gatineau, données ouvertes/);
    assert.match(edited, /Horaire \(cron, UTC\) à la demande/);
    assert.match(edited, /Fichiers copiés sur ce portail/);

    // Deleted only once confirmed; its datasets stay, no longer harvested.
    const unconfirmed = await web.post(added.location as string, { action: 'delete' });
    assert.equal(unconfirmed.status, 422);
    assert.match(text(unconfirmed.body), /Cochez la case/);
    const deleted = await web.post(added.location as string, { action: 'delete', confirm: 'oui' });
    assert.equal(deleted.status, 303);
    assert.equal(deleted.location, '/fr/espace/moissonnage');
    assert.match(text((await web.get('/fr/espace/moissonnage')).body), /Source supprimée/);
    assert.equal((await web.get(added.location as string)).status, 404);
    const kept = text((await web.get(link)).body);
    assert.doesNotMatch(kept, /Provenance/);
  });
});
