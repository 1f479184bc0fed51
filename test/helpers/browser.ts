import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { loadDemoContent } from '../../src/demo/index.js';
import { startTestApp, type TestApp } from './app.js';

/** Debian's Chromium (installed by `.ci/run` when missing); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context whose waits are for the page's state (a URL, an element, an event), however
 * long a busy machine takes — up to five minutes without any change, which is a hang: the wait
 * then fails naming what it waited for, and the run goes on (test/run.ts limits the whole run).
 */
const HANG_MS = 5 * 60_000;

export async function newContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  // Not a guess at how long things take (they take seconds): a wait that has seen nothing for
  // five minutes is a hang, and failing names what it waited for instead of stalling the run.
  context.setDefaultTimeout(HANG_MS);
  context.setDefaultNavigationTimeout(HANG_MS);
  return context;
}

/** Signs in through the form, as a person would. */
export async function signIn(
  page: Page,
  baseUrl: string,
  login: string,
  password: string,
  locale: 'fr' | 'en' = 'fr',
): Promise<void> {
  await page.goto(`${baseUrl}/${locale}/${locale === 'fr' ? 'connexion' : 'sign-in'}`);
  await page.locator('#login').fill(login);
  await page.locator('#password').fill(password);
  await page
    .locator('form[action$="connexion"], form[action$="sign-in"]')
    .locator('button[type=submit]')
    .click();
  await page.waitForURL(/\/(espace|workspace)/);
}

/** The demo portal on a free port, for browser tests and screenshots. */
export async function startDemoPortal(
  env: Record<string, string> = {},
): Promise<{ baseUrl: string; testApp: TestApp }> {
  const testApp = await startTestApp('pglite', env);
  await loadDemoContent(testApp.ctx);
  const baseUrl = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { baseUrl, testApp };
}

/**
 * Presses Tab until the element has the focus, as a keyboard user would; fails when it never
 * does (unreachable, or a trap), and when the focus is not visible once there (WCAG 2.4.7).
 */
export async function tabTo(page: Page, target: Locator, maxPresses = 150): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press('Tab');
    // count() does not wait: a target that is not (yet) on the page is one more Tab, never a stall.
    const focused =
      (await target.count()) > 0 &&
      (await target.evaluate((element) => element === document.activeElement).catch(() => false));
    if (focused) {
      const visible = await target.evaluate((element) => {
        const style = getComputedStyle(element);
        const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
        return outline || style.boxShadow !== 'none';
      });
      if (!visible)
        throw new Error(
          `the focus on ${await target.evaluate((element) => element.outerHTML.slice(0, 120))} is not visible`,
        );
      return;
    }
  }
  throw new Error(`Tab never reached ${target}`);
}
