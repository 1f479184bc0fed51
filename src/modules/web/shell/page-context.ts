import type { Locale } from '../../../platform/i18n/index.js';
import type { Actor } from '../../accounts/index.js';
import type { Translate } from '../i18n/messages.js';
import type { PageAddress } from '../i18n/paths.js';
import type { AssetUrls } from './assets.js';

/** What every page needs to render: its language, who is reading, and where it is. */
export interface PageContext {
  locale: Locale;
  t: Translate;
  siteTitle: string;
  baseUrl: string;
  /** Where this page is: the language switch links to the same place in the other language. */
  address: PageAddress;
  actor: Actor;
  /** To put in every form (CSRF protection). */
  csrfToken: string;
  /** A short status message to announce, after a redirect ("saved", "signed out"…). */
  notice: string | null;
  /** Scripts this page needs (URLs), loaded as modules at the end of the body. */
  scripts: string[];
  assets: AssetUrls;
}
