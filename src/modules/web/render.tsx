import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export interface PageProps {
  title: string;
  siteTitle: string;
  lang: 'fr' | 'en';
  children: ComponentChildren;
}

/** The shell every page shares: skip link, header, main landmark, footer. */
export function Layout({ title, siteTitle, lang, children }: PageProps) {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${siteTitle}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          {lang === 'fr' ? 'Passer au contenu' : 'Skip to content'}
        </a>
        <header class="site-header">
          <a class="site-name" href="/">
            {siteTitle}
          </a>
        </header>
        <main id="contenu" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            Quai — logiciel libre (AGPL-3.0). <a href="/api/v1/docs">API</a> ·{' '}
            <a href="/catalog.jsonld">DCAT</a> · <a href="/api/3/action/status_show">CKAN API</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** A complete HTML document. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
