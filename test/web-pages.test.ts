import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { before, test } from 'node:test';
import { SYSTEM } from '../src/modules/accounts/index.js';
import type { Dataset } from '../src/modules/catalog/index.js';
import { describeEachEngine } from './helpers/app.js';
import { datasetInput, seedOrganization, seedTheme } from './helpers/fixtures.js';
import { WebClient } from './helpers/web-client.js';

/** The text of an element's content, tags removed, for assertions on what a reader sees. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describeEachEngine('the public portal pages', (current) => {
  let open: Dataset;

  before(async () => {
    const { ctx } = current();
    const organization = await seedOrganization(ctx, 'ville-exemple', 'Ville Exemple');
    await seedTheme(ctx, 'environnement', 'Environnement');
    const blob = await ctx.blobs.put(Readable.from([Buffer.from('station,valeur\nA,1\n')]), {
      maxBytes: 1000,
    });
    open = await ctx.catalog.datasets.create(
      SYSTEM,
      datasetInput('qualite-eau', {
        ownerOrg: organization.id,
        title: { fr: "Qualité de l'eau", en: null },
        notes: {
          fr: '# Mesures\n\nRésultats **hebdomadaires**. <script>alert(1)</script> [piège](javascript:alert(1)) [source](https://example.org/eau)',
          en: null,
        },
        licenseId: 'cc-by',
        updateFrequency: 'weekly',
        temporalStart: '2024-01-01',
        temporalEnd: '2024-12-31',
        tags: ['eau potable', 'qualité'],
        groups: ['environnement'],
        resources: [
          {
            url: null,
            name: { fr: 'Mesures 2024', en: 'Measurements 2024' },
            description: { fr: null, en: null },
            format: 'CSV',
            mimetype: 'text/csv',
            resourceType: null,
            extras: {},
            upload: { ...blob, filename: 'mesures-2024.csv', mimetype: 'text/csv' },
          },
        ],
      }),
    );
    for (let index = 1; index <= 23; index++) {
      await ctx.catalog.datasets.create(
        SYSTEM,
        datasetInput(`releve-${String(index).padStart(2, '0')}`, {
          ownerOrg: organization.id,
          title: { fr: `Relevé numéro ${index}`, en: `Survey number ${index}` },
          tags: ['relevé'],
        }),
      );
    }
    await ctx.catalog.datasets.create(
      SYSTEM,
      datasetInput('budget-confidentiel', {
        ownerOrg: organization.id,
        title: { fr: 'Budget confidentiel', en: null },
        private: true,
      }),
    );
  });

  test('the root and CKAN addresses lead to the page in the reader’s language', async () => {
    const web = new WebClient(current().app);
    const french = await web.get('/');
    assert.equal(french.status, 302);
    assert.equal(french.location, '/fr');
    const english = await web.get('/', { 'accept-language': 'en-CA,en;q=0.9' });
    assert.equal(english.location, '/en');
    assert.equal((await web.get('/dataset/qualite-eau')).location, '/fr/jeux-de-donnees/qualite-eau');
    assert.equal((await web.get('/dataset?q=eau')).location, '/fr/jeux-de-donnees?q=eau');
    assert.equal(
      (await web.get('/organization/ville-exemple', { 'accept-language': 'en' })).location,
      '/en/organizations/ville-exemple',
    );
    // By id, the dataset page sends readers to its address by name.
    const byId = await web.get(`/fr/jeux-de-donnees/${open.id}`);
    assert.equal(byId.status, 303);
    assert.equal(byId.location, '/fr/jeux-de-donnees/qualite-eau');
  });

  test('the home page shows figures, themes, publishers, and the most viewed datasets', async () => {
    const { app, ctx } = current();
    const web = new WebClient(app);
    const home = await web.get('/fr');
    assert.equal(home.status, 200);
    assert.match(home.body, /^<!doctype html><html lang="fr">/);
    assert.match(text(home.body), /24 jeux de données/);
    assert.match(home.body, /href="\/fr\/themes\/environnement"/);
    assert.match(home.body, /href="\/fr\/organisations\/ville-exemple"/);
    assert.match(home.body, /Aucune consultation pour le moment/);
    // Views are counted from dataset pages; robots do not count.
    await web.get('/fr/jeux-de-donnees/releve-07', { 'user-agent': 'Mozilla/5.0 Firefox/140.0' });
    await web.get('/fr/jeux-de-donnees/releve-07', { 'user-agent': 'Mozilla/5.0 Firefox/140.0' });
    await web.get('/fr/jeux-de-donnees/releve-03', { 'user-agent': 'Googlebot/2.1' });
    await ctx.catalog.pageViews.flush();
    const after = await web.get('/fr');
    const popular = after.body.slice(after.body.indexOf('id="populaires"'));
    assert.match(popular, /Relevé numéro 7/);
    assert.doesNotMatch(popular, /Relevé numéro 3</);
    assert.doesNotMatch(after.body, /Budget confidentiel/);
  });

  test('every page links to its twin in the other language, and English pages mark French text', async () => {
    const web = new WebClient(current().app);
    const page = await web.get('/en/datasets/qualite-eau');
    assert.equal(page.status, 200);
    assert.match(page.body, /<html lang="en">/);
    assert.match(
      page.body,
      /<a href="\/fr\/jeux-de-donnees\/qualite-eau" lang="fr" hreflang="fr">Français<\/a>/,
    );
    // The title exists in French only: shown, and marked as French (WCAG 3.1.2).
    assert.match(page.body, /<h1 lang="fr">Qualité de l'eau<\/h1>/);
    assert.match(page.body, /<title>Qualité de l'eau — Quai — Québec open data<\/title>/);
    // Interface strings are English.
    assert.match(page.body, /Data and resources/);
    assert.doesNotMatch(page.body, /Données et ressources/);
    const search = await web.get('/en/datasets?q=eau&tag=qualit%C3%A9&sort=recent');
    assert.match(search.body, /href="\/fr\/jeux-de-donnees\?q=eau&amp;tag=qualit%C3%A9&amp;sort=recent"/);
  });

  test('search keeps its whole state in the URL: query, filters, sort and page', async () => {
    const web = new WebClient(current().app);
    const page = await web.get(
      '/fr/jeux-de-donnees?q=relev%C3%A9&organization=ville-exemple&sort=title&page=2',
    );
    assert.equal(page.status, 200);
    assert.match(page.body, /<p role="status" class="quai-result-count">23 jeux de données<\/p>/);
    // Facets are a form of checkboxes; the active one is checked.
    assert.match(
      page.body,
      /<input type="checkbox" id="filtre-organization-0" name="organization" value="ville-exemple" checked/,
    );
    assert.match(page.body, /Appliquer les filtres/);
    // Sorted by title, page 2 holds the last three of 23 (20 a page).
    const titles = [...page.body.matchAll(/class="quai-dataset-title"><a [^>]*>([^<]+)</g)].map(
      (match) => match[1],
    );
    assert.deepEqual(titles, ['Relevé numéro 7', 'Relevé numéro 8', 'Relevé numéro 9']);
    assert.match(
      page.body,
      /<a href="[^"]*page=1[^"]*"|<a href="\/fr\/jeux-de-donnees\?q=relev%C3%A9&amp;organization=ville-exemple&amp;sort=title"/,
    );
    assert.match(page.body, /aria-current="page" aria-label="Page 2"/);
    // Past the last page: said, with the way back to the last one.
    const beyond = await web.get(
      '/fr/jeux-de-donnees?q=relev%C3%A9&organization=ville-exemple&sort=title&page=99',
    );
    assert.match(beyond.body, /La page 99 n’existe pas : cette recherche tient en 2 pages\./);
    assert.match(beyond.body, /href="[^"]*page=2"[^>]*>Aller à la page 2</);
    // The active filter can be removed: its link keeps the rest of the state.
    assert.match(
      page.body,
      /<a href="\/fr\/jeux-de-donnees\?q=relev%C3%A9&amp;sort=title" class="quai-chip">/,
    );
  });

  test('a query the syntax refuses is searched as words, and a misspelling gets a suggestion', async () => {
    const web = new WebClient(current().app);
    const broken = await web.get('/fr/jeux-de-donnees?q=(eau');
    assert.equal(broken.status, 200);
    assert.match(broken.body, /1 jeu de données/);
    // A typo finds what the right word finds, and says so.
    const misspelt = await web.get('/fr/jeux-de-donnees?q=qualitee');
    assert.match(
      misspelt.body,
      /Aucun jeu de données ne correspond à « qualitee » : voici les résultats pour « qualité »\. 1 jeu de données/,
    );
    assert.match(misspelt.body, /<h1>Résultats pour « qualité »<\/h1>/);
    assert.match(misspelt.body, /href="\/fr\/jeux-de-donnees\/qualite-eau"/);
    // In English too, word by word.
    const english = await web.get('/en/datasets?q=survy%20numbr%2012');
    assert.match(
      english.body,
      /No dataset matches “survy numbr 12”: here are the results for “survey number 12”\./,
    );
    assert.match(english.body, /href="\/en\/datasets\/releve-12"/);
  });

  test('a search that finds nothing offers close titles, themes and who to ask; never a private word', async () => {
    const web = new WebClient(current().app);
    const none = await web.get('/fr/jeux-de-donnees?q=zzzz%20xylophone');
    assert.equal(none.status, 200);
    assert.match(none.body, /Aucun jeu de données ne correspond\./);
    assert.match(none.body, /<h2 id="aucun-resultat">Essayez autrement<\/h2>/);
    assert.match(none.body, /href="\/fr\/organisations">Voir les organisations<\/a>/);
    assert.doesNotMatch(none.body, /class="quai-facet"|name="sort"/, 'no empty filter panel, no sort');
    const close = await web.get('/fr/jeux-de-donnees?q=qualite%20de%20leau');
    assert.match(close.body, /Jeux de données aux titres proches/);
    assert.match(close.body, /<a href="\/fr\/jeux-de-donnees\/qualite-eau"[^>]*>Qualité de l'eau<\/a>/);
    // « budget » is only in a private title: « budjet » is not corrected to it.
    const secret = await web.get('/fr/jeux-de-donnees?q=budjet');
    assert.doesNotMatch(secret.body, /résultats pour « budget »|budget-confidentiel|Budget confidentiel/);
    assert.match(secret.body, /Aucun jeu de données ne correspond\./);
  });

  test('the dataset page: sanitised description, resources, metadata, code samples, JSON-LD', async () => {
    const web = new WebClient(current().app);
    const page = await web.get('/fr/jeux-de-donnees/qualite-eau');
    assert.equal(page.status, 200);
    // Markdown: a heading under the page's own (h1 → h3), no raw HTML, no javascript: link.
    assert.match(page.body, /<h3>Mesures<\/h3>/);
    assert.match(page.body, /<strong>hebdomadaires<\/strong>/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.doesNotMatch(page.body, /href="javascript:/);
    assert.match(page.body, /<a href="https:\/\/example.org\/eau">source<\/a>/);
    // The download says what it downloads (WCAG 2.4.4).
    const download = /<a class="[^"]*quai-download"[^>]*>/.exec(page.body)?.[0] ?? '';
    assert.match(download, /href="\/dataset\/[0-9a-f-]+\/resource\/[0-9a-f-]+\/download\/mesures-2024.csv"/);
    assert.match(download, /aria-label="Télécharger Mesures 2024 \(CSV, 19 octets\)"/);
    assert.match(text(page.body), /Licence Creative Commons Attribution 4\.0 \(CC BY 4\.0\)/);
    assert.match(text(page.body), /Fréquence de mise à jour Hebdomadaire/);
    assert.match(text(page.body), /du 1er janvier 2024 au 31 décembre 2024/);
    assert.match(page.body, /href="\/fr\/jeux-de-donnees\?tag=eau\+potable"/);
    assert.match(page.body, /href="http:\/\/quai.test\/dataset\/qualite-eau.ttl"/);
    assert.match(
      page.body,
      /curl &quot;http:\/\/quai.test\/api\/3\/action\/package_show\?id=qualite-eau&quot;/,
    );
    assert.match(page.body, /pandas.read_csv\(&quot;http:\/\/quai.test\/dataset\//);
    assert.match(text(page.body), /a créé le jeu de données/);
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)?.[1] ?? '{}';
    const structured = JSON.parse(jsonLd);
    assert.equal(structured['@type'], 'Dataset');
    assert.equal(structured.name, "Qualité de l'eau");
    assert.equal(structured.url, 'http://quai.test/fr/jeux-de-donnees/qualite-eau');
    assert.equal(structured.distribution[0].encodingFormat, 'text/csv');
    // The page may load only this site's files.
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  });

  test('resource, organisation and theme pages, and their lists', async () => {
    const web = new WebClient(current().app);
    const resourceId = open.resources[0]?.id ?? '';
    const resource = await web.get(`/en/datasets/qualite-eau/resources/${resourceId}`);
    assert.equal(resource.status, 200);
    assert.match(resource.body, /<h1>Measurements 2024<\/h1>/);
    assert.match(
      text(resource.body),
      /SHA-256 checksum Show the fingerprint \(to check a copy\) [0-9a-f]{64}/,
    );
    const organizations = await web.get('/fr/organisations');
    assert.match(text(organizations.body), /Ville Exemple 24 jeux de données/);
    const organization = await web.get('/fr/organisations/ville-exemple?page=2');
    assert.match(organization.body, /aria-current="page" aria-label="Page 2"/);
    assert.match(organization.body, /href="\/feeds\/organization\/ville-exemple.atom\?lang=fr"/);
    const theme = await web.get('/en/themes/environnement');
    assert.match(text(theme.body), /\b1 dataset\b(?!s)/);
    assert.match(theme.body, /Qualité de l'eau/);
    const api = await web.get('/en/api');
    assert.match(api.body, /<h1>API documentation<\/h1>/);
  });

  test('the API console: every read call can be tried from its documentation, with or without JavaScript', async () => {
    const web = new WebClient(current().app);
    const docs = await web.get('/fr/api');
    assert.match(docs.body, /<script[^>]+src="\/assets\/api-console\.[0-9a-f]+\.js"/);
    assert.match(
      docs.body,
      /<form method="get" action="\/fr\/api\/essayer" class="quai-api-try" data-api-try/,
    );
    assert.match(docs.body, /<input type="hidden" name="chemin" value="\/api\/v1\/datasets\/\{ref\}"\/>/);
    assert.match(docs.body, /name="p\.ref" required/);
    assert.match(docs.body, /<option value="package_search">package_search<\/option>/);
    // Without JavaScript the form leads to the call, its path filled and empty fields left out.
    const rest = await web.get(
      '/fr/api/essayer?chemin=%2Fapi%2Fv1%2Fdatasets%2F%7Bref%7D&p.ref=qualite-eau&p.unused=',
    );
    assert.equal(rest.status, 303);
    assert.equal(rest.location, '/api/v1/datasets/qualite-eau');
    const answer = await web.get(rest.location ?? '');
    assert.equal(answer.status, 200);
    const ckan = await web.get(
      '/en/api/try?chemin=%2Fapi%2F3%2Faction%2F%7Baction%7D&p.action=package_search&p.query=q%3Deau%26rows%3D2',
    );
    assert.equal(ckan.location, '/api/3/action/package_search?q=eau&rows=2');
    // Only documented read calls: not a write, not an address elsewhere.
    for (const refused of [
      '/fr/api/essayer?chemin=%2Fapi%2F3%2Faction%2F%7Baction%7D&p.action=package_delete',
      '/fr/api/essayer?chemin=https%3A%2F%2Fevil.example%2F',
      '/fr/api/essayer?chemin=%2Fapi%2Fv1%2Fnowhere',
    ]) {
      const reply = await web.get(refused);
      assert.equal(reply.status, 422, refused);
      assert.match(reply.body, /seuls les appels en lecture/);
    }
  });

  test('unknown pages and datasets answer 404 with a page in the right language', async () => {
    const web = new WebClient(current().app);
    const missing = await web.get('/en/datasets/nothing-here');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /<html lang="en">/);
    assert.match(missing.body, /<h1>Page not found<\/h1>/);
    const nowhere = await web.get('/fr/nulle-part');
    assert.equal(nowhere.status, 404);
    assert.match(nowhere.body, /<h1>Page introuvable<\/h1>/);
    // Programs still get problem+json.
    const api = await web.get('/api/v1/nowhere');
    assert.equal(api.status, 404);
    assert.match(String(api.headers['content-type']), /application\/problem\+json/);
  });

  test('a private dataset appears nowhere for visitors', async () => {
    const web = new WebClient(current().app);
    assert.equal((await web.get('/fr/jeux-de-donnees/budget-confidentiel')).status, 404);
    for (const url of [
      '/fr/jeux-de-donnees?q=budget',
      '/fr',
      '/fr/organisations/ville-exemple',
      '/feeds/dataset.atom',
    ]) {
      assert.doesNotMatch((await web.get(url)).body, /confidentiel/, url);
    }
    const sitemap = await web.get('/sitemaps/datasets-1.xml');
    assert.doesNotMatch(sitemap.body, /confidentiel/);
    assert.match(text((await web.get('/fr/organisations')).body), /Ville Exemple 24 jeux de données/);
  });

  test('pages are compressed, and assets are cached for good under versioned names', async () => {
    const web = new WebClient(current().app);
    const page = await web.get('/fr', { 'accept-encoding': 'gzip' });
    assert.equal(page.headers['content-encoding'], 'gzip');
    // A page without a form sets no cookie: shared caches may keep it.
    assert.equal(page.headers['set-cookie'], undefined);
    assert.match(String((await web.get('/fr/connexion')).headers['set-cookie']), /quai_csrf=/);
    const stylesheets = [
      ...(await web.get('/fr')).body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g),
    ].map((match) => match[1] ?? '');
    assert.equal(stylesheets.length, 2);
    assert.match(stylesheets[1] ?? '', /^\/assets\/quai\.[0-9a-f]{12}\.css$/);
    for (const url of stylesheets) {
      const asset = await web.get(url);
      assert.equal(asset.status, 200, url);
      assert.match(String(asset.headers['cache-control']), /immutable/);
    }
    const font = await web.get(
      stylesheets[0]?.replace('css/qc-sdg.min.css', 'fonts/open-sans-v43-latin-regular.woff2') ?? '',
    );
    assert.equal(font.status, 200);
  });
});
