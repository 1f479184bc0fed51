/**
 * The reference data pages, in French and in English: the sets, a set (search, filters, versions
 * and their files, commitment), a version's change log, a code (a retired one with what replaces
 * it, at a date), and a set's measured status. The 2016 versions and the FICTITIOUS second version
 * of the municipalities are published first; the registry serves the enterprises.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { writeEditions } from '../src/demo/registry/write-edition.js';
import { builtinSnapshots, fictitiousMunicipalities } from '../src/modules/reference/index.js';
import { describeEachEngine } from './helpers/app.js';
import { WebClient } from './helpers/web-client.js';

/** What a reader sees: tags removed, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
/** The HTML of the element opened by `start` (the first one), up to `end`. */
const part = (html: string, start: string, end: string) => {
  const from = html.indexOf(start);
  assert.ok(from >= 0, `${start} is on the page`);
  return html.slice(from, html.indexOf(end, from + start.length));
};

describeEachEngine(
  'the reference data pages',
  (current) => {
    let enterprise = { neq: '', name: '' };

    before(async () => {
      const { ctx } = current();
      const snapshots = await builtinSnapshots();
      for (const snapshot of snapshots) await ctx.reference.publishing.publish(snapshot, { by: 'test' });
      const municipalities = snapshots.find((snapshot) => snapshot.set === 'municipalites');
      if (!municipalities) throw new Error('no municipalities');
      await ctx.reference.publishing.publish(fictitiousMunicipalities(municipalities), { by: 'test' });
      // Three probe rounds on three days (nothing answers at the probe's address: unavailable).
      const now = Date.now();
      for (const daysAgo of [2, 1, 0]) await ctx.reference.probes.probe(now - daysAgo * 86_400_000);
      await ctx.reference.publishing.announce({
        set: 'municipalites',
        effectiveOn: '2027-01-01',
        description: { fr: 'Ajout du code de la région', en: 'Region code added' },
        announcedBy: 'test',
      });
      const directory = await mkdtemp(path.join(os.tmpdir(), 'quai-web-reference-'));
      try {
        const [edition] = await writeEditions({ seed: 7, enterprises: 60, churn: 0 }, 1, directory);
        if (edition) await ctx.registry.imports.importEdition(edition.zip);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
      const [first] = (
        await ctx.reference.reference.list('entreprises', { q: 'inc', filters: {}, limit: 1, offset: 0 })
      ).entities;
      enterprise = { neq: first?.code ?? '', name: first?.name ?? '' };
    });

    test('the list of sets: what each identifies, how, its current version, producer, FICTIVE badge', async () => {
      const web = new WebClient(current().app);
      const page = await web.get('/fr/referentiels');
      assert.equal(page.status, 200);
      assert.match(page.body, /<title>Données de référence — /);
      assert.match(page.body, /<a href="\/fr\/referentiels" aria-current="page">Référentiels<\/a>/);
      const municipalities = part(page.body, 'href="/fr/referentiels/municipalites"', '</li>');
      assert.match(
        municipalities,
        /Municipalités du Québec<\/a><span class="quai-badge quai-badge-fictitious"> FICTIVE/,
      );
      assert.match(text(municipalities), /Type d’entité Municipalité/);
      assert.match(text(municipalities), /Identifiant Code géographique \(ISQ\)/);
      assert.match(text(municipalities), /Version courante 2019\.0\.0-fictif, du 1er janvier 2019/);
      assert.match(text(municipalities), /Nombre de codes 1 284/);
      assert.match(text(municipalities), /Producteur Institut de la statistique du Québec/);
      assert.match(text(municipalities), /Millésime 2016/);
      const mrc = part(page.body, 'href="/fr/referentiels/mrc"', '</li>');
      assert.doesNotMatch(mrc, /FICTIVE/);
      assert.match(text(mrc), /2016\.0\.0, du 10 mai 2016 .* 93 /);
      const english = await web.get('/en/reference');
      assert.match(english.body, /<html lang="en">/);
      assert.match(english.body, /<h1>Reference data<\/h1>/);
      assert.match(
        english.body,
        /Québec municipalities<\/a><span class="quai-badge quai-badge-fictitious"> FICTITIOUS/,
      );
      assert.match(text(english.body), /2016 vintage/);
      assert.match(text(english.body), /Number of codes 1,284/);
      assert.match(english.body, /<a href="\/fr\/referentiels" lang="fr" hreflang="fr">Français<\/a>/);
    });

    test('a set: description, commitment, source, versions with their files, and every code listed', async () => {
      const web = new WebClient(current().app);
      const page = await web.get('/fr/referentiels/municipalites');
      assert.equal(page.status, 200);
      assert.match(page.body, /<title>Municipalités du Québec — /);
      const words = text(page.body);
      assert.match(words, /La version 2019\.0\.0-fictif est FICTIVE/);
      assert.match(
        words,
        /Producteur Institut de la statistique du Québec Diffuseur Données Québec \(Quai\)/,
      );
      assert.match(words, /Mise à jour Annuelle Âge maximal 400 jours/);
      assert.match(words, /99 % pour les fichiers, 99,5 % pour l’API/);
      assert.match(words, /Préavis d’un changement de structure 90 jours/);
      assert.match(page.body, /href="mailto:donnees\.reference@quai\.example"/);
      assert.match(words, /Licence CC0-1\.0/);
      assert.match(page.body, /href="\/fr\/referentiels\/municipalites\/etat"/);
      // Every code, retired ones too, 25 a page.
      assert.match(words, /1 288 codes/);
      assert.match(page.body, /aria-label="Page 52"/);
      // The region is never given by the source: not a column, not a filter, said once.
      assert.doesNotMatch(page.body, /name="region"/);
      assert.equal(words.split('ne donne pas la région administrative').length - 1, 1);
      // Versions, newest first, with their files at permanent addresses.
      const versions = part(page.body, 'id="versions"', '</table>');
      assert.match(
        versions,
        /href="\/fr\/referentiels\/municipalites\/versions\/2019\.0\.0-fictif">2019\.0\.0-fictif<\/a><span class="quai-badge quai-badge-fictitious"/,
      );
      assert.ok(versions.indexOf('2019.0.0-fictif') < versions.indexOf('2016.0.0'));
      assert.match(
        text(versions),
        /2016\.0\.0 10 mai 2016 .* 1 285 0 entities\.csv entities\.json entities\.parquet datapackage\.json/,
      );
      assert.match(text(versions), /2019\.0\.0-fictif FICTIVE 1er janvier 2019 .* 1 284 9 /);
      const files = [
        ...versions.matchAll(
          /href="(\/api\/v1\/reference\/municipalites\/versions\/2016\.0\.0\/files\/[^"]+)"/g,
        ),
      ];
      assert.equal(files.length, 4);
      for (const [, url] of files) assert.equal((await web.get(url ?? '')).status, 200, url);
      assert.match(
        versions,
        /aria-label="Télécharger entities\.csv de la version 2016\.0\.0 \([0-9 ,]+ ko\)"/,
      );
      const english = await web.get('/en/reference/municipalites');
      assert.match(text(english.body), /99% for the files, 99\.5% for the API/);
      assert.match(text(english.body), /1,288 codes/);
      assert.match(english.body, /<h2 id="versions-titre">Versions<\/h2>/);
    });

    test('a set’s search: a name, a code (retired or not), a filter, the current codes only', async () => {
      const web = new WebClient(current().app);
      const byName = await web.get('/fr/referentiels/municipalites?q=stanbridge+station');
      const first = part(byName.body, '<tbody>', '</tr>');
      assert.match(first, /href="\/fr\/referentiels\/municipalites\/46030"/);
      assert.match(
        text(first),
        /46030 Stanbridge Station Municipalité 460 — Brome-Missisquoi 2446 Retiré le 1er janvier 2018/,
      );
      const byCode = await web.get('/fr/referentiels/municipalites?q=46030');
      assert.match(byCode.body, /<p role="status" class="quai-count">1 code<\/p>/);
      assert.match(
        byCode.body,
        /<input class="quai-input quai-input-long" id="champ-q" name="q" type="text" value="46030"/,
      );
      const onlyCurrent = await web.get('/fr/referentiels/municipalites?q=46030&status=current');
      assert.match(onlyCurrent.body, /Aucun code ne correspond\./);
      const brome = await web.get('/fr/referentiels/municipalites?mrc=460');
      assert.match(text(brome.body), /24 codes/);
      assert.match(brome.body, /<option value="460" selected lang="fr">460 — Brome-Missisquoi<\/option>/);
      const inUse = await web.get('/fr/referentiels/municipalites?mrc=460&status=current');
      assert.match(text(inUse.body), /20 codes/);
      assert.doesNotMatch(inUse.body, /46030/);
      // The type is chosen by its designation; the division, with many values, is typed.
      assert.match(brome.body, /<option value="V" lang="fr">V — Ville<\/option>/);
      assert.match(
        brome.body,
        /<input class="quai-input quai-input-short" id="champ-division" name="division"/,
      );
      const page2 = await web.get('/fr/referentiels/municipalites?status=current&page=2');
      assert.match(page2.body, /aria-current="page" aria-label="Page 2"/);
      assert.match(page2.body, /href="\/en\/reference\/municipalites\?status=current&amp;page=2"/);
      const countries = await web.get('/en/reference/pays?q=germany');
      assert.match(text(part(countries.body, '<tbody>', '</tr>')), /DE Germany DEU 276 Current/);
      const none = await web.get('/en/reference/regions?q=zzzzqqq');
      assert.match(none.body, /No code matches\./);
    });

    test('a version’s change log, by kind, with names before and after and the related codes linked', async () => {
      const web = new WebClient(current().app);
      const page = await web.get('/fr/referentiels/municipalites/versions/2019.0.0-fictif');
      assert.equal(page.status, 200);
      assert.match(page.body, /<title>Version 2019\.0\.0-fictif — Municipalités du Québec — /);
      const words = text(page.body);
      assert.match(words, /Version précédente 2016\.0\.0/);
      assert.match(words, /9 changements/);
      assert.match(words, /Regroupements et annexions \(3\)/);
      assert.match(words, /46030 Stanbridge Station 46027 — Pike River-Stanbridge/);
      assert.match(words, /Scissions \(1\) .* 46040 Bedford 46041 — Bedford-Nord 46042 — Bedford-Sud/);
      assert.match(
        words,
        /Créations \(3\) .* 46027 Pike River-Stanbridge 46025 — Pike River 46030 — Stanbridge Station/,
      );
      assert.match(words, /Changements de nom \(1\) .* 46095 Saint-Ignace-de-Stanbridge Saint-Ignace/);
      assert.match(words, /Désignation : Municipalité → Ville/);
      assert.match(page.body, /href="\/fr\/referentiels\/municipalites\/46027"/);
      const english = await web.get('/en/reference/municipalites/versions/2019.0.0-fictif');
      assert.match(text(english.body), /Mergers and annexations \(3\)/);
      assert.match(text(english.body), /Designation: Municipalité → Ville/);
      const first = await web.get('/en/reference/municipalites/versions/2016.0.0');
      assert.match(text(first.body), /The set’s first version: no change to report/);
      assert.equal((await web.get('/fr/referentiels/municipalites/versions/1999')).status, 404);
    });

    test('a retired code is never a bare 404: it says when and why, and what replaces it today', async () => {
      const web = new WebClient(current().app);
      const page = await web.get('/fr/referentiels/municipalites/46030');
      assert.equal(page.status, 200);
      assert.match(page.body, /<title>Stanbridge Station \(46030\) — Municipalités du Québec — /);
      const replaced = part(page.body, '<section class="quai-callout quai-replaced"', '</section>');
      assert.match(replaced, /<h2 id="remplace-par">Remplacé par<\/h2>/);
      assert.match(text(replaced), /retiré le 1er janvier 2018 \(regroupement\)/);
      assert.match(
        replaced,
        /<a href="\/fr\/referentiels\/municipalites\/46027"><span class="quai-code">46027<\/span> — Pike River-Stanbridge<\/a>/,
      );
      // The box comes before everything else the page says about the code.
      assert.ok(page.body.indexOf('quai-replaced') < page.body.indexOf('<h2>Attributs</h2>'));
      const words = text(page.body);
      assert.match(words, /Période de validité jusqu’au 31 décembre 2017/);
      assert.match(words, /MRC 460 — Brome-Missisquoi/);
      assert.match(page.body, /href="\/fr\/referentiels\/mrc\/460"/);
      assert.match(
        words,
        /Région administrative La source \(CGT 2016\) ne donne pas la région administrative/,
      );
      assert.match(words, /Successeurs 46027 — Pike River-Stanbridge \(regroupement, le 1er janvier 2018\)/);
      const english = await web.get('/en/reference/municipalites/46030');
      assert.match(english.body, /<h1 lang="fr">Stanbridge Station<\/h1>/);
      assert.match(text(english.body), /Replaced by This code was retired on January 1, 2018 \(merger\)/);
      const split = await web.get('/fr/referentiels/municipalites/46040');
      assert.match(
        text(part(split.body, 'quai-replaced', '</section>')),
        /46041 — Bedford-Nord 46042 — Bedford-Sud/,
      );
      const successor = await web.get('/en/reference/municipalites/46027');
      assert.doesNotMatch(successor.body, /quai-replaced/);
      assert.match(text(successor.body), /Validity period since January 1, 2018/);
      assert.match(
        text(successor.body),
        /Predecessors 46025 — Pike River \(merger, on January 1, 2018\) 46030 — Stanbridge Station/,
      );
      assert.match(text(successor.body), /Version 2019\.0\.0-fictif is FICTITIOUS/);
    });

    test('a code at a date: the description valid that day; a bad date is said; an unknown code is a 404 page', async () => {
      const web = new WebClient(current().app);
      const before = await web.get('/fr/referentiels/municipalites/46095?asOf=2017-01-01');
      assert.match(before.body, /<h1>Saint-Ignace-de-Stanbridge<\/h1>/);
      assert.match(text(before.body), /Description valide le 1er janvier 2017/);
      assert.match(
        text(before.body),
        /Cette description était valide jusqu’au 14 mars 2018\. Le code est toujours en vigueur/,
      );
      assert.match(
        before.body,
        /<input class="quai-input quai-input-short" id="champ-asOf" name="asOf" type="text" value="2017-01-01"/,
      );
      assert.match(
        before.body,
        /<label for="champ-asOf" class="quai-label">Voir ce code à une date<\/label>/,
      );
      assert.match(before.body, /href="\/en\/reference\/municipalites\/46095\?asOf=2017-01-01"/);
      const after = await web.get('/en/reference/municipalites/46095?asOf=2018-03-15');
      assert.match(after.body, /<h1 lang="fr">Saint-Ignace<\/h1>/);
      assert.match(
        text(after.body),
        /Predecessors 46095 — Saint-Ignace-de-Stanbridge \(renaming, on March 15, 2018\)/,
      );
      assert.match(after.body, /href="\/en\/reference\/municipalites\/46095\?asOf=2018-03-14"/);
      const notYet = await web.get('/fr/referentiels/municipalites/46027?asOf=2017-06-01');
      assert.match(text(notYet.body), /Ce code n’existait pas encore le 1er juin 2017/);
      const invalid = await web.get('/fr/referentiels/municipalites/46095?asOf=2017-02-30');
      assert.equal(invalid.status, 422);
      assert.match(invalid.body, /aria-invalid="true"/);
      assert.match(text(invalid.body), /Date invalide : utilisez le format AAAA-MM-JJ/);
      const unknown = await web.get('/fr/referentiels/municipalites/99999');
      assert.equal(unknown.status, 404);
      assert.match(unknown.body, /<h1>Page introuvable<\/h1>/);
      const english = await web.get('/en/reference/nowhere');
      assert.equal(english.status, 404);
      assert.match(english.body, /<h1>Page not found<\/h1>/);
    });

    test('a set’s status: freshness, availability against the targets, a chart with its table, notices', async () => {
      const web = new WebClient(current().app);
      const page = await web.get('/fr/referentiels/municipalites/etat');
      assert.equal(page.status, 200);
      assert.match(page.body, /<title>État du service : Municipalités du Québec — /);
      const words = text(page.body);
      assert.match(words, /Dernière version 2019\.0\.0-fictif/);
      assert.match(words, /Âge 0 jours \(maximum : 400 jours\) Statut À jour/);
      assert.match(
        words,
        /Mesure Mesurée Cible Statut API 0 % 99,5 % Non atteinte Fichiers 0 % 99 % Non atteinte/,
      );
      const svg = part(page.body, '<svg', '</svg>');
      assert.match(svg, /role="img" aria-labelledby="par-jour" aria-describedby="disponibilite-resume"/);
      assert.equal(
        [...svg.matchAll(/class="quai-chart-bar"/g)].length,
        3 + 1,
        'a bar a day, and the legend’s',
      );
      const days = part(page.body, 'id="disponibilite-jours"', '</table>');
      assert.equal([...days.matchAll(/<tr>/g)].length, 1 + 3);
      assert.match(
        text(page.body),
        /En vigueur le 1er janvier 2027 \(annoncé le [^)]+\) : Ajout du code de la région/,
      );
      const english = await web.get('/en/reference/municipalites/status');
      assert.match(english.body, /<h1>Service status: Québec municipalities<\/h1>/);
      assert.match(text(english.body), /Age 0 days \(maximum: 400 days\) Status Up to date/);
      assert.match(text(english.body), /Effective on January 1, 2027 .* Region code added/);
      const quiet = await web.get('/en/reference/pays/status');
      assert.match(text(quiet.body), /No notice of a structure change\./);
    });

    test('the enterprises: the registry’s set, searched by name or NEQ, without bulk files', async () => {
      const web = new WebClient(current().app);
      const empty = await web.get('/fr/referentiels/entreprises');
      assert.equal(empty.status, 200);
      assert.match(text(empty.body), /Entreprises du Québec \(NEQ\)/);
      assert.match(text(empty.body), /donnez un nom ou un NEQ pour chercher/);
      assert.match(text(empty.body), /Aucun fichier : ce jeu est servi par le registre/);
      assert.doesNotMatch(empty.body, /\/files\/entities/);
      const found = await web.get(`/fr/referentiels/entreprises?q=${enterprise.neq}`);
      assert.match(found.body, new RegExp(`href="/fr/referentiels/entreprises/${enterprise.neq}"`));
      const entity = await web.get(`/en/reference/entreprises/${enterprise.neq}`);
      assert.equal(entity.status, 200);
      assert.match(entity.body, new RegExp(`href="/en/business-registry/${enterprise.neq}"`));
      assert.doesNotMatch(entity.body, /name="asOf"/);
    });
  },
  // The probe calls an address where nothing answers: every sample is a failure, at once.
  { REFERENCE_PROBE_URL: 'http://127.0.0.1:9' },
);
