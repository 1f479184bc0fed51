import { type Browser, chromium, type Page } from 'playwright-core';

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
