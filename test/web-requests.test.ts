/**
 * Data requests on the portal's pages: asking through the form (errors named), supporting with a
 * button, a publisher's answer through the form (a refusal needs its reason), the list's filters
 * and sorts, the Atom feed; in French and English.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { describeEachEngine } from './helpers/app.js';
import { seedOrganization, seedUser } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

describeEachEngine('web data requests', (current) => {
  before(async () => {
    const { ctx } = current();
    const organization = await seedOrganization(ctx, 'ville-gatineau', 'Ville de Gatineau');
    await seedUser(ctx, 'citoyen');
    await seedUser(ctx, 'editrice', { roles: [[organization, 'editor']] });
  });

  test('asked through the form, supported, answered by the publisher; the feed and the list follow', async () => {
    const anonymous = new WebClient(current().app);
    const empty = await anonymous.get('/fr/demandes-de-donnees');
    assert.equal(empty.status, 200);
    assert.match(empty.body, /<h1>Demandes de données<\/h1>/);
    assert.match(empty.body, /Connectez-vous ou créez un compte/);
    assert.equal((await anonymous.get('/fr/demandes-de-donnees/nouvelle')).status, 303, 'sign in first');

    const citizen = new WebClient(current().app);
    await citizen.signIn('citoyen');
    const form = await citizen.get('/fr/demandes-de-donnees/nouvelle');
    assert.match(form.body, /<option value="ville-gatineau">Ville de Gatineau<\/option>/);
    const bad = await citizen.post('/fr/demandes-de-donnees/nouvelle', {
      title: 'Eau',
      description: 'court',
      reason: '',
      organization: '',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /href="#champ-title"/);
    assert.match(bad.body, /href="#champ-description"/);
    assert.match(bad.body, /value="Eau"/, 'what was typed is kept');
    const asked = await citizen.post('/fr/demandes-de-donnees/nouvelle', {
      title: 'Collectes des ordures à Gatineau',
      description: 'Le calendrier des collectes par secteur, et les **parcours** des camions.',
      reason: 'Une application de rappels.',
      organization: 'ville-gatineau',
    });
    assert.equal(asked.status, 303);
    const path = asked.location as string;
    assert.match(path, /^\/fr\/demandes-de-donnees\/\d+$/);
    const page = await citizen.get(path);
    assert.match(page.body, /Votre demande est publiée/);
    assert.match(page.body, /<strong>parcours<\/strong>/, 'Markdown rendered');
    assert.match(page.body, /Vous appuyez cette demande/);
    assert.doesNotMatch(page.body, /Répondre à la demande/, 'only publishers answer');

    const neighbour = new WebClient(current().app);
    await seedUser(current().ctx, 'voisine');
    await neighbour.signIn('voisine');
    await neighbour.get(path);
    const supported = await neighbour.post(`${path}/appui`, { appui: 'oui' });
    assert.equal(supported.status, 303);
    assert.match((await neighbour.get(path)).body, /2 appuis/);

    const publisher = new WebClient(current().app);
    await publisher.signIn('editrice');
    const toAnswer = await publisher.get(path);
    assert.match(toAnswer.body, /Répondre à la demande/);
    const silent = await publisher.post(`${path}/reponse`, { status: 'refused', message: '', dataset: '' });
    assert.equal(silent.status, 422);
    assert.match(silent.body, /href="#champ-message"/);
    assert.match(silent.body, /Dites pourquoi la demande est refusée/);
    const answered = await publisher.post(`${path}/reponse`, {
      status: 'planned',
      message: 'Prévu pour le printemps.',
      dataset: '',
    });
    assert.equal(answered.status, 303);
    const after = await publisher.get(path);
    assert.match(after.body, /Votre réponse est publiée/);
    assert.match(after.body, /Prévu pour le printemps/);
    assert.match(after.body, /réponse officielle/);

    const english = await anonymous.get(`/en/data-requests/${path.split('/').at(-1)}`);
    assert.equal(english.status, 200);
    assert.match(english.body, /Planned/);

    const list = await anonymous.get('/fr/demandes-de-donnees?statut=planned&ordre=newest');
    assert.match(list.body, /Collectes des ordures à Gatineau/);
    assert.match(list.body, /1 demande</);
    const none = await anonymous.get('/fr/demandes-de-donnees?statut=refused&organisation=inconnue&page=abc');
    assert.equal(none.status, 200);
    assert.match(none.body, /Aucune demande ne correspond/);

    const feed = await anonymous.get('/feeds/data-requests.atom?lang=fr');
    assert.equal(feed.status, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(feed.body);
    const entries = [parsed.feed.entry].flat();
    assert.equal(entries.length, 1);
    assert.match(entries[0].title, /Collectes des ordures à Gatineau \(Prévue\)/);
  });
});
