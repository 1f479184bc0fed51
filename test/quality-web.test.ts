/**
 * The metadata quality score on the portal, in French and in English, on the demo catalogue: every
 * demo dataset gets a score, and they vary; the dataset page's section (the score in words beside
 * its gauge, each criterion with ✓ or ✗ and its verdict in words, why and how); search sorted and
 * filtered by quality; the organisation's dashboard for publishers.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadDemoContent } from '../src/demo/index.js';
import { USERS } from '../src/demo/publishers.js';
import { describeEachEngine } from './helpers/app.js';
import { WebClient } from './helpers/web-client.js';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const EDITOR = USERS.find((user) => user.name === 'editeur-demo');
/** Every criterion met: the demo's example (its columns are all described). */
const COMPLETE = 'aires-protegees';
const DATASET = 'qualite-eau-potable-resultats-analyses';

describeEachEngine('the quality pages', (current) => {
  const scores = new Map<string, number>();

  before(async () => {
    const { ctx } = current();
    await loadDemoContent(ctx);
    // Each demo dataset is scored by the jobs its creation started: wait for every one.
    for await (const page of ctx.quality.scores.allDatasets())
      for (const dataset of page)
        scores.set(dataset.name, (await ctx.quality.scores.settled(dataset.id, () => true)).score);
  });

  test('every demo dataset has a score, and they vary: some meet every criterion, others fall short', async () => {
    const values = [...scores.values()];
    assert.ok(values.length >= 30, `${values.length} demo datasets`);
    assert.ok(values.some((score) => score >= 80));
    assert.ok(values.some((score) => score < 50));
    assert.ok(new Set(values).size >= 6, `scores: ${[...new Set(values)].sort().join(', ')}`);
    assert.equal(scores.get(COMPLETE), 100);
  });

  test('the dataset page explains the score, criterion by criterion, in both languages', async () => {
    const web = new WebClient(current().app);
    const fr = await web.get(`/fr/jeux-de-donnees/${DATASET}`);
    assert.equal(fr.status, 200);
    const score = scores.get(DATASET);
    assert.match(fr.body, /<h2 id="qualite">Qualité des métadonnées<\/h2>/);
    assert.match(fr.body, new RegExp(`<meter[^>]*value="${score}"[^>]*aria-labelledby="qualite-score"`));
    assert.match(text(fr.body), new RegExp(`Score : ${score} sur 100, qualité élevée\\.`));
    const page = text(fr.body);
    assert.match(page, /✓ Licence ouverte — Réussi \(poids 15\) Constat : Creative Commons/);
    assert.match(
      page,
      /✗ Dictionnaire de données rempli — À améliorer \(poids 10\) Constat : 0 colonne décrite sur 8/,
    );
    assert.match(page, /Pourquoi c’est important Sans description des colonnes/);
    // A failed criterion's explanation is open; a passed one's folded.
    assert.match(fr.body, /<details class="quai-criterion-details" open><summary>/);
    assert.match(page, /Qualité des métadonnées \d+ sur 100/, 'the score among the metadata, linked');
    const en = await web.get(`/en/datasets/${DATASET}`);
    assert.match(en.body, /<h2 id="qualite">Metadata quality<\/h2>/);
    assert.match(text(en.body), new RegExp(`Score: ${score} out of 100, high quality\\.`));
    assert.match(
      text(en.body),
      /✗ Data dictionary filled — To improve \(weight 10\) Finding: 0 of 8 columns described/,
    );
    assert.match(text(en.body), /How to fix it In each table’s dictionary, describe every column/);
  });

  test('search: sorted by quality, best first, and filtered by level, in both languages', async () => {
    const web = new WebClient(current().app);
    const fr = await web.get('/fr/jeux-de-donnees?sort=quality');
    assert.equal(fr.status, 200);
    assert.match(fr.body, /<option value="quality" selected>Meilleure qualité des métadonnées<\/option>/);
    const shown = [...text(fr.body).matchAll(/Qualité des métadonnées : (\d+) sur 100/g)].map((m) =>
      Number(m[1]),
    );
    assert.equal(shown.length, 20);
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => b - a),
    );
    assert.equal(shown[0], 100);
    assert.match(fr.body, /<legend>Qualité des métadonnées<\/legend>/);
    assert.match(text(fr.body), /Élevée \(80 et plus\) \(\d+\)/);
    const medium = await web.get('/fr/jeux-de-donnees?quality=medium&sort=quality');
    const mediums = [...text(medium.body).matchAll(/Qualité des métadonnées : (\d+) sur 100/g)].map((m) =>
      Number(m[1]),
    );
    assert.ok(mediums.length > 0 && mediums.every((value) => value >= 50 && value < 80), mediums.join(', '));
    const en = await web.get('/en/datasets?sort=quality&quality=high');
    assert.match(en.body, /<option value="quality" selected>Best metadata quality<\/option>/);
    const highs = [...text(en.body).matchAll(/Metadata quality: (\d+) out of 100/g)].map((m) => Number(m[1]));
    assert.ok(highs.length > 0 && highs.every((value) => value >= 80), highs.join(', '));
  });

  test('the dashboard: an organisation’s datasets worst first, with what to improve, for signed-in publishers', async () => {
    if (!EDITOR) throw new Error('no demo editor');
    const web = new WebClient(current().app);
    const anonymous = await web.get('/fr/organisations/ministere-environnement/qualite');
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.location ?? '', /^\/fr\/connexion\?next=/);
    await web.signIn(EDITOR.name, EDITOR.password);
    const workspace = await web.get('/fr/espace');
    assert.match(workspace.body, /href="\/fr\/organisations\/ministere-environnement\/qualite"/);
    const fr = await web.get('/fr/organisations/ministere-environnement/qualite');
    assert.equal(fr.status, 200);
    const page = text(fr.body);
    assert.match(page, /Qualité des métadonnées : Ministère de l/);
    assert.match(page, /Score moyen \d+(,\d)? sur 100/);
    const rows = [...fr.body.matchAll(/class="quai-quality-item-score">Score : (\d+) sur 100/g)].map((m) =>
      Number(m[1]),
    );
    assert.ok(rows.length >= 4);
    assert.deepEqual(
      rows,
      [...rows].sort((a, b) => a - b),
      'worst first',
    );
    assert.match(page, /Critères à améliorer/);
    assert.match(page, /Dictionnaire de données rempli : \d+ colonnes? décrites? sur \d+/);
    assert.match(fr.body, new RegExp(`href="/fr/jeux-de-donnees/${COMPLETE}#qualite"`));
    assert.match(page, /Aucun : tous les critères applicables sont réussis\./);
    const en = await web.get('/en/organizations/ministere-environnement/quality');
    assert.match(text(en.body), /Average score \d+(\.\d)? out of 100/);
    assert.match(text(en.body), /Criteria to improve/);
  });
});
