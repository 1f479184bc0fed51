/**
 * The shared schemas on the portal, in French and in English: the list, a schema (its columns in
 * words, foreign keys linked to reference sets, versions and files), the validator form (multipart,
 * CSRF, errors per field, 303 to the report), a report, and a resource's schema conformance.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadDemoContent } from '../src/demo/index.js';
import { bromontPermits } from '../src/demo/schemas.js';
import { describeEachEngine } from './helpers/app.js';
import { until } from './helpers/wait.js';
import { WebClient } from './helpers/web-client.js';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describeEachEngine('the schema pages', (current) => {
  before(async () => {
    await loadDemoContent(current().ctx);
  });

  test('the list of schemas, in French and in English', async () => {
    const web = new WebClient(current().app);
    const fr = await web.get('/fr/schemas-de-donnees');
    assert.equal(fr.status, 200);
    assert.match(fr.body, /href="\/fr\/schemas-de-donnees\/permis-de-construction"/);
    assert.match(fr.body, /href="\/fr\/schemas-de-donnees\/oeuvres-cinematographiques"/);
    assert.match(text(fr.body), /Dernière version 1\.0\.0, publiée le/);
    assert.match(
      fr.body,
      /aria-current="page"[^>]*>Schémas|href="\/fr\/schemas-de-donnees" aria-current="page"/,
    );
    const en = await web.get('/en/data-schemas');
    assert.equal(en.status, 200);
    assert.match(text(en.body), /Latest version 1\.0\.0, published on/);
    assert.match(en.body, /href="\/en\/data-schemas\/permis-de-construction"/);
  });

  test('a schema: its columns in words, keys, versions and files', async () => {
    const web = new WebClient(current().app);
    const fr = await web.get('/fr/schemas-de-donnees/permis-de-construction');
    assert.equal(fr.status, 200);
    const page = text(fr.body);
    assert.match(page, /Colonnes de la version 1\.0\.0/);
    assert.match(page, /obligatoire/);
    assert.match(page, /date \(AAAA-MM-JJ\)/);
    assert.match(page, /code de « municipalites » à la date de date_depot/);
    assert.match(fr.body, /href="\/fr\/referentiels\/municipalites"/);
    assert.match(fr.body, /href="\/schemas\/permis-de-construction\/1\.0\.0\/schema\.json"/);
    assert.match(fr.body, /href="\/schemas\/permis-de-construction\/1\.0\.0\/example\.csv"/);
    assert.match(fr.body, /href="\/fr\/valider\?schema=permis-de-construction%401\.0\.0"/);
    const en = await web.get('/en/data-schemas/permis-de-construction');
    assert.match(text(en.body), /code of “municipalites” at the date in date_depot/);
    assert.match(text(en.body), /required/);
    assert.equal((await web.get('/fr/schemas-de-donnees/inconnu')).status, 404);
  });

  test('the validator: a file with its CSRF token, 303 to the report, errors in both languages', async () => {
    const web = new WebClient(current().app);
    const form = await web.get('/fr/valider?schema=permis-de-construction%401.0.0');
    assert.equal(form.status, 200);
    assert.match(form.body, /<option value="permis-de-construction@1\.0\.0" selected/);
    assert.match(text(form.body), /Rien n’est publié/);

    const missing = await web.postMultipart('/fr/valider', { schema: '', url: '' }, null);
    assert.equal(missing.status, 422);
    assert.match(text(missing.body), /Choisissez un schéma\./);
    assert.match(text(missing.body), /Joignez un fichier ou donnez un lien\./);

    const forged = await web.postMultipart(
      '/fr/valider',
      { schema: 'permis-de-construction@1.0.0', url: '' },
      { field: 'file', filename: 'permis.csv', content: bromontPermits(), type: 'text/csv' },
      { csrf: 'faux' },
    );
    assert.equal(forged.status, 403);

    await web.get('/fr/valider');
    const sent = await web.postMultipart(
      '/fr/valider',
      { schema: 'permis-de-construction@1.0.0', url: '' },
      { field: 'file', filename: 'permis.csv', content: bromontPermits(), type: 'text/csv' },
    );
    assert.equal(sent.status, 303);
    assert.match(sent.location ?? '', /^\/fr\/valider\/[0-9a-f-]{36}$/);
    const report = await web.get(sent.location ?? '');
    assert.equal(report.status, 200);
    const fr = text(report.body);
    assert.match(fr, /Non conforme : 3 erreurs\./);
    assert.match(fr, /Erreurs par colonne/);
    assert.match(fr, /date_depot/);
    assert.match(fr, /categorie/);
    assert.match(fr, /code_municipalite/);
    assert.match(fr, /46999/);
    assert.match(fr, /Mixte/);
    const en = text((await web.get((sent.location ?? '').replace('/fr/valider/', '/en/validate/'))).body);
    assert.match(en, /Not valid: 3 errors\./);
    assert.match(en, /Errors by type/);

    const unknown = await web.get('/fr/valider/00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
    assert.equal((await web.get('/en/validate/nope')).status, 404);
  });

  test('the resource page shows its schema conformance', async () => {
    const { app } = current();
    const web = new WebClient(app);
    const dataset = JSON.parse(
      (
        await app.inject({
          method: 'GET',
          url: '/api/3/action/package_show?id=permis-de-construction-bromont',
        })
      ).body,
    ).result;
    const id: string = dataset.resources[0].id;
    await until(async () => {
      const answer = await app.inject({ method: 'GET', url: `/api/v1/resources/${id}/validation` });
      return answer.body !== 'null' && answer.statusCode === 200;
    });
    const fr = await web.get(`/fr/jeux-de-donnees/permis-de-construction-bromont/ressources/${id}`);
    assert.equal(fr.status, 200);
    const page = text(fr.body);
    assert.match(page, /Conformité au schéma/);
    assert.match(fr.body, /href="\/fr\/schemas-de-donnees\/permis-de-construction"/);
    assert.match(page, /Non conforme : 3 erreurs\./);
    assert.match(page, /46999/);
    const en = text((await web.get(`/en/datasets/permis-de-construction-bromont/resources/${id}`)).body);
    assert.match(en, /Schema conformance/);
    assert.match(en, /Not valid: 3 errors\./);
  });
});
