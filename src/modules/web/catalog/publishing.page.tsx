import type { ComponentChildren } from 'preact';
import { type Dataset, findLicense } from '../../catalog/index.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ChoiceGroup, ErrorSummary, type FieldErrors, formTitle, PostForm } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { pick, pickTitle, Text } from '../ui/localized.js';
import { resourceDetails, resourceName } from './resources.js';

/** Something a dataset lacks before it can be published, and where to fix it. */
export interface PublicationGap {
  message: string;
  fixHref: string;
}

function datasetCrumbs(ctx: PageContext, dataset: Dataset, label: string) {
  const title = pickTitle(ctx.locale, dataset.title).text;
  return [
    { label: ctx.t('workspaceTitle'), href: href(ctx.locale, 'workspace') },
    { label: title, href: href(ctx.locale, 'dataset', { name: dataset.name }) },
    { label },
  ];
}

/**
 * Publishing a draft: first what it still lacks (each with a link to fix it), then, once nothing
 * is missing, what will become visible and to whom, and a button that confirms.
 */
export function PublishPage({
  ctx,
  dataset,
  gaps,
}: {
  ctx: PageContext;
  dataset: Dataset;
  gaps: PublicationGap[];
}) {
  const { t, locale } = ctx;
  const title = pickTitle(locale, dataset.title);
  const heading = t('publishTitle', { title: title.text });
  const datasetHref = href(locale, 'dataset', { name: dataset.name });
  const organization = pickTitle(locale, dataset.organization.title).text;
  const notes = pick(locale, dataset.notes);
  const license = findLicense(dataset.licenseId);
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, heading, gaps.length > 0)}
      breadcrumbs={datasetCrumbs(ctx, dataset, t('publishDataset'))}
    >
      <h1>{heading}</h1>
      {gaps.length > 0 ? (
        <div class="quai-error-summary" role="alert" tabIndex={-1} autofocus aria-labelledby="manques">
          <h2 id="manques">{t('publishGapsTitle')}</h2>
          <ul>
            {gaps.map((gap) => (
              <li key={gap.message}>
                {gap.message} <a href={gap.fixHref}>{t('publishGapFix')}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p class="quai-lead">{t('publishLead')}</p>
          <p>{dataset.private ? t('publishWillBePrivate', { organization }) : t('publishWillBePublic')}</p>
          <dl class="quai-metadata">
            <Row label={t('fieldTitle')}>
              <Text value={title} />
            </Row>
            <Row label={t('fieldOrganization')}>{organization}</Row>
            <Row label={t('fieldPrivate')}>
              {dataset.private ? t('visibilityPrivate') : t('visibilityPublic')}
            </Row>
            <Row label={t('fieldLicense')}>{license ? license.title[locale] : dataset.licenseId}</Row>
            {notes ? (
              <Row label={t('fieldNotes')}>
                <span lang={notes.lang}>{excerpt(notes.text)}</span>
              </Row>
            ) : null}
            <Row label={t('publishResources', { count: dataset.resources.length })}>
              <ul>
                {dataset.resources.map((resource, index) => {
                  const name = resourceName(ctx, resource, index);
                  return (
                    <li key={resource.id}>
                      <span lang={name.lang}>{name.text}</span> ({resourceDetails(ctx, resource)})
                    </li>
                  );
                })}
              </ul>
            </Row>
          </dl>
          <PostForm ctx={ctx} action={href(locale, 'publishDataset', { name: dataset.name })}>
            <div class="quai-form-buttons">
              <button type="submit" class="qc-button qc-primary">
                {t('publishConfirm')}
              </button>
              <a href={datasetHref} class="qc-button qc-tertiary">
                {t('cancel')}
              </a>
            </div>
          </PostForm>
        </>
      )}
      <p>
        <a href={datasetHref}>{t('backToDataset')}</a>
      </p>
    </Layout>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const EXCERPT_LENGTH = 300;
const excerpt = (text: string) =>
  text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH).trimEnd()}…` : text;

/** Taking a published dataset back to draft, changing who sees it, deleting it. */
export function ManageDatasetPage({
  ctx,
  dataset,
  errors,
  canRestore,
}: {
  ctx: PageContext;
  dataset: Dataset;
  errors: FieldErrors;
  /** Sysadmins restore deleted datasets. */
  canRestore: boolean;
}) {
  const { t, locale } = ctx;
  const title = pickTitle(locale, dataset.title).text;
  const heading = t('manageTitle', { title });
  if (dataset.state === 'deleted') {
    return (
      <Layout ctx={ctx} title={heading} breadcrumbs={datasetCrumbs(ctx, dataset, t('manageDataset'))}>
        <h1>{heading}</h1>
        <p class="quai-lead">{t('manageStateDeleted')}</p>
        {canRestore ? (
          <ActionForm
            ctx={ctx}
            action={href(locale, 'manageDataset', { name: dataset.name })}
            name="restore"
            label={t('restoreButton')}
          />
        ) : null}
      </Layout>
    );
  }
  const action = href(locale, 'manageDataset', { name: dataset.name });
  const state =
    dataset.state === 'draft'
      ? t('manageStateDraft')
      : dataset.private
        ? t('manageStatePrivate')
        : t('manageStatePublic');
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, heading, Object.keys(errors).length > 0)}
      breadcrumbs={datasetCrumbs(ctx, dataset, t('manageDataset'))}
    >
      <h1>{heading}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={{ confirm: t('deleteConfirmLegend') }} />
      <p class="quai-lead">{state}</p>
      {dataset.state === 'draft' ? (
        <p>
          <a class="qc-button qc-primary" href={href(locale, 'publishDataset', { name: dataset.name })}>
            {t('publishOpen')}
          </a>
        </p>
      ) : (
        <section aria-labelledby="retirer">
          <h2 id="retirer">{t('unpublishHeading')}</h2>
          <p>{t('unpublishExplained')}</p>
          <ActionForm ctx={ctx} action={action} name="unpublish" label={t('unpublishButton')} />
        </section>
      )}
      <section aria-labelledby="visibilite">
        <h2 id="visibilite">{t('visibilityHeading')}</h2>
        <p>{dataset.private ? t('makePublicExplained') : t('makePrivateExplained')}</p>
        <ActionForm
          ctx={ctx}
          action={action}
          name={dataset.private ? 'public' : 'private'}
          label={dataset.private ? t('makePublic') : t('makePrivate')}
        />
      </section>
      <section aria-labelledby="supprimer">
        <h2 id="supprimer">{t('deleteHeading')}</h2>
        <p>{t('deleteExplained')}</p>
        <ConfirmedDelete ctx={ctx} action={action} errors={errors} confirm={t('deleteConfirm')} />
      </section>
      <p>
        <a href={href(locale, 'dataset', { name: dataset.name })}>{t('backToDataset')}</a>
      </p>
    </Layout>
  );
}

function ActionForm({
  ctx,
  action,
  name,
  label,
}: {
  ctx: PageContext;
  action: string;
  name: string;
  label: string;
}) {
  return (
    <PostForm ctx={ctx} action={action}>
      <input type="hidden" name="action" value={name} />
      <button type="submit" class="qc-button qc-secondary">
        {label}
      </button>
    </PostForm>
  );
}

/** A deletion that must be confirmed by ticking a box (an error names the box otherwise). */
export function ConfirmedDelete({
  ctx,
  action,
  errors,
  confirm,
}: {
  ctx: PageContext;
  action: string;
  errors: FieldErrors;
  confirm: string;
}) {
  return (
    <PostForm ctx={ctx} action={action}>
      <input type="hidden" name="action" value="delete" />
      <ChoiceGroup
        ctx={ctx}
        name="confirm"
        label={ctx.t('deleteConfirmLegend')}
        errors={errors}
        required
        type="checkbox"
        values={[]}
        choices={[{ value: 'oui', label: confirm }]}
      />
      <button type="submit" class="qc-button qc-danger">
        {ctx.t('deleteButton')}
      </button>
    </PostForm>
  );
}

/** Deleting one resource of a dataset, once confirmed. */
export function DeleteResourcePage({
  ctx,
  dataset,
  resource,
  name,
  errors,
}: {
  ctx: PageContext;
  dataset: Dataset;
  resource: { id: string };
  name: string;
  errors: FieldErrors;
}) {
  const { t, locale } = ctx;
  const heading = t('deleteResourceTitle', { name });
  const params = { name: dataset.name, id: resource.id };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, heading, Object.keys(errors).length > 0)}
      breadcrumbs={datasetCrumbs(ctx, dataset, t('deleteResource'))}
    >
      <h1>{heading}</h1>
      <ErrorSummary ctx={ctx} errors={errors} labels={{ confirm: t('deleteConfirmLegend') }} />
      <p>{t('deleteResourceExplained')}</p>
      <ConfirmedDelete
        ctx={ctx}
        action={href(locale, 'deleteResource', params)}
        errors={errors}
        confirm={t('deleteResourceConfirm')}
      />
      <p>
        <a href={href(locale, 'resource', params)}>{t('cancel')}</a>
      </p>
    </Layout>
  );
}
