/**
 * The two journeys the portal exists for, done with the keyboard only, in Debian's Chromium:
 * finding and downloading data, and publishing it. Each runs in French and in English, with
 * JavaScript and without it.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { Browser, FileChooser, Page } from 'playwright-core';
import { CITIZEN } from '../../src/demo/community.js';
import { USERS } from '../../src/demo/publishers.js';
import type { TestApp } from '../helpers/app.js';
import { launchBrowser, newContext, startDemoPortal, tabTo } from '../helpers/browser.js';
import { startSmtpServer } from '../helpers/smtp.js';
import { until } from '../helpers/wait.js';

const EDITOR = USERS.find((user) => user.name === 'editeur-demo');

const WORDS = {
  fr: {
    skip: 'Passer au contenu',
    apply: 'Appliquer les filtres',
    newDataset: 'Nouveau jeu de données',
    create: 'Créer le jeu de données',
    addResource: 'Ajouter une ressource',
    publish: 'Publier…',
    confirmPublish: 'Confirmer la publication',
    published: 'Le jeu de données est publié.',
    signIn: '/fr/connexion',
    datasetPath: /\/fr\/jeux-de-donnees\/[a-z0-9-]+$/,
    tenders: 'Appels d’offres',
    searchTenders: 'Chercher les appels d’offres',
    tenderPath: /\/fr\/appels-d-offres\/ocds-/,
    feed: 'Fil Atom des nouveaux appels d’offres',
    municipalities: '/fr/referentiels/municipalites',
    replacedBy: 'Remplacé par',
    ecosystem: '/fr/ecosystemes/urbanisme',
    join: 'Rejoindre le portail',
    sendRequest: 'Envoyer la demande',
    requestSent: 'Demande envoyée',
    dataRequests: '/fr/demandes-de-donnees',
    askForData: 'Demander des données',
    publishRequest: 'Publier ma demande',
    requestPublished: 'Votre demande est publiée. Merci !',
    withdraw: 'Retirer mon appui',
    support: 'Appuyer cette demande',
    supporters: /^(\d+) appuis?$/,
    organization: 'Institut',
    follows: '/fr/espace/suivis',
    atOnce: 'Tout de suite',
    daily: 'Un résumé par jour',
    save: 'Enregistrer',
    follow: 'Suivre : Arbres publics sur le territoire de la ville',
    unfollow: 'Ne plus suivre : Arbres publics sur le territoire de la ville',
    followed: 'C’est noté : vous serez averti des changements.',
    trees: '/fr/jeux-de-donnees/arbres-publics-montreal',
    showYours: 'Montrer la vôtre',
    send: 'Envoyer',
    reuseSaved: 'Merci ! Votre réutilisation est enregistrée.',
    pending: 'En attente de modération',
  },
  en: {
    skip: 'Skip to content',
    apply: 'Apply filters',
    newDataset: 'New dataset',
    create: 'Create the dataset',
    addResource: 'Add a resource',
    publish: 'Publish…',
    confirmPublish: 'Confirm publication',
    published: 'The dataset is published.',
    signIn: '/en/sign-in',
    datasetPath: /\/en\/datasets\/[a-z0-9-]+$/,
    tenders: 'Tenders',
    searchTenders: 'Search tenders',
    tenderPath: /\/en\/tenders\/ocds-/,
    feed: 'Atom feed of new tenders',
    municipalities: '/en/reference/municipalites',
    replacedBy: 'Replaced by',
    ecosystem: '/en/ecosystems/urbanisme',
    join: 'Join the portal',
    sendRequest: 'Send the request',
    requestSent: 'Request sent',
    dataRequests: '/en/data-requests',
    askForData: 'Ask for data',
    publishRequest: 'Publish my request',
    requestPublished: 'Your request is published. Thank you!',
    withdraw: 'Withdraw my support',
    support: 'Support this request',
    supporters: /^(\d+) supporters?$/,
    organization: 'Institut',
    follows: '/en/workspace/follows',
    atOnce: 'At once',
    daily: 'A daily digest',
    save: 'Save',
    follow: 'Follow: Public trees in the city',
    unfollow: 'Stop following: Public trees in the city',
    followed: 'Done: you will be told of changes.',
    trees: '/en/datasets/arbres-publics-montreal',
    showYours: 'Show yours',
    send: 'Send',
    reuseSaved: 'Thank you! Your reuse is saved.',
    pending: 'Awaiting moderation',
  },
};

const VARIANTS = [
  { locale: 'fr', javaScript: true },
  { locale: 'en', javaScript: true },
  { locale: 'fr', javaScript: false },
  { locale: 'en', javaScript: false },
] as const;

/** Opens the focused file input's chooser from the keyboard (Space, as a keyboard user would). */
async function openFileChooser(page: Page): Promise<FileChooser> {
  // The file field has the focus, or Space would open nothing and the wait below would hang.
  assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), 'file');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  return chooser;
}

describe('keyboard journeys', () => {
  let portal: { baseUrl: string; testApp: TestApp };
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  before(async () => {
    // Mail leaves the portal for a real SMTP server on loopback, where the journeys read it.
    smtp = await startSmtpServer();
    portal = await startDemoPortal({ SMTP_URL: smtp.url });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await portal?.testApp.close();
    await smtp?.close();
  });

  async function newPage(javaScript: boolean): Promise<Page> {
    const context = await newContext(browser, { javaScriptEnabled: javaScript, acceptDownloads: true });
    const page = await context.newPage();
    // File choosers are intercepted from the start: the interception is switched on in the
    // browser when the first listener is added, and a listener added together with the key press
    // that opens the chooser could lose that race (the chooser then opens natively, unseen, and
    // the journey waits for an event that never comes).
    page.on('filechooser', () => undefined);
    return page;
  }

  /** Signs the demo citizen in with the keyboard, from the sign-in page of a language. */
  async function signInAsCitizen(page: Page, signInPath: string): Promise<void> {
    await page.goto(portal.baseUrl + signInPath);
    await tabTo(page, page.locator('#login'));
    await page.keyboard.type(CITIZEN.name);
    await tabTo(page, page.locator('#password'));
    await page.keyboard.type(CITIZEN.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/(espace|workspace)$/);
  }

  for (const { locale, javaScript } of VARIANTS) {
    const words = WORDS[locale];
    const label = `${locale === 'fr' ? 'French' : 'English'}, JavaScript ${javaScript ? 'on' : 'off'}`;

    test(`search → filter → open a dataset → download (${label})`, async () => {
      const page = await newPage(javaScript);
      await page.goto(`${portal.baseUrl}/${locale}`);
      // The skip link comes first, shows when focused, and leads to the main content.
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: words.skip });
      assert.equal(await skip.evaluate((element) => element === document.activeElement), true);
      assert.ok(((await skip.boundingBox())?.width ?? 0) > 10, 'the skip link is visible when focused');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'contenu');

      await tabTo(page, page.locator('#recherche'));
      await page.keyboard.type('eau');
      await page.keyboard.press('Enter');
      await page.waitForURL(/q=eau/);
      await tabTo(page, page.getByRole('checkbox', { name: /^CSV/ }));
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: words.apply }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/format=CSV/);
      assert.match(page.url(), /q=eau/, 'the query is kept with the filter');

      const first = page.locator('.quai-dataset-title a').first();
      const title = (await first.textContent())?.trim() ?? '';
      await tabTo(page, first);
      await page.keyboard.press('Enter');
      await page.waitForURL(words.datasetPath);
      assert.equal((await page.locator('h1').textContent())?.trim(), title);

      await tabTo(page, page.locator('a.quai-download').first());
      const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      assert.match(download.suggestedFilename(), /\.csv$/);
      const content = await readFile((await download.path()) ?? '', 'utf8');
      assert.ok(content.split('\n').length > 2, 'a CSV with rows was downloaded');
      await page.context().close();
    });

    test(`a supplier finds open tenders for services, opens one, finds the feed (${label})`, async () => {
      const page = await newPage(javaScript);
      await page.goto(`${portal.baseUrl}/${locale}`);
      await tabTo(page, page.getByRole('link', { name: words.tenders, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/appels-d-offres|tenders/);
      // The narrower filters are folded: Enter on their line opens them.
      await tabTo(page, page.locator('.quai-more-filters summary'));
      await page.keyboard.press('Enter');
      await tabTo(page, page.locator('#champ-category'));
      await page.keyboard.type('S');
      await tabTo(page, page.getByRole('button', { name: words.searchTenders }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/category=services/);
      const first = page.locator('.quai-dataset-title a').first();
      const title = (await first.textContent())?.trim() ?? '';
      assert.ok(title.length > 0, 'open tenders for services are listed');
      await tabTo(page, first);
      await page.keyboard.press('Enter');
      await page.waitForURL(words.tenderPath);
      assert.equal((await page.locator('h1').textContent())?.trim(), title);
      await page.goBack();
      await tabTo(page, page.getByRole('link', { name: words.feed }));
      const feed = await page.getByRole('link', { name: words.feed }).getAttribute('href');
      const atom = await fetch(`${portal.baseUrl}${feed}`);
      assert.match(atom.headers.get('content-type') ?? '', /application\/atom\+xml/);
      await page.context().close();
    });

    test(`find the successor of a merged municipality's code (${label})`, async () => {
      const page = await newPage(javaScript);
      await page.goto(portal.baseUrl + words.municipalities);
      // By its code in one language, by its former name in the other.
      const query = locale === 'fr' ? '46030' : 'stanbridge station';
      await tabTo(page, page.locator('#champ-q'));
      await page.keyboard.type(query);
      await page.keyboard.press('Enter');
      await page.waitForURL(/[?&]q=/);
      const result = page.locator('#codes tbody a', { hasText: '46030' }).first();
      await tabTo(page, result);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/46030$/);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Stanbridge Station');
      const box = page.locator('.quai-replaced');
      assert.equal((await box.locator('h2').textContent())?.trim(), words.replacedBy);
      const successor = box.getByRole('link', { name: /46027/ });
      await tabTo(page, successor);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/46027$/);
      assert.equal((await page.locator('h1').textContent())?.trim(), 'Pike River-Stanbridge');
      assert.equal(await page.locator('.quai-replaced').count(), 0, 'the successor is in use');
      assert.equal(await page.locator('main a[href$="/46030"]').count(), 1, 'it names the merged code');
      await page.context().close();
    });

    test(`an ecosystem's page → the join form filled with the keyboard → the confirmation (${label})`, async () => {
      const page = await newPage(javaScript);
      await page.goto(portal.baseUrl + words.ecosystem);
      await tabTo(page, page.locator('main').getByRole('link', { name: words.join, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/(rejoindre|join)\?ecosysteme=urbanisme$/);
      const who = `${locale}-${javaScript ? 'js' : 'sans-js'}`;
      await tabTo(page, page.locator('#champ-organizationTitle'));
      await page.keyboard.type(`Régie clavier ${who}`);
      // The kinds are radio buttons: Tab reaches the group, the arrows choose (the third: public body).
      await tabTo(page, page.locator('#champ-kind'));
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      assert.equal(await page.locator('#champ-kind-2').isChecked(), true);
      for (const [field, value] of [
        ['#champ-contactName', 'Camille Clavier'],
        ['#champ-contactEmail', `clavier-${who}@quai.example`],
        ['#champ-password', 'un-mot-de-passe-au-clavier'],
        ['#champ-plans', 'Nos collectes de matières résiduelles, chaque semaine.'],
      ] as const) {
        await tabTo(page, page.locator(field));
        await page.keyboard.type(value);
      }
      // Coming from the ecosystem's page, it is already chosen.
      assert.equal(await page.locator('#champ-ecosystem').inputValue(), 'urbanisme');
      await tabTo(page, page.getByRole('button', { name: words.sendRequest, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/(demande-envoyee|request-sent)\?compte=nouveau$/);
      assert.equal((await page.locator('h1').textContent())?.trim(), words.requestSent);
      const request = (
        await portal.testApp.ctx.schemas.partners.repo.list({ status: null, userId: null, limit: 50 })
      ).find((r) => r.organizationTitle === `Régie clavier ${who}`);
      assert.equal(request?.kind, 'organisme-public');
      assert.equal(request?.ecosystem, 'urbanisme');
      await page.context().close();
    });

    test(`a citizen asks for missing data, then withdraws and gives their support again (${label})`, async () => {
      const page = await newPage(javaScript);
      await signInAsCitizen(page, words.signIn);

      await page.goto(portal.baseUrl + words.dataRequests);
      await tabTo(page, page.locator('main').getByRole('link', { name: words.askForData, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/(nouvelle|new)$/);
      const title = `Horaires des piscines ${locale} ${javaScript ? 'js' : 'sans-js'}`;
      await tabTo(page, page.locator('#champ-title'));
      await page.keyboard.type(title);
      await tabTo(page, page.locator('#champ-description'));
      await page.keyboard.type(
        'Les heures de bain libre de chaque piscine municipale, mises à jour chaque semaine.',
      );
      // The organisation is a list: the keyboard chooses in it by typing its first letters.
      await tabTo(page, page.locator('#champ-organization'));
      await page.keyboard.type(words.organization);
      assert.equal(await page.locator('#champ-organization').inputValue(), 'institut-statistique-quebec');
      await tabTo(page, page.getByRole('button', { name: words.publishRequest, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/(demandes-de-donnees|data-requests)\/\d+$/);
      assert.equal((await page.locator('h1').textContent())?.includes(title), true);
      assert.equal((await page.getByRole('status').first().textContent())?.trim(), words.requestPublished);

      const count = async () => {
        const text = (await page.locator('#appuis').textContent())?.trim() ?? '';
        return Number(words.supporters.exec(text)?.[1]);
      };
      assert.equal(await count(), 1, 'the asker supports their request');
      await tabTo(page, page.getByRole('button', { name: words.withdraw, exact: true }));
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: words.support, exact: true }).waitFor();
      assert.equal(await count(), 0);
      await tabTo(page, page.getByRole('button', { name: words.support, exact: true }));
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: words.withdraw, exact: true }).waitFor();
      assert.equal(await count(), 1);
      await page.context().close();
    });

    // Two of the four variants: the follow form is the same small form with and without script.
    if ((locale === 'fr') === javaScript)
      test(`a citizen follows a dataset, asks to be told at once, and receives the email of its change (${label})`, async () => {
        const { ctx } = portal.testApp;
        // Each variant starts from the demo's daily digest (the previous one chose "at once").
        const citizen = await ctx.accounts.actorForUser(await ctx.accounts.requireUser(CITIZEN.name));
        await ctx.community.follows.setFrequency(citizen, 'daily');
        const page = await newPage(javaScript);
        await signInAsCitizen(page, words.signIn);

        await page.goto(portal.baseUrl + words.follows);
        // Tab reaches a radio group at its checked button (daily); an arrow key chooses another.
        await tabTo(page, page.getByRole('radio', { name: words.daily, exact: true }));
        await page.keyboard.press('ArrowUp');
        await tabTo(page, page.getByRole('button', { name: words.save, exact: true }));
        await page.keyboard.press('Enter');
        await page
          .getByRole('radio', { name: words.atOnce, exact: true })
          .and(page.locator(':checked'))
          .waitFor();

        await page.goto(portal.baseUrl + words.trees);
        await tabTo(page, page.getByRole('button', { name: words.follow, exact: true }));
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: words.unfollow, exact: true }).waitFor();
        assert.equal((await page.getByRole('status').first().textContent())?.trim(), words.followed);

        // The publisher adds a resource: the citizen's mail arrives on the SMTP server.
        const editor = await ctx.accounts.actorForUser(await ctx.accounts.requireUser('editeur-demo'));
        const before = smtp.received.length;
        const resource = `Inventaire ${locale} ${javaScript ? 'js' : 'sans-js'}`;
        await ctx.catalog.resources.create(editor, 'arbres-publics-montreal', {
          name: { fr: resource, en: null },
          description: { fr: null, en: null },
          url: `https://donnees.exemple.ca/${encodeURIComponent(resource)}.csv`,
          format: 'CSV',
          mimetype: null,
          resourceType: null,
          extras: {},
          upload: null,
        });
        const told = () =>
          smtp.received
            .slice(before)
            .find(
              (mail) =>
                mail.to === CITIZEN.email &&
                mail.text.includes(`Nouvelles données : Arbres publics sur le territoire de la ville`),
            );
        await until(() => told() !== undefined);
        assert.match(told()?.text ?? '', /\/fr\/jeux-de-donnees\/arbres-publics-montreal/);

        // Stopping, with the keyboard too (the next variant starts from the same portal).
        await tabTo(page, page.getByRole('button', { name: words.unfollow, exact: true }));
        await page.keyboard.press('Enter');
        await page.getByRole('button', { name: words.follow, exact: true }).waitFor();
        await page.context().close();
      });

    // The other two variants: a reuse is a plain form too.
    if ((locale === 'fr') !== javaScript)
      test(`a citizen shows a reuse from a dataset’s page; it waits for moderation (${label})`, async () => {
        const page = await newPage(javaScript);
        await signInAsCitizen(page, words.signIn);

        await page.goto(portal.baseUrl + words.trees);
        await tabTo(page, page.getByRole('link', { name: words.showYours, exact: true }), 400);
        await page.keyboard.press('Enter');
        await page.waitForURL(/(nouvelle|new)\?jeu=arbres-publics-montreal$/);
        const title = `Balade des arbres ${locale} ${javaScript ? 'js' : 'sans-js'}`;
        await tabTo(page, page.locator('#champ-title'));
        await page.keyboard.type(title);
        await tabTo(page, page.locator('#champ-description'));
        await page.keyboard.type(
          'Un parcours à pied qui passe par les plus vieux arbres publics du quartier.',
        );
        await tabTo(page, page.locator('#champ-url'));
        await page.keyboard.type('https://exemple.org/balade');
        assert.equal(await page.locator('#champ-datasets').inputValue(), 'arbres-publics-montreal');
        await tabTo(page, page.getByRole('button', { name: words.send, exact: true }));
        await page.keyboard.press('Enter');
        await page.waitForURL(/(reutilisations|reuses)\/balade-des-arbres/);
        assert.equal((await page.locator('h1').textContent())?.trim(), title);
        assert.equal((await page.getByRole('status').first().textContent())?.trim(), words.reuseSaved);
        assert.match((await page.locator('main').textContent()) ?? '', new RegExp(words.pending));
        await page.context().close();
      });

    test(`sign in → create a dataset → upload a file → publish (${label})`, async () => {
      if (!EDITOR) throw new Error('no demo editor');
      const page = await newPage(javaScript);
      await page.goto(portal.baseUrl + words.signIn);
      await tabTo(page, page.locator('#login'));
      await page.keyboard.type(EDITOR.name);
      await tabTo(page, page.locator('#password'));
      await page.keyboard.type(EDITOR.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/(espace|workspace)$/);

      await tabTo(page, page.getByRole('link', { name: words.newDataset, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/nouveau-jeu-de-donnees|new-dataset/);
      const title = `Comptages clavier ${locale} ${javaScript ? 'js' : 'sans-js'}`;
      await tabTo(page, page.locator('#champ-title_fr'));
      await page.keyboard.type(title);
      // The editor publishes for several organisations: none is chosen for them.
      await tabTo(page, page.locator('#champ-owner_org'));
      assert.equal(await page.locator('#champ-owner_org').inputValue(), '');
      await page.keyboard.press('ArrowDown');
      assert.notEqual(await page.locator('#champ-owner_org').inputValue(), '');
      await tabTo(page, page.locator('#champ-notes_fr'));
      await page.keyboard.type('Passages de vélos comptés **par heure**.');
      await tabTo(page, page.getByRole('button', { name: words.create, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(words.datasetPath);
      const datasetUrl = page.url();

      await tabTo(page, page.getByRole('link', { name: words.addResource, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/ajouter-une-ressource|add-resource/);
      await tabTo(page, page.locator('#champ-file'));
      const chooser = await openFileChooser(page);
      await chooser.setFiles({
        name: 'comptages.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('heure,passages\n8,120\n9,95\n'),
      });
      await tabTo(page, page.getByRole('button', { name: words.addResource, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(datasetUrl);
      assert.match((await page.locator('.quai-resources').textContent()) ?? '', /comptages\.csv/);

      // Publishing shows what becomes public and asks for confirmation.
      await tabTo(page, page.getByRole('link', { name: words.publish, exact: true }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/publier|publish/);
      assert.match((await page.locator('main').textContent()) ?? '', /comptages\.csv/);
      await tabTo(page, page.getByRole('button', { name: words.confirmPublish, exact: true }));
      await page.keyboard.press('Enter');
      await page.locator('.quai-notice', { hasText: words.published }).waitFor();
      assert.equal(await page.locator('.quai-badge-draft').count(), 0, 'no longer a draft');
      const visitor = await fetch(datasetUrl);
      assert.equal(visitor.status, 200, 'everyone sees the published dataset');
      assert.match(await visitor.text(), new RegExp(title));
      await page.context().close();
    });
  }

  test('the code samples are tabs with JavaScript (arrow keys move between them), sections without', async () => {
    const url = `${portal.baseUrl}/en/datasets/qualite-eau-potable-resultats-analyses`;
    const page = await newPage(true);
    await page.goto(url);
    const tabs = page.getByRole('tab');
    assert.deepEqual(await tabs.allTextContents(), ['curl', 'Python', 'R']);
    assert.equal(await page.getByRole('tabpanel').count(), 1, 'one panel shows at a time');
    await tabTo(page, tabs.first());
    await page.keyboard.press('ArrowRight');
    assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
    assert.equal(await tabs.nth(1).evaluate((element) => element === document.activeElement), true);
    assert.match((await page.getByRole('tabpanel').textContent()) ?? '', /import requests/);
    await page.keyboard.press('End');
    assert.match((await page.getByRole('tabpanel').textContent()) ?? '', /library\(jsonlite\)/);
    await page.context().close();
    const plain = await newPage(false);
    await plain.goto(url);
    assert.equal(await plain.getByRole('tab').count(), 0);
    assert.equal(await plain.locator('.quai-code-sample pre').count(), 3);
    await plain.context().close();
  });

  test('a map’s features are reachable by keyboard: a list before the map centres and describes each', async () => {
    const reply = await fetch(`${portal.baseUrl}/api/3/action/package_show?id=arbres-publics-montreal`);
    const trees = ((await reply.json()) as { result: { resources: { id: string }[] } }).result.resources[0]
      ?.id;
    const page = await newPage(true);
    await page.goto(
      `${portal.baseUrl}/fr/jeux-de-donnees/arbres-publics-montreal/ressources/${trees}?vue=carte`,
    );
    await page.waitForSelector('[data-map-ready]');
    const picker = page.getByLabel('Aller à une entité de la carte');
    await tabTo(page, picker);
    await page.keyboard.press('ArrowDown');
    // The status line says the chosen feature's properties; its popup is open on the map.
    await page
      .locator('.quai-map-said')
      .filter({ hasText: /arrondissement : / })
      .waitFor();
    assert.equal(await page.locator('.leaflet-popup .quai-map-properties').count(), 1);
    await page.context().close();
  });

  test('a dataset’s coverage shows as a rectangle on a small map, under the words that say it', async () => {
    const page = await newPage(true);
    await page.goto(`${portal.baseUrl}/fr/jeux-de-donnees/arbres-publics-montreal`);
    const map = page.locator('.quai-box-map[data-map-ready="box"]');
    await map.waitFor();
    // The rectangle is drawn; the map is a picture of the words: hidden from screen readers, no focus.
    assert.equal(await map.locator('path').count(), 1);
    assert.equal(await map.getAttribute('aria-hidden'), 'true');
    assert.equal(
      await map.evaluate((element) => element.querySelectorAll('[tabindex], a, button').length),
      0,
    );
    assert.match((await page.locator('.quai-coverage-box').textContent()) ?? '', /^Ouest -73[,.]\d+, sud 45/);
    assert.equal(await page.locator('.quai-box-map-credit').isVisible(), true);
    await page.context().close();
    // Without JavaScript, the words alone.
    const plain = await newPage(false);
    await plain.goto(`${portal.baseUrl}/fr/jeux-de-donnees/arbres-publics-montreal`);
    assert.equal(await plain.locator('.quai-box-map').isVisible(), false);
    assert.equal(await plain.locator('.quai-box-map-credit').isVisible(), false);
    assert.equal(await plain.locator('.quai-coverage-box').isVisible(), true);
    await plain.context().close();
  });

  test('Tab goes through a whole page and out of it: no keyboard trap', async () => {
    const page = await newPage(true);
    await page.goto(`${portal.baseUrl}/fr/jeux-de-donnees/qualite-eau-potable-resultats-analyses`);
    const last = page.locator('.qc-piv-footer a');
    await tabTo(page, last, 300);
    await page.keyboard.press('Tab');
    assert.notEqual(await last.evaluate((element) => element === document.activeElement), true);
    await page.context().close();
  });

  test('with JavaScript, a large upload shows its progress and resumes after a network cut', async () => {
    if (!EDITOR) throw new Error('no demo editor');
    const page = await newPage(true);
    await page.goto(`${portal.baseUrl}/fr/connexion`);
    await page.locator('#login').fill(EDITOR.name);
    await page.locator('#password').fill(EDITOR.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/espace$/);
    const form = `${portal.baseUrl}/fr/jeux-de-donnees/stations-qualite-air/ajouter-une-ressource`;
    await page.goto(form);
    // The script shows the field of the chosen kind only.
    assert.equal(await page.locator('[data-link-field]').isHidden(), true);
    await page.getByLabel('Un lien vers des données ailleurs').check();
    assert.equal(await page.locator('[data-upload-field]').isHidden(), true);
    await page.getByLabel('Un fichier à téléverser').check();
    // The second piece is cut once; the script asks where the upload stands and sends the rest.
    let patches = 0;
    let cut = false;
    await page.route('**/uploads/*', async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      patches += 1;
      if (patches === 2 && !cut) {
        cut = true;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    const size = 20 * 1024 * 1024;
    const bytes = Buffer.alloc(size, 'a');
    await page
      .locator('#champ-file')
      .setInputFiles({ name: 'gros.csv', mimeType: 'text/csv', buffer: bytes });
    const statuses: string[] = [];
    await page.exposeFunction('recordStatus', (text: string) => statuses.push(text));
    await page.evaluate(() => {
      const status = document.querySelector('#progression-televersement');
      if (!status) throw new Error('no status');
      new MutationObserver(() =>
        (window as unknown as { recordStatus(text: string): void }).recordStatus(status.textContent ?? ''),
      ).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await page.getByRole('button', { name: 'Ajouter une ressource' }).click();
    await page.waitForURL(/\/fr\/jeux-de-donnees\/stations-qualite-air$/);
    assert.ok(cut, 'the connection was cut once');
    assert.ok(patches >= 4, `the file went in pieces (${patches} requests)`);
    assert.ok(
      statuses.some((text) => /reprise/.test(text)),
      `the cut was announced: ${statuses.join(' | ')}`,
    );
    assert.ok(
      statuses.some((text) => /100 %/.test(text)),
      'the progress reached 100 %',
    );
    const dataset = await portal.testApp.ctx.catalog.datasets.get(
      { user: null, memberships: new Map() },
      'stations-qualite-air',
    );
    const uploaded = dataset.resources.find((resource) => resource.upload?.filename === 'gros.csv');
    assert.equal(uploaded?.size, size);
    await page.context().close();
  });
});
