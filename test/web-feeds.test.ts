import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SYSTEM } from '../src/modules/accounts/index.js';
import { describeEachEngine } from './helpers/app.js';
import { call, datasetInput, seedOrganization, seedTheme } from './helpers/fixtures.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/** Parses XML after checking it is well-formed. */
function parseXml(body: string) {
  assert.equal(XMLValidator.validate(body), true, 'well-formed XML');
  return parser.parse(body);
}

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describeEachEngine('feeds, sitemaps and robots.txt', (current) => {
  before(async () => {
    const { ctx } = current();
    const city = await seedOrganization(ctx, 'ville', 'Ville & Cie <test>');
    const other = await seedOrganization(ctx, 'autre', 'Autre organisation');
    await seedTheme(ctx, 'transport', 'Transport');
    await ctx.catalog.datasets.create(
      SYSTEM,
      datasetInput('velo', {
        ownerOrg: city.id,
        title: { fr: 'Pistes cyclables', en: 'Bike paths' },
        notes: { fr: 'Le réseau **cyclable** & ses <b>pistes</b>.', en: null },
        tags: ['vélo'],
        groups: ['transport'],
      }),
    );
    await ctx.catalog.datasets.create(
      SYSTEM,
      datasetInput('bus', { ownerOrg: other.id, title: { fr: 'Arrêts de bus', en: null } }),
    );
    await ctx.catalog.datasets.create(
      SYSTEM,
      datasetInput('secret', { ownerOrg: city.id, title: { fr: 'Secret', en: null }, private: true }),
    );
    await ctx.catalog.datasets.create(
      SYSTEM,
      datasetInput('brouillon', { ownerOrg: city.id, title: { fr: 'Brouillon', en: null }, state: 'draft' }),
    );
  });

  test('the Atom feed of recent datasets is valid Atom, in the asked language, public datasets only', async () => {
    const { app } = current();
    const reply = await call(app, 'GET', '/feeds/dataset.atom?lang=en');
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^application\/atom\+xml/);
    const { feed } = parseXml(reply.body);
    assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed['@xml:lang'], 'en');
    assert.equal(feed.id, 'http://quai.test/feeds/dataset.atom?lang=en');
    const entries = list(feed.entry);
    assert.deepEqual(entries.map((entry) => entry.link['@href']).sort(), [
      'http://quai.test/en/datasets/bus',
      'http://quai.test/en/datasets/velo',
    ]);
    const bike = entries.find((entry) => entry.link['@href'].endsWith('/velo'));
    assert.equal(bike.title, 'Bike paths');
    assert.equal(bike.summary['#text'], 'Le réseau cyclable & ses <b>pistes</b>.');
    assert.equal(bike.summary['@xml:lang'], 'fr');
    assert.equal(bike.author.name, 'Ville & Cie <test>');
    assert.match(bike.id, /^urn:uuid:[0-9a-f-]{36}$/);
    assert.ok(!Number.isNaN(Date.parse(bike.updated)));
  });

  test('each organisation and theme has its feed; an unknown one is 404', async () => {
    const { app } = current();
    const city = parseXml((await call(app, 'GET', '/feeds/organization/ville.atom?lang=fr')).body).feed;
    assert.deepEqual(
      list(city.entry).map((entry) => entry.title),
      ['Pistes cyclables'],
    );
    assert.equal(
      city.link.find((link: Record<string, string>) => link['@rel'] === 'alternate')['@href'],
      'http://quai.test/fr/organisations/ville',
    );
    const theme = parseXml((await call(app, 'GET', '/feeds/group/transport.atom')).body).feed;
    assert.equal(list(theme.entry).length, 1);
    assert.equal((await call(app, 'GET', '/feeds/organization/nulle-part.atom')).status, 404);
  });

  test('the sitemap lists every public page in both languages, with their twins', async () => {
    const { app } = current();
    const index = parseXml((await call(app, 'GET', '/sitemap.xml')).body);
    const files = list(index.sitemapindex.sitemap).map((entry) => entry.loc);
    assert.deepEqual(files, [
      'http://quai.test/sitemaps/pages.xml',
      'http://quai.test/sitemaps/datasets-1.xml',
    ]);
    const datasets = parseXml((await call(app, 'GET', '/sitemaps/datasets-1.xml')).body);
    const urls = list(datasets.urlset.url);
    assert.deepEqual(urls.map((url) => url.loc).sort(), [
      'http://quai.test/en/datasets/bus',
      'http://quai.test/en/datasets/velo',
      'http://quai.test/fr/jeux-de-donnees/bus',
      'http://quai.test/fr/jeux-de-donnees/velo',
    ]);
    const alternates = urls[0]['xhtml:link'].map((link: Record<string, string>) => link['@hreflang']);
    assert.deepEqual(alternates, ['fr', 'en']);
    const pages = parseXml((await call(app, 'GET', '/sitemaps/pages.xml')).body);
    const locations = list(pages.urlset.url).map((url) => url.loc);
    assert.ok(locations.includes('http://quai.test/en/organizations/ville'));
    assert.ok(locations.includes('http://quai.test/fr/themes/transport'));
    assert.equal((await call(app, 'GET', '/sitemaps/datasets-2.xml')).status, 404);
  });

  test('robots.txt points to the sitemap and keeps robots out of the workspace', async () => {
    const reply = await call(current().app, 'GET', '/robots.txt');
    assert.match(reply.body, /^User-agent: \*$/m);
    assert.match(reply.body, /^Disallow: \/fr\/espace$/m);
    assert.match(reply.body, /^Disallow: \/en\/workspace$/m);
    assert.match(reply.body, /^Sitemap: http:\/\/quai.test\/sitemap.xml$/m);
  });
});
