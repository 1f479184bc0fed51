/**
 * Reuses on the portal: a citizen shows one through the form (errors named by field), it waits
 * for an administrator who publishes it from its page; its author sends an image through the
 * form; the dataset's page and the call's page list it; the showcase filters by type.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import sharp from 'sharp';
import { describeEachEngine } from './helpers/app.js';
import { call, datasetBody, seedOrganization, seedUser } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

describeEachEngine('web reuses', (current) => {
  before(async () => {
    const { ctx, app } = current();
    const organization = await seedOrganization(ctx, 'ville-rimouski', 'Ville de Rimouski');
    const publisher = await seedUser(ctx, 'editeur-rimouski', { roles: [[organization, 'editor']] });
    await seedUser(ctx, 'auteure');
    const admin = await seedUser(ctx, 'admin-rimouski', { sysadmin: true });
    const json = { 'content-type': 'application/json' };
    const created = await call(app, 'POST', '/api/v1/datasets', {
      token: publisher.token,
      body: JSON.stringify(datasetBody('sentiers-pedestres', 'ville-rimouski')),
      headers: json,
    });
    assert.equal(created.status, 201, created.body);
    const opened = await call(app, 'POST', '/api/v1/calls', {
      token: admin.token,
      headers: json,
      body: JSON.stringify({
        name: 'defi-rimouski',
        kind: 'call',
        title: 'Défi données Rimouski',
        description: 'Un appel de projets sur les sentiers.',
        participation: 'Soumettez une réutilisation.',
        starts_on: '2027-01-10',
        ends_on: '2027-02-10',
        datasets: ['sentiers-pedestres'],
      }),
    });
    assert.equal(opened.status, 201, opened.body);
  });

  test('shown through the form, published by an administrator, its image sent; listed on the dataset and the call', async () => {
    const author = new WebClient(current().app);
    await author.signIn('auteure');
    const dataset = await author.get('/fr/jeux-de-donnees/sentiers-pedestres');
    assert.match(dataset.body, /Réutilisations \(0\)/);
    const form = await author.get('/fr/reutilisations/nouvelle?jeu=sentiers-pedestres&appel=defi-rimouski');
    assert.match(form.body, /id="champ-datasets"[^>]*value="sentiers-pedestres"/);
    const fields = {
      title: 'Carte des sentiers',
      description: 'Une carte des sentiers pédestres avec leur dénivelé et leur état.',
      type: 'visualization',
      url: 'pas une adresse',
      datasets: 'sentiers-pedestres, inconnu',
      topics: 'plein air, Plein air',
      call: 'defi-rimouski',
    };
    const refused = await author.post('/fr/reutilisations/nouvelle', fields);
    assert.equal(refused.status, 422);
    assert.match(refused.body, /href="#champ-url"/);
    assert.match(refused.body, /href="#champ-datasets"/);
    assert.match(refused.body, /<title>Erreur/);
    const sent = await author.post('/fr/reutilisations/nouvelle', {
      ...fields,
      url: 'https://exemple.org/sentiers',
      datasets: 'sentiers-pedestres',
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.location, '/fr/reutilisations/carte-des-sentiers');
    const pending = await author.get('/fr/reutilisations/carte-des-sentiers');
    assert.match(pending.body, /En attente de modération/);
    assert.equal(
      (await new WebClient(current().app).get('/fr/reutilisations/carte-des-sentiers')).status,
      404,
    );

    const image = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#2d6a4f' } })
      .jpeg()
      .toBuffer();
    const uploaded = await author.postMultipart(
      '/fr/reutilisations/carte-des-sentiers',
      { action: 'image' },
      { field: 'image', filename: 'carte.jpg', content: image, type: 'image/jpeg' },
    );
    assert.equal(uploaded.status, 303, uploaded.body);
    await author.get('/fr/reutilisations/carte-des-sentiers');
    const notImage = await author.postMultipart(
      '/fr/reutilisations/carte-des-sentiers',
      { action: 'image' },
      { field: 'image', filename: 'carte.jpg', content: 'du texte', type: 'image/jpeg' },
    );
    assert.equal(notImage.status, 422);
    assert.match(notImage.body, /href="#champ-image"/);

    const admin = new WebClient(current().app);
    await admin.signIn('admin-rimouski');
    await admin.get('/fr/reutilisations/carte-des-sentiers');
    const published = await admin.post('/fr/reutilisations/carte-des-sentiers', { action: 'published' });
    assert.equal(published.status, 303);

    const visitor = new WebClient(current().app);
    const page = await visitor.get('/en/reuses/carte-des-sentiers');
    assert.equal(page.status, 200);
    assert.match(page.body, /src="\/api\/v1\/reuses\/carte-des-sentiers\/image"/);
    assert.match(page.body, /Made for: Défi données Rimouski/);
    assert.match(
      (await visitor.get('/fr/jeux-de-donnees/sentiers-pedestres')).body,
      /Réutilisations \(1\)[\s\S]*Carte des sentiers/,
    );
    assert.match(
      (await visitor.get('/fr/appels-de-projets/defi-rimouski')).body,
      /Projets soumis \(1\)[\s\S]*Carte des sentiers/,
    );
    assert.match(
      (await visitor.get('/fr/reutilisations?type=visualization')).body,
      /1 réutilisation[\s\S]*Carte des sentiers/,
    );
    assert.match(
      (await visitor.get('/fr/reutilisations?type=article')).body,
      /Aucune réutilisation ne correspond/,
    );
    assert.match((await visitor.get('/fr/reutilisations?sujet=plein%20air')).body, /Carte des sentiers/);

    // Its author edits it: the form comes filled in; an error is named; the edit waits for moderation.
    assert.match(
      (await author.get('/fr/reutilisations/carte-des-sentiers')).body,
      /Modifier la réutilisation/,
    );
    const editForm = await author.get('/fr/reutilisations/carte-des-sentiers/modifier');
    assert.match(editForm.body, /id="champ-title"[^>]*value="Carte des sentiers"/);
    const edit = {
      ...fields,
      title: 'Carte des sentiers et des belvédères',
      url: 'https://exemple.org/sentiers',
      datasets: 'sentiers-pedestres',
    };
    const wrong = await author.post('/fr/reutilisations/carte-des-sentiers/modifier', {
      ...edit,
      url: 'non',
    });
    assert.equal(wrong.status, 422);
    assert.match(wrong.body, /href="#champ-url"/);
    const edited = await author.post('/fr/reutilisations/carte-des-sentiers/modifier', edit);
    assert.equal(edited.status, 303);
    assert.equal(edited.location, '/fr/reutilisations/carte-des-sentiers');
    assert.match(
      (await author.get('/fr/reutilisations/carte-des-sentiers')).body,
      /des belvédères[\s\S]*En attente de modération/,
    );
    assert.equal((await visitor.get('/fr/reutilisations/carte-des-sentiers')).status, 404);
  });
});
