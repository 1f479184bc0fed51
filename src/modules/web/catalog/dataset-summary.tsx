import type { Dataset } from '../../catalog/index.js';
import { formatDate } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { pick, pickTitle, Text } from '../ui/localized.js';
import { excerpt } from '../ui/markdown.js';

/**
 * Private, draft: what a publisher must notice in a list. Each badge is set apart from the title
 * for screen readers too (« essai UX, brouillon », not « essai UXBrouillon »).
 */
export function StateBadges({
  ctx,
  dataset,
  afterTitle = true,
}: {
  ctx: PageContext;
  dataset: Dataset;
  /** Placed after the title (in a heading): a pause is said before each badge. */
  afterTitle?: boolean;
}) {
  const badge = (kind: 'private' | 'draft' | 'deleted', text: string) => (
    <>
      {afterTitle ? <span class="quai-visually-hidden">, </span> : ' '}
      <span class={`quai-badge quai-badge-${kind}`}>{text}</span>
    </>
  );
  return (
    <>
      {dataset.private ? badge('private', ctx.t('privateBadge')) : null}
      {dataset.state === 'draft' ? badge('draft', ctx.t('draftBadge')) : null}
      {dataset.state === 'deleted' ? badge('deleted', ctx.t('deletedBadge')) : null}
    </>
  );
}

/** One dataset in a list: title, publisher, the start of its description, formats, last update. */
export function DatasetSummary({
  ctx,
  dataset,
  headingLevel = 3,
  qualityScore = null,
}: {
  ctx: PageContext;
  dataset: Dataset;
  headingLevel?: 2 | 3;
  /** Its metadata quality score, where the list shows it (search). */
  qualityScore?: number | null;
}) {
  const { locale, t } = ctx;
  const title = pickTitle(locale, dataset.title);
  const notes = pick(locale, dataset.notes);
  const formats = [
    ...new Set(dataset.resources.map((resource) => resource.format).filter(Boolean)),
  ] as string[];
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article class="quai-dataset-summary">
      <Heading class="quai-dataset-title">
        <a href={href(locale, 'dataset', { name: dataset.name })} lang={title.lang}>
          {title.text}
        </a>{' '}
        <StateBadges ctx={ctx} dataset={dataset} />
      </Heading>
      <p class="quai-dataset-meta">
        <Text value={pickTitle(locale, dataset.organization.title)} />
        {' · '}
        {t('updatedOn', { date: formatDate(locale, dataset.metadataModified) })}
        {qualityScore === null ? null : (
          <>
            {' · '}
            {t('qualInSummary', { score: qualityScore })}
          </>
        )}
      </p>
      {notes ? (
        <p class="quai-dataset-excerpt" lang={notes.lang}>
          {excerpt(notes.text)}
        </p>
      ) : null}
      {formats.length > 0 ? (
        <ul class="quai-formats" aria-label={t('formatsLabel')}>
          {formats.map((format) => (
            <li key={format} class="quai-format">
              {format}
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}
