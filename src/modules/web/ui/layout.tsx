import type { ComponentChildren } from 'preact';
import { href, otherLocale, type Page } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { CSRF_FIELD } from '../shell/web-cookies.js';

export interface Crumb {
  label: string;
  href?: string;
}

interface LayoutProps {
  ctx: PageContext;
  /** The page's own title, put before the site's in <title>. */
  title: string;
  children: ComponentChildren;
  /** Extra <head> content: structured data, feeds, canonical links. */
  head?: ComponentChildren;
  breadcrumbs?: Crumb[];
  /** Which main navigation entry is current. */
  section?: Page;
}

const NAVIGATION: [
  Page,
  (
    | 'navDatasets'
    | 'navOrganizations'
    | 'navThemes'
    | 'navTenders'
    | 'navRegistry'
    | 'navReference'
    | 'navSchemas'
    | 'navEcosystems'
    | 'navApi'
  ),
][] = [
  ['search', 'navDatasets'],
  ['organizations', 'navOrganizations'],
  ['themes', 'navThemes'],
  ['tenders', 'navTenders'],
  ['registry', 'navRegistry'],
  ['referenceSets', 'navReference'],
  ['schemas', 'navSchemas'],
  ['ecosystems', 'navEcosystems'],
  ['api', 'navApi'],
];

/**
 * Every page's frame: the PIV header (skip link, logo, title, language switch, account link), the
 * main navigation, the main landmark with breadcrumbs and status message, and the PIV footer.
 */
export function Layout({ ctx, title, children, head, breadcrumbs, section }: LayoutProps) {
  const { t, locale } = ctx;
  const other = otherLocale(locale);
  const alternate = href(other, ctx.address.page, ctx.address.params, ctx.address.query);
  const home = href(locale, 'home');
  const current = NAVIGATION.find(([page]) => page === section);
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* No icon: browsers would otherwise ask for /favicon.ico on every page. */}
        <link rel="icon" href="data:," />
        <title>{title === ctx.siteTitle ? title : `${title} — ${ctx.siteTitle}`}</title>
        {ctx.assets.stylesheets.map((url) => (
          <link key={url} rel="stylesheet" href={url} />
        ))}
        <link rel="alternate" hrefLang={other} href={`${ctx.baseUrl}${alternate}`} />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={t('footerFeed')}
          href={`/feeds/dataset.atom?lang=${locale}`}
        />
        {head}
      </head>
      <body>
        <header class="qc-piv-header">
          <div class="qc-container">
            <div class="go-to-content">
              <a href="#contenu">{t('skipToContent')}</a>
            </div>
            <div class="piv-top">
              <div class="signature-group">
                <div class="logo">
                  <a href={home}>
                    <img src={ctx.assets.logoWhite} alt={t('logoAlt')} width={256} height={72} />
                  </a>
                </div>
                <SiteTitle ctx={ctx} />
              </div>
              <div class="right-section">
                <div class="links">
                  <ul>
                    <li>
                      <a href={alternate} lang={other} hrefLang={other}>
                        {t('otherLanguage')}
                      </a>
                    </li>
                    {ctx.actor.user ? (
                      <>
                        <li>
                          <a href={href(locale, 'workspace')}>{t('workspace')}</a>
                        </li>
                        <li>
                          <form method="post" action={href(locale, 'signOut')} class="quai-inline-form">
                            <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />
                            <button type="submit" class="quai-link-button">
                              {t('signOut')}
                            </button>
                          </form>
                        </li>
                      </>
                    ) : (
                      <li>
                        <a href={href(locale, 'signIn')}>{t('signIn')}</a>
                      </li>
                    )}
                  </ul>
                </div>
              </div>
            </div>
            {/* The design system shows this copy on narrow screens and the one above on wide ones. */}
            <SiteTitle ctx={ctx} />
          </div>
        </header>
        <nav class="quai-nav" aria-label={t('mainNavigation')}>
          <div class="qc-container">
            {/* Wide screens: the sections in a row. Phones: one « Menu » line that opens them
                (a <details>, so it works without JavaScript); only one of the two is displayed. */}
            <NavigationList ctx={ctx} section={section} class="quai-nav-wide" />
            <details class="quai-nav-narrow">
              <summary>
                {t('menu')}
                {current ? <span class="quai-nav-current"> — {t(current[1])}</span> : null}
              </summary>
              <NavigationList ctx={ctx} section={section} />
            </details>
          </div>
        </nav>
        <main id="contenu" tabIndex={-1} class="qc-container quai-main">
          {breadcrumbs && breadcrumbs.length > 0 ? <Breadcrumbs ctx={ctx} crumbs={breadcrumbs} /> : null}
          {ctx.notice ? (
            <div class="quai-notice" role="status">
              {ctx.notice}
            </div>
          ) : null}
          {children}
        </main>
        <footer class="quai-footer">
          <div class="qc-container">
            <nav aria-label={t('footerNavigation')}>
              <ul>
                <li>
                  <a href={href(locale, 'api')}>{t('navApi')}</a>
                </li>
                <li>
                  <a href="/catalog.ttl">{t('footerCatalogDcat')}</a>
                </li>
                <li>
                  <a href="/api/3/action/status_show">{t('footerCkanApi')}</a>
                </li>
                <li>
                  <a href={`/feeds/dataset.atom?lang=${locale}`}>{t('footerFeed')}</a>
                </li>
                <li>
                  <a href={href(locale, 'dataRequests')}>{t('drTitle')}</a>
                </li>
                <li>
                  <a href={href(locale, 'reuses')}>{t('ruTitle')}</a>
                </li>
                <li>
                  <a href={href(locale, 'consultations')}>{t('csTitle')}</a>
                </li>
                <li>
                  <a href={href(locale, 'join')}>{t('joinTitle')}</a>
                </li>
              </ul>
            </nav>
            <p>{t('footerSoftware')}</p>
          </div>
          <div class="qc-piv-footer qc-container-fluid">
            <a href={home} class="logo">
              <img src={ctx.assets.logoColor} alt={t('logoAlt')} width={175} height={52} />
            </a>
            <span class="copyright">© {ctx.siteTitle}</span>
          </div>
        </footer>
        {ctx.scripts.map((url) => (
          <script key={url} type="module" src={url} />
        ))}
      </body>
    </html>
  );
}

function SiteTitle({ ctx }: { ctx: PageContext }) {
  return (
    <div class="title">
      <a class="page-title" href={href(ctx.locale, 'home')}>
        {ctx.siteTitle}
      </a>
    </div>
  );
}

function Breadcrumbs({ ctx, crumbs }: { ctx: PageContext; crumbs: Crumb[] }) {
  const all: Crumb[] = [{ label: ctx.t('home'), href: href(ctx.locale, 'home') }, ...crumbs];
  return (
    <nav class="quai-breadcrumbs" aria-label={ctx.t('breadcrumb')}>
      <ol>
        {all.map((crumb, index) => (
          <li key={`${crumb.label}-${index}`}>
            {crumb.href && index < all.length - 1 ? (
              <a href={crumb.href}>{crumb.label}</a>
            ) : (
              <span aria-current="page">{crumb.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function NavigationList({
  ctx,
  section,
  class: className,
}: {
  ctx: PageContext;
  section: Page | undefined;
  class?: string;
}) {
  return (
    <ul class={className}>
      {NAVIGATION.map(([page, label]) => (
        <li key={page}>
          <a href={href(ctx.locale, page)} aria-current={section === page ? 'page' : undefined}>
            {ctx.t(label)}
          </a>
        </li>
      ))}
    </ul>
  );
}
