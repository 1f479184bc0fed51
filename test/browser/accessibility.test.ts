/**
 * axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules on every page type, in French and in
 * English, signed out and signed in, in Debian's Chromium. Browser tests run on the embedded
 * database only: they test pages, and the HTTP tests already run every page on both engines.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { USERS } from '../../src/demo/publishers.js';
import { bromontPermits } from '../../src/demo/schemas.js';
import { SYSTEM } from '../../src/modules/accounts/index.js';
import type { TestApp } from '../helpers/app.js';
import { launchBrowser, newContext, signIn, startDemoPortal } from '../helpers/browser.js';
import { seedDecidedRequests } from '../helpers/partners.js';
import { until } from '../helpers/wait.js';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DATASET = 'qualite-eau-potable-resultats-analyses';
/** Trees with latitude and longitude: their page shows a map. */
const TREES = 'arbres-publics-montreal';
/** Eco-centres whose municipality codes are bound to the reference set: an integrity report. */
const ECOCENTRES = 'ecocentres-brome-missisquoi';
/** Bromont's permits declare the urban-planning schema: their page shows its conformance. */
const PERMITS = 'permis-de-construction-bromont';
const EDITOR = USERS.find((user) => user.name === 'editeur-demo');
const ADMIN = USERS.find((user) => user.name === 'admin-demo');

/**
 * The same page types in both languages; `{resource}` is a resource of the dataset above,
 * `{line}` and `{scatter}` views saved on it, `{trees}` the trees' resource, `{ecocentres}` the
 * eco-centres' (codes checked against the municipalities: errors, warnings), `{enterprise}` a
 * renamed enterprise of the demo registry. The reference pages show the demo's versions (a
 * FICTITIOUS one with a merger) and, on the status pages, two days of probe samples. `{permits}`
 * is Bromont's permits (a schema's report with three errors), `{report}` the validator's report of
 * the same file.
 */
const PUBLIC_PAGES = {
  fr: [
    '/fr',
    '/fr/jeux-de-donnees',
    '/fr/jeux-de-donnees?q=eau&format=CSV&sort=recent',
    '/fr/jeux-de-donnees?q=zzzzqqq',
    '/fr/jeux-de-donnees?sort=quality&quality=high',
    `/fr/jeux-de-donnees/${DATASET}`,
    `/fr/jeux-de-donnees/${DATASET}/ressources/{resource}`,
    `/fr/jeux-de-donnees/${DATASET}/ressources/{resource}?q=turbidite&sort=-valeur&page=2`,
    `/fr/jeux-de-donnees/${DATASET}/ressources/{resource}?vue={line}`,
    `/fr/jeux-de-donnees/${DATASET}/ressources/{resource}?vue={scatter}`,
    `/fr/jeux-de-donnees/${TREES}/ressources/{trees}?vue=carte`,
    `/fr/jeux-de-donnees/${ECOCENTRES}/ressources/{ecocentres}`,
    '/fr/organisations',
    '/fr/organisations/affaires-municipales',
    '/fr/themes',
    '/fr/themes/environnement',
    '/fr/api',
    '/fr/appels-d-offres',
    '/fr/appels-d-offres?status=all&min=beaucoup',
    '/fr/appels-d-offres/ocds-ec9k95-0000002',
    '/fr/marches-publics/politique-de-publication',
    '/fr/registre-des-entreprises',
    '/fr/registre-des-entreprises?q=tremblay&status=registered',
    '/fr/registre-des-entreprises/{enterprise}',
    '/fr/referentiels',
    '/fr/referentiels/municipalites',
    '/fr/referentiels/municipalites?q=stanbridge&mrc=460',
    '/fr/referentiels/municipalites/versions/2019.0.0-fictif',
    '/fr/referentiels/municipalites/46030',
    '/fr/referentiels/municipalites/46095?asOf=2017-02-30',
    '/fr/referentiels/municipalites/etat',
    '/fr/referentiels/entreprises?q=tremblay',
    '/fr/schemas-de-donnees',
    '/fr/schemas-de-donnees/permis-de-construction',
    '/fr/valider?schema=permis-de-construction%401.0.0',
    '/fr/valider/{report}',
    `/fr/jeux-de-donnees/${PERMITS}/ressources/{permits}`,
    '/fr/ecosystemes',
    '/fr/ecosystemes/urbanisme',
    '/fr/rejoindre?ecosysteme=urbanisme',
    '/fr/rejoindre/demande-envoyee?compte=nouveau',
    '/fr/connexion',
    '/fr/inscription',
    '/fr/demandes-de-donnees',
    '/fr/demandes-de-donnees/3',
    '/fr/mot-de-passe-oublie',
    '/fr/compte/confirmer/lien-de-confirmation',
    '/fr/utilisateurs/editeur-demo',
    '/fr/mot-de-passe/lien-perime',
    '/fr/alertes/desabonnement/lien-inconnu',
    '/fr/reutilisations',
    '/fr/reutilisations/carte-de-la-canopee-montrealaise',
    '/fr/appels-de-projets',
    '/fr/appels-de-projets/hackqc-2027',
    '/fr/consultations',
    '/fr/consultations/plan-d-action-2027-2030-pour-les-donnees-ouvertes',
    `/fr/jeux-de-donnees/${TREES}/discussions/{thread}`,
    '/fr/nulle-part',
  ],
  en: [
    '/en',
    '/en/datasets?q=water&format=CSV',
    '/en/datasets?sort=quality',
    `/en/datasets/${DATASET}`,
    `/en/datasets/${DATASET}/resources/{resource}`,
    `/en/datasets/${DATASET}/resources/{resource}?vue={scatter}`,
    `/en/datasets/${TREES}/resources/{trees}?vue=carte`,
    `/en/datasets/${ECOCENTRES}/resources/{ecocentres}`,
    '/en/organizations',
    '/en/organizations/affaires-municipales',
    '/en/themes/environnement',
    '/en/api',
    '/en/tenders?category=works',
    '/en/tenders/ocds-ec9k95-0000002',
    '/en/procurement/publication-policy',
    '/en/business-registry?q=tremblya&from=2020-13-01',
    '/en/business-registry/{enterprise}',
    '/en/reference',
    '/en/reference/municipalites?q=46030',
    '/en/reference/municipalites/versions/2016.0.0',
    '/en/reference/municipalites/46027',
    '/en/reference/pays/DE?asOf=2020-01-01',
    '/en/reference/municipalites/status',
    '/en/reference/entreprises/{enterprise}',
    '/en/data-schemas',
    '/en/data-schemas/oeuvres-cinematographiques',
    '/en/validate',
    '/en/validate/{report}',
    `/en/datasets/${PERMITS}/resources/{permits}`,
    '/en/ecosystems',
    '/en/ecosystems/culture',
    '/en/join',
    '/en/join/request-sent',
    '/en/sign-in',
    '/en/sign-up',
    '/en/data-requests?statut=refused',
    '/en/data-requests/4',
    '/en/forgot-password',
    '/en/reuses?type=application',
    '/en/calls-for-projects/hackqc-2027',
    '/en/users/admin-demo',
    '/en/consultations/jeux-de-donnees-prioritaires-pour-2026',
    `/en/datasets/${TREES}/discussions/{thread}`,
    '/en/nowhere',
  ],
};
const SIGNED_IN_PAGES = {
  fr: [
    '/fr',
    '/fr/espace',
    '/fr/espace/nouveau-jeu-de-donnees',
    `/fr/jeux-de-donnees/${DATASET}`,
    `/fr/jeux-de-donnees/${DATASET}/modifier`,
    `/fr/jeux-de-donnees/${DATASET}/ajouter-une-ressource`,
    `/fr/jeux-de-donnees/${DATASET}/ressources/{resource}/dictionnaire`,
    `/fr/jeux-de-donnees/${ECOCENTRES}/ressources/{ecocentres}/dictionnaire`,
    '/fr/espace/jetons',
    '/fr/espace/supprimer-mon-compte',
    '/fr/demandes-de-donnees/nouvelle',
    '/fr/espace/webhooks',
    '/fr/espace/suivis',
    '/fr/reutilisations/nouvelle',
    '/fr/reutilisations/carte-de-la-canopee-montrealaise',
    '/fr/demandes-de-donnees/2',
    '/fr/organisations/affaires-municipales/membres',
    '/fr/organisations/ministere-environnement/qualite',
    `/fr/jeux-de-donnees/${TREES}`,
    '/fr/espace/mes-demandes-d-adhesion',
    // Discussions: the publisher's reply (official) and moderation forms; opening one; commenting.
    `/fr/jeux-de-donnees/${TREES}/discussions/{thread}`,
    `/fr/jeux-de-donnees/${TREES}/discussions/nouvelle`,
    '/fr/consultations/plan-d-action-2027-2030-pour-les-donnees-ouvertes',
    // Publishing: a draft's gaps, the publication page, a resource's edit and delete pages.
    '/fr/jeux-de-donnees/indicateurs-mobilite-brouillon/publier',
    `/fr/jeux-de-donnees/${DATASET}/publication`,
    `/fr/jeux-de-donnees/${DATASET}/ressources/{resource}/modifier`,
    `/fr/jeux-de-donnees/${DATASET}/ressources/{resource}/supprimer`,
  ],
  en: [
    '/en/workspace',
    '/en/workspace/new-dataset',
    `/en/datasets/${DATASET}/edit`,
    `/en/datasets/${DATASET}/add-resource`,
    `/en/datasets/${DATASET}/resources/{resource}/dictionary`,
    `/en/datasets/${ECOCENTRES}/resources/{ecocentres}/dictionary`,
    '/en/workspace/tokens',
    '/en/workspace/follows',
    '/en/tenders?category=works',
    '/en/organizations/affaires-municipales/members',
    '/en/organizations/ministere-environnement/quality',
    `/en/datasets/${TREES}`,
    '/en/workspace/my-join-requests',
    '/en/datasets/indicateurs-mobilite-brouillon/publish',
    `/en/datasets/${DATASET}/publication`,
    `/en/datasets/${DATASET}/resources/{resource}/edit`,
  ],
};
/**
 * Join requests: the sysadmins' page (the demo's waiting request and two decided ones), and the
 * requester's page of the partner they come from (its checklist, and the reason of a refusal).
 */
const JOIN_PAGES = {
  sysadmin: [
    '/fr/espace/demandes-d-adhesion',
    '/en/workspace/join-requests',
    // A reuse awaiting moderation: the administrator's publish and refuse forms.
    '/fr/reutilisations/ou-sont-les-arbres-de-ma-rue',
    // Moderation (a message held), opening a consultation.
    '/fr/espace/moderation',
    '/en/workspace/moderation',
    '/fr/consultations/nouvelle',
    // Harvesting: the sources, the demo's source (a test and a run), in both languages.
    '/fr/espace/moissonnage',
    '/en/workspace/harvest',
    '/fr/espace/moissonnage/gatineau-donnees-ouvertes',
    '/en/workspace/harvest/gatineau-donnees-ouvertes',
  ],
  partner: ['/fr/espace/mes-demandes-d-adhesion', '/en/workspace/my-join-requests'],
};
const PARTNER = { email: 'regie-axe@quai.example', password: 'motdepasse-regie-axe' };

async function violations(page: Page): Promise<string[]> {
  // Violations only: axe skips gathering the passes and incomplete results nobody reads here.
  // (options() replaces what withTags() sets, so the tags go in the same options.)
  const results = await new AxeBuilder({ page })
    .options({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] })
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
  );
}

describe('accessibility (axe, WCAG 2.2 AA)', () => {
  let portal: { baseUrl: string; testApp: TestApp };
  let browser: Browser;
  let visitor: BrowserContext;
  let editor: BrowserContext;
  const placeholders: Record<string, string> = {};

  before(async () => {
    portal = await startDemoPortal();
    browser = await launchBrowser();
    visitor = await newContext(browser);
    editor = await newContext(browser);
    const page = await editor.newPage();
    if (!EDITOR) throw new Error('no demo editor');
    await signIn(page, portal.baseUrl, EDITOR.name, EDITOR.password);
    await page.close();
    const firstResource = async (name: string) =>
      (await portal.testApp.ctx.catalog.datasets.get(SYSTEM, name)).resources[0]?.id ?? '';
    placeholders.resource = await firstResource(DATASET);
    placeholders.trees = await firstResource(TREES);
    placeholders.ecocentres = await firstResource(ECOCENTRES);
    // Resource pages are checked with their data: wait for the demo files' loads.
    for (const id of [placeholders.resource, placeholders.trees]) {
      const load = await portal.testApp.ctx.datastore.ingest.settled(id);
      assert.equal(load.state, 'done', `the demo file of ${id} loads`);
    }
    // A link of the trees that leads nowhere, checked: their page lists it to publishers.
    const trees = await portal.testApp.ctx.catalog.datasets.get(SYSTEM, TREES);
    await portal.testApp.ctx.catalog.resources.create(SYSTEM, trees.id, {
      url: `${portal.baseUrl}/introuvable.xml`,
      name: { fr: 'Ancienne adresse', en: 'Former address' },
      description: { fr: null, en: null },
      format: 'XML',
      mimetype: null,
      resourceType: null,
      extras: {},
      upload: null,
    });
    await portal.testApp.ctx.quality.links.checkDataset(trees.id);
    // The ecosystem's consolidated table (built by the jobs), and decided join requests.
    await until(
      async () =>
        (await portal.testApp.ctx.schemas.ecosystems.overview(SYSTEM, 'urbanisme')).consolidations.length > 0,
    );
    await seedDecidedRequests(portal.testApp.ctx, PARTNER);
    // The permits' report (made after their load), and a report of the public validator.
    placeholders.permits = await firstResource(PERMITS);
    const validation = portal.testApp.ctx.schemas.validation;
    await until(async () => (await validation.resourceReport(SYSTEM, placeholders.permits ?? '')) !== null);
    const directory = await mkdtemp(path.join(os.tmpdir(), 'quai-axe-'));
    try {
      const file = path.join(directory, 'permis.csv');
      await writeFile(file, bromontPermits());
      placeholders.report = (
        await validation.validateFile(file, 'permis-de-construction@1.0.0', 'permis.csv')
      ).id;
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    // An enterprise of the demo registry that changed its name (its page has a history).
    const { changes } = await portal.testApp.ctx.registry.service.changes(null, 1000);
    placeholders.thread =
      (await portal.testApp.ctx.community.discussions.ofDataset(SYSTEM, TREES)).threads[0]?.id ?? '';
    placeholders.enterprise = changes.find((change) => change.kind === 'renamed')?.neq ?? '';
    // Samples of the reference sets' probe (nothing answers it here), for the status pages' charts.
    for (const daysAgo of [1, 0])
      await portal.testApp.ctx.reference.probes.probe(Date.now() - daysAgo * 86_400_000);
    // A line and a scatter plot saved on the water analyses, as a publisher would.
    const views = portal.testApp.ctx.datastore.savedViews;
    placeholders.line = (
      await views.create(SYSTEM, placeholders.resource, {
        title: { fr: 'Valeur moyenne selon la date', en: 'Mean value by date' },
        spec: { kind: 'line', x: 'date_prelevement', measure: { fn: 'avg', column: 'valeur' } },
      })
    ).id;
    placeholders.scatter = (
      await views.create(SYSTEM, placeholders.resource, {
        title: { fr: 'Valeur et norme', en: 'Value and standard' },
        spec: { kind: 'scatter', x: 'norme', y: 'valeur' },
      })
    ).id;
  });

  after(async () => {
    await browser?.close();
    await portal?.testApp.close();
  });

  /** A page's address, its placeholders filled in. */
  const address = (path: string) =>
    portal.baseUrl + path.replace(/\{(\w+)\}/g, (_, name: string) => placeholders[name] ?? '');

  const check = async (context: BrowserContext, path: string) => {
    const page = await context.newPage();
    try {
      await page.goto(address(path));
      if (path.includes('vue=carte')) await page.waitForSelector('[data-map-ready]');
      if (await page.$('[data-box-map]')) await page.waitForSelector('[data-box-map][data-map-ready]');
      assert.deepEqual(await violations(page), [], path);
      // What axe cannot see: on a 375 px phone the page never scrolls sideways (WCAG 1.4.10).
      await page.setViewportSize({ width: 375, height: 800 });
      const overflow = await page.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        wide: Array.from(document.querySelectorAll('body *'))
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 3)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
      }));
      assert.ok(
        overflow.width <= 375,
        `${path} is ${overflow.width} px wide at 375: ${overflow.wide.join(', ')}`,
      );
      // Chart text stays readable on the phone: drawn at 12 px or more (WCAG 1.4.4).
      const sizes = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.quai-chart-svg text'))
          // Only what is drawn (a folded or hidden chart has no size to check).
          .filter((text) => text.getClientRects().length > 0)
          .map((text) => ({
            text: text.textContent ?? '',
            // The drawing's scale, whatever the rotation (an axis name is turned a quarter).
            size:
              Number.parseFloat(getComputedStyle(text).fontSize) *
              Math.hypot(
                (text as SVGGraphicsElement).getScreenCTM()?.a ?? 1,
                (text as SVGGraphicsElement).getScreenCTM()?.b ?? 0,
              ),
          })),
      );
      const small = sizes.find(({ size }) => !(size >= 12));
      assert.equal(small, undefined, `${path}: chart text « ${small?.text} » ${small?.size} px high at 375`);
    } finally {
      await page.close();
    }
  };

  test('the checker finds violations when there are some', async () => {
    const page = await visitor.newPage();
    await page.setContent(
      '<html><body><img src="x.png"><a href="#"></a><p style="color:#ccc">pâle</p></body></html>',
    );
    const found = (await violations(page)).map((violation) => violation.split(' ')[0]);
    assert.deepEqual(found.sort(), [
      'color-contrast',
      'document-title',
      'html-has-lang',
      'image-alt',
      'link-name',
    ]);
    await page.close();
  });

  for (const locale of ['fr', 'en'] as const) {
    test(`every page type, signed out, in ${locale === 'fr' ? 'French' : 'English'}`, async () => {
      for (const path of PUBLIC_PAGES[locale]) await check(visitor, path);
    });

    test(`the workspace, and every page type as a signed-in publisher sees it, in ${locale === 'fr' ? 'French' : 'English'}`, async () => {
      const pages = new Set([...SIGNED_IN_PAGES[locale], ...PUBLIC_PAGES[locale]]);
      for (const path of pages) await check(editor, path);
    });
  }

  test('join requests: the sysadmins’ page, and a partner’s checklist and refusal, in both languages', async () => {
    for (const [role, login, password] of [
      ['sysadmin', ADMIN?.name ?? '', ADMIN?.password ?? ''],
      ['partner', PARTNER.email, PARTNER.password],
    ] as const) {
      const context = await newContext(browser);
      const page = await context.newPage();
      await signIn(page, portal.baseUrl, login, password);
      for (const path of JOIN_PAGES[role]) await check(context, path);
      if (role === 'sysadmin') {
        // A refusal without its reason: the error next to that request's field.
        await page.goto(`${portal.baseUrl}/fr/espace/demandes-d-adhesion`);
        await page
          .getByRole('button', { name: /^Refuser la demande/ })
          .first()
          .click();
        await page.locator('.quai-error-summary').waitFor();
        assert.deepEqual(await violations(page), [], 'a refusal without its reason');
        // A harvest run's report, and the source form with its errors.
        for (const locale of ['fr', 'en'] as const) {
          const base = locale === 'fr' ? '/fr/espace/moissonnage' : '/en/workspace/harvest';
          await page.goto(`${portal.baseUrl}${base}/gatineau-donnees-ouvertes`);
          await page.locator('#executions ~ * a, section[aria-labelledby=executions] a').first().click();
          await page.locator('h1').waitFor();
          assert.deepEqual(await violations(page), [], `${locale}: a harvest run's report`);
          await page.goto(`${portal.baseUrl}${base}`);
          await page.locator('main form button[type=submit]').last().click();
          await page.locator('.quai-error-summary').waitFor();
          assert.deepEqual(await violations(page), [], `${locale}: the source form with its errors`);
        }
      }
      await context.close();
    }
  });

  test('forms showing their errors (sign-in, dataset, resource, validator, join), in both languages', async () => {
    const page = await editor.newPage();
    try {
      for (const [path, button] of [
        ['/fr/espace/nouveau-jeu-de-donnees', 'Créer le jeu de données'],
        ['/en/workspace/new-dataset', 'Create the dataset'],
        [`/fr/jeux-de-donnees/${DATASET}/ajouter-une-ressource`, 'Ajouter une ressource'],
        ['/en/validate', 'Validate'],
        ['/fr/rejoindre', 'Envoyer la demande'],
      ] as const) {
        await page.goto(portal.baseUrl + path);
        await page.getByRole('button', { name: button, exact: true }).click();
        // The form comes back at the same address: wait for its error summary.
        await page.locator('.quai-error-summary').waitFor();
        assert.equal(await page.locator('.quai-error-summary').count(), 1, path);
        // The summary has the focus, so a screen reader reads it first (WCAG 3.3.1).
        assert.equal(await page.evaluate(() => document.activeElement?.className), 'quai-error-summary');
        assert.deepEqual(await violations(page), [], `${path} with errors`);
      }
      const visitorPage = await visitor.newPage();
      await visitorPage.goto(`${portal.baseUrl}/en/sign-in`);
      await visitorPage.locator('#login').fill('nobody');
      await visitorPage.locator('#password').fill('wrong password');
      await visitorPage.getByRole('button', { name: 'Sign in', exact: true }).click();
      await visitorPage.locator('.quai-error-summary').waitFor();
      assert.deepEqual(await violations(visitorPage), [], 'sign-in error');
      // The join form as a visitor fills it (a password asked), sent empty.
      await visitorPage.goto(`${portal.baseUrl}/en/join`);
      await visitorPage.getByRole('button', { name: 'Send the request', exact: true }).click();
      await visitorPage.locator('.quai-error-summary').waitFor();
      assert.deepEqual(await violations(visitorPage), [], 'join form errors');
      // A one-time link to choose a password, sent with a password too short.
      const link = await portal.testApp.ctx.accounts.passwordLinks.issue(SYSTEM, EDITOR?.name ?? '');
      await visitorPage.goto(`${portal.baseUrl}/en/password/${link.token}`);
      await visitorPage.locator('#champ-password').fill('short');
      await visitorPage.getByRole('button', { name: 'Save the password', exact: true }).click();
      await visitorPage.locator('.quai-error-summary').waitFor();
      assert.deepEqual(await violations(visitorPage), [], 'password link form errors');
      await visitorPage.close();
    } finally {
      await page.close();
    }
  });

  test('pages fit a 320-pixel-wide screen without sideways scrolling (WCAG 1.4.10)', async () => {
    const narrow = await newContext(browser, { viewport: { width: 320, height: 640 } });
    const page = await narrow.newPage();
    for (const path of [
      '/fr',
      '/fr/jeux-de-donnees?q=eau',
      '/fr/jeux-de-donnees?sort=quality&quality=high',
      `/fr/jeux-de-donnees/${DATASET}`,
      `/fr/jeux-de-donnees/${ECOCENTRES}/ressources/{ecocentres}`,
      '/fr/referentiels/municipalites',
      '/fr/referentiels/municipalites/46030',
      '/fr/referentiels/municipalites/etat',
      '/fr/schemas-de-donnees/permis-de-construction',
      '/fr/valider/{report}',
      '/fr/ecosystemes/urbanisme',
      '/fr/rejoindre',
      '/fr/connexion',
    ]) {
      await page.goto(address(path));
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${path} is ${overflow} px too wide`);
    }
    await narrow.close();
  });
});
