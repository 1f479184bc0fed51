/**
 * Proposing a schema from a published file, on the portal (issue 18): the resource page offers
 * it to the dataset's editors only; the proposal shows each column's type and why; the edited
 * proposal is published as a new schema (errors next to their fields, in both languages); a
 * resource that refuses failing versions says so.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { filmWorks } from '../src/demo/ecosystems.js';
import { loadSchemasDemo } from '../src/demo/schemas.js';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { builtinSnapshots } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { call, datasetBody, multipart, seedOrganization, seedUser } from './helpers/fixtures.js';
import { until } from './helpers/wait.js';
import { WebClient } from './helpers/web-client.js';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describeEachEngine('proposing a schema from a file, on the portal', (current) => {
  let resourceId = '';
  let page = '';
  before(async () => {
    const { ctx, app } = current();
    for (const snapshot of await builtinSnapshots())
      await ctx.reference.publishing.publish(snapshot, { by: 'test' });
    await loadSchemasDemo(ctx);
    const organization = await seedOrganization(ctx, 'cine-propose');
    const editor = await seedUser(ctx, 'editeur-propose', { roles: [[organization, 'editor']] });
    await seedUser(ctx, 'lecteur-propose');
    await call(app, 'POST', '/api/v1/datasets', {
      token: editor.token,
      body: datasetBody('films-propose', 'cine-propose'),
    });
    const form = multipart(
      {},
      { field: 'file', filename: 'films.csv', content: filmWorks(7, 30, 'PRO', false) },
    );
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/v1/datasets/films-propose/resources/upload',
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    resourceId = JSON.parse(uploaded.body).id;
    page = `/fr/jeux-de-donnees/films-propose/ressources/${resourceId}`;
  });

  test('offered to the dataset’s editors only', async () => {
    const editor = new WebClient(current().app);
    await editor.signIn('editeur-propose');
    assert.match(
      (await editor.get(page)).body,
      /href="[^"]+\/schema-propose">Proposer un schéma à partir de ce fichier</,
    );
    const reader = new WebClient(current().app);
    await reader.signIn('lecteur-propose');
    assert.doesNotMatch((await reader.get(page)).body, /schema-propose/);
    assert.equal((await reader.get(`${page}/schema-propose`)).status, 404);
  });

  test('a file that cannot be read says why', async () => {
    const { app, ctx } = current();
    const editor = await ctx.accounts.createToken(SYSTEM, {
      user: 'editeur-propose',
      name: 'lien',
      expiresAt: null,
    });
    const created = await call(app, 'POST', '/api/v1/datasets/films-propose/resources', {
      token: editor.token,
      body: {
        url: 'http://10.1.2.3/films.csv',
        format: 'CSV',
        name: { fr: 'Lien interne', en: 'Internal link' },
      },
    });
    assert.equal(created.status, 201, created.body);
    const web = new WebClient(app);
    await web.signIn('editeur-propose');
    const page = await web.get(
      `/fr/jeux-de-donnees/films-propose/ressources/${created.json.id}/schema-propose`,
    );
    assert.equal(page.status, 422);
    assert.match(
      text(page.body),
      /Aucun schéma ne peut être proposé pour ce fichier : ce lien mène à une adresse interne/,
    );
  });

  test('the proposal in words, then published as a new schema after a correction', async () => {
    const web = new WebClient(current().app);
    await web.signIn('editeur-propose');
    const proposal = await web.get(`${page}/schema-propose`);
    assert.equal(proposal.status, 200, proposal.body);
    const words = text(proposal.body);
    assert.match(words, /Proposer un schéma/);
    assert.match(words, /identifiant texte ; obligatoire ; unique/);
    assert.match(words, /Clé primaire proposée : identifiant\./);
    const descriptor =
      /<textarea[^>]*name="descriptor"[^>]*>([^<]*)<\/textarea>/.exec(proposal.body)?.[1] ?? '';
    const json = descriptor.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&#39;', "'");
    const fields = {
      name: 'films-propose',
      title_fr: 'Films',
      title_en: 'Films',
      description_fr: 'Des films.',
      description_en: 'Films.',
      contact: 'donnees@cine-propose.test',
    };
    const broken = await web.post(`${page}/schema-propose`, { ...fields, descriptor: '{pas du json' });
    assert.equal(broken.status, 422);
    assert.match(text(broken.body), /Ce n’est pas du JSON valide/);
    const strict = JSON.parse(json);
    strict.fields[0].constraints.pattern = '[a-z]+';
    const failing = await web.post(`${page}/schema-propose`, {
      ...fields,
      descriptor: JSON.stringify(strict),
    });
    assert.equal(failing.status, 422);
    assert.match(text(failing.body), /l’exemple ne valide pas/);
    const published = await web.post(`${page}/schema-propose`, { ...fields, descriptor: json });
    assert.equal(published.status, 303, text(published.body).slice(0, 400));
    assert.equal(published.headers.location, '/fr/schemas-de-donnees/films-propose');
    const schema = await call(current().app, 'GET', '/schemas/films-propose/1.0.0/schema.json');
    assert.equal(schema.json.primaryKey, 'identifiant');
  });

  test('a resource that refuses failing versions says so, with what it refused', async () => {
    const { app, ctx } = current();
    const editor = await ctx.accounts.createToken(SYSTEM, {
      user: 'editeur-propose',
      name: 'refus',
      expiresAt: null,
    });
    const form = multipart(
      {
        metadata: JSON.stringify({
          extras: { schema: 'films-propose@1.0.0', schema_refuse_invalid: 'true' },
        }),
      },
      { field: 'file', filename: 'films.csv', content: filmWorks(7, 30, 'PRO', false) },
    );
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/datasets/films-propose/resources/upload',
      headers: { authorization: editor.token, 'content-type': form.contentType },
      payload: form.payload,
    });
    const id = JSON.parse(created.body).id;
    await until(
      async () => (await call(app, 'GET', `/api/v1/resources/${id}/validation`)).json?.valid === true,
    );
    const bad = multipart(
      {},
      { field: 'file', filename: 'films-faux.csv', content: 'identifiant,titre\nabc,\n' },
    );
    await app.inject({
      method: 'PUT',
      url: `/api/v1/resources/${id}/file`,
      headers: { authorization: editor.token, 'content-type': bad.contentType },
      payload: bad.payload,
    });
    await until(
      async () => (await call(app, 'GET', `/api/v1/resources/${id}/refused-versions`)).json.length === 1,
    );
    const web = new WebClient(app);
    const fr = text((await web.get(`/fr/jeux-de-donnees/films-propose/ressources/${id}`)).body);
    assert.match(fr, /Versions refusées/);
    assert.match(fr, /films-faux\.csv, refusé le .* : \d+ erreurs/);
    const en = text((await web.get(`/en/datasets/films-propose/resources/${id}`)).body);
    assert.match(en, /films-faux\.csv, refused on .*: \d+ errors/);
  });
});
