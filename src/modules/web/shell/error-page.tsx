import { href } from '../i18n/paths.js';
import { Layout } from '../ui/layout.js';
import type { PageContext } from './page-context.js';

/** A page that says what went wrong, in the page's language, and where to go from there. */
export function ErrorPage({ ctx, title, text }: { ctx: PageContext; title: string; text: string }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <ul>
        <li>
          <a href={href(locale, 'home')}>{t('home')}</a>
        </li>
        <li>
          <a href={href(locale, 'search')}>{t('searchTitle')}</a>
        </li>
      </ul>
    </Layout>
  );
}
