import { type Dataset, findLicense, type Resource } from '../../catalog/index.js';
import { resourceName } from '../catalog/resources.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { EmbedLayout } from '../ui/embed-layout.js';
import { pickTitle } from '../ui/localized.js';
import { DataViews, type DataViewsModel } from './data-views.js';

/**
 * A chart or a map of a resource, for another site's frame: the view with its summary and
 * figures (as on the resource page), then where it comes from and under which licence.
 */
export function EmbedPage({
  ctx,
  dataset,
  resource,
  views,
}: {
  ctx: PageContext;
  dataset: Dataset;
  resource: Resource;
  views: DataViewsModel;
}) {
  const { t, locale } = ctx;
  const index = dataset.resources.findIndex((item) => item.id === resource.id);
  const name = resourceName(ctx, resource, index).text;
  const title = pickTitle(locale, dataset.title).text;
  const license = findLicense(dataset.licenseId);
  const source = `${ctx.baseUrl}${href(locale, 'resource', { name: dataset.name, id: resource.id })}`;
  return (
    <EmbedLayout ctx={ctx} title={`${name} — ${title}`}>
      {/* The views' list stays on the portal: an embed shows the one view it was made for. */}
      <DataViews ctx={ctx} model={{ ...views, items: [] }} />
      <p class="quai-embed-source">
        {t('embedSource')}{' '}
        <a href={source} target="_top">
          {title} — {name}
        </a>
        {license ? ` · ${license.title[locale]}` : ''} · {ctx.siteTitle}
      </p>
    </EmbedLayout>
  );
}

/** The code a site pastes to show the view: a titled, lazily loaded frame. */
export function embedCode(url: string, title: string): string {
  const attribute = (text: string) =>
    text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${attribute(url)}" title="${attribute(title)}" width="100%" height="520" style="border:0" loading="lazy"></iframe>`;
}
