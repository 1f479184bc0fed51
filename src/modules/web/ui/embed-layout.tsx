import type { ComponentChildren } from 'preact';
import type { PageContext } from '../shell/page-context.js';

/**
 * A page made to sit in another site's frame: no header, menu or footer, only its content and a
 * link back to where it comes from (opened in the whole window, not the frame).
 */
export function EmbedLayout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>{`${title} — ${ctx.siteTitle}`}</title>
        {ctx.assets.stylesheets.map((url) => (
          <link key={url} rel="stylesheet" href={url} />
        ))}
      </head>
      <body class="quai-embed">
        <main id="contenu" class="quai-embed-main">
          {children}
        </main>
        {ctx.scripts.map((url) => (
          <script key={url} type="module" src={url} />
        ))}
      </body>
    </html>
  );
}
