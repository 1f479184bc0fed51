/**
 * Screenshots of the main pages, in French and English, at 1280 and 375 pixels wide, into
 * `screenshots/`: `npm run screenshots`. The portal runs on a temporary embedded database with
 * the demo content; the workspace pages are taken signed in as the demo editor.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { USERS } from '../src/demo/publishers.js';
import { launchBrowser, signIn, startDemoPortal } from '../test/helpers/browser.js';

const OUT = path.resolve('screenshots');
const WIDTHS = [1280, 375];

const PUBLIC_PAGES: Record<'fr' | 'en', [string, string][]> = {
  fr: [
    ['accueil', '/fr'],
    ['recherche', '/fr/jeux-de-donnees?q=eau&format=CSV'],
    ['jeu-de-donnees', '/fr/jeux-de-donnees/qualite-eau-potable-resultats-analyses'],
    ['organisations', '/fr/organisations'],
    ['themes', '/fr/themes'],
    ['api', '/fr/api'],
    ['appels-d-offres', '/fr/appels-d-offres'],
    ['appel-d-offres', '/fr/appels-d-offres/ocds-ec9k95-0000002'],
    ['politique-ocds', '/fr/marches-publics/politique-de-publication'],
    ['referentiels', '/fr/referentiels'],
    ['referentiel', '/fr/referentiels/municipalites?q=stanbridge'],
    ['code-retire', '/fr/referentiels/municipalites/46030'],
    ['changements', '/fr/referentiels/municipalites/versions/2019.0.0-fictif'],
    ['etat-referentiel', '/fr/referentiels/municipalites/etat'],
    ['connexion', '/fr/connexion'],
    ['introuvable', '/fr/nulle-part'],
  ],
  en: [
    ['home', '/en'],
    ['search', '/en/datasets?q=water&format=CSV'],
    ['dataset', '/en/datasets/qualite-eau-potable-resultats-analyses'],
    ['organizations', '/en/organizations'],
    ['sign-in', '/en/sign-in'],
    ['tenders', '/en/tenders?status=all&category=works'],
    ['reference', '/en/reference/municipalites'],
    ['successor', '/en/reference/municipalites/46027'],
  ],
};
const WORKSPACE_PAGES: [string, string][] = [
  ['espace', '/fr/espace'],
  // Publishing: the confirmation of a draft, and the publication page of a published dataset.
  ['publier', '/fr/jeux-de-donnees/indicateurs-mobilite-brouillon/publier'],
  ['publication', '/fr/jeux-de-donnees/qualite-eau-potable-resultats-analyses/publication'],
  ['nouveau-jeu-de-donnees', '/fr/espace/nouveau-jeu-de-donnees'],
  [
    'ajouter-une-ressource',
    '/fr/jeux-de-donnees/qualite-eau-potable-resultats-analyses/ajouter-une-ressource',
  ],
  ['jetons', '/fr/espace/jetons'],
];

const { baseUrl, testApp } = await startDemoPortal();

/** The first resource of a demo dataset (ids are made when the demo loads). */
async function firstResource(dataset: string): Promise<string> {
  const reply = await fetch(`${baseUrl}/api/3/action/package_show?id=${dataset}`);
  const body = (await reply.json()) as { result: { resources: { id: string }[] } };
  const id = body.result.resources[0]?.id;
  if (!id) throw new Error(`${dataset} has no resource`);
  return id;
}
// The resource page with its chart, a map of spatial data, and a search that finds nothing.
const analyses = await firstResource('qualite-eau-potable-resultats-analyses');
const trees = await firstResource('arbres-publics-montreal');
PUBLIC_PAGES.fr.push(
  [
    'ressource-graphique',
    `/fr/jeux-de-donnees/qualite-eau-potable-resultats-analyses/ressources/${analyses}`,
  ],
  [
    'ressource-filtres',
    `/fr/jeux-de-donnees/qualite-eau-potable-resultats-analyses/ressources/${analyses}?filtres=1&parametre=Plomb`,
  ],
  ['ressource-carte', `/fr/jeux-de-donnees/arbres-publics-montreal/ressources/${trees}?vue=carte`],
  ['recherche-sans-resultat', '/fr/jeux-de-donnees?q=xylophone%20zzz'],
  ['recherche-faute', '/fr/jeux-de-donnees?q=budjet'],
);
PUBLIC_PAGES.en.push(
  ['resource-chart', `/en/datasets/qualite-eau-potable-resultats-analyses/resources/${analyses}`],
  ['resource-map', `/en/datasets/arbres-publics-montreal/resources/${trees}?vue=carte`],
  ['search-no-results', '/en/datasets?q=xylophone%20zzz'],
);
const browser = await launchBrowser();
await mkdir(OUT, { recursive: true });
try {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'fr-CA' });
    const page = await context.newPage();
    for (const [locale, pages] of Object.entries(PUBLIC_PAGES)) {
      for (const [name, url] of pages) {
        await page.goto(baseUrl + url);
        if (url.includes('vue=carte')) await page.waitForSelector('[data-map-ready]');
        await page.screenshot({ path: path.join(OUT, `${locale}-${name}-${width}.png`), fullPage: true });
      }
    }
    const editor = USERS.find((user) => user.name === 'editeur-demo');
    if (!editor) throw new Error('no demo editor');
    await signIn(page, baseUrl, editor.name, editor.password);
    for (const [name, url] of WORKSPACE_PAGES) {
      await page.goto(baseUrl + url);
      await page.screenshot({ path: path.join(OUT, `fr-${name}-${width}.png`), fullPage: true });
    }
    await context.close();
  }
  console.log(`Screenshots in ${path.relative(process.cwd(), OUT)}/`);
} finally {
  await browser.close();
  await testApp.close();
}
