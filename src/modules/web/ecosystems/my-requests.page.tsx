import type { Group } from '../../catalog/index.js';
import type { ChecklistStep, JoinEvent, JoinRequest } from '../../schemas/index.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pickTitle } from '../ui/localized.js';
import { RequestDetails, RequestEvents, StatusBadge } from './join-request-parts.js';

/** An approved request's way to a first published dataset. */
export interface Onboarding {
  organization: Group;
  steps: ChecklistStep[];
  /** The schemas to declare: the ecosystem's, or none named (any shared schema). */
  schemas: { name: string; title: string }[];
  /** The first resource that declares a schema, where its report is shown. */
  declaring: { dataset: string; resourceId: string } | null;
}

export interface MyRequestsView {
  requests: {
    request: JoinRequest;
    events: JoinEvent[];
    onboarding: Onboarding | null;
  }[];
  ecosystemTitles: Record<string, string>;
}

/** In the workspace: the requester's join requests, their steps, and each approved one's checklist. */
export function MyRequestsPage({ ctx, view }: { ctx: PageContext; view: MyRequestsView }) {
  const { t, locale } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('myJrTitle')}
      breadcrumbs={[
        { label: t('workspaceTitle'), href: href(locale, 'workspace') },
        { label: t('myJrTitle') },
      ]}
    >
      <h1>{t('myJrTitle')}</h1>
      {view.requests.length === 0 ? <p>{t('myJrNone')}</p> : null}
      {view.requests.map(({ request, events, onboarding }) => {
        const id = `demande-${request.id}`;
        return (
          <section key={request.id} aria-labelledby={id} class="quai-request">
            <h2 id={id}>
              {request.organizationTitle} <StatusBadge ctx={ctx} status={request.status} />
            </h2>
            {request.status === 'refused' && request.reason ? (
              <div class="quai-callout quai-callout-warning">
                <p>
                  <strong>{t('jrReason')}</strong>
                  {locale === 'fr' ? ' : ' : ': '}
                  {request.reason}
                </p>
              </div>
            ) : null}
            {onboarding ? <Checklist ctx={ctx} onboarding={onboarding} requestId={request.id} /> : null}
            <RequestEvents ctx={ctx} events={events} headingId={`etapes-${request.id}`} />
            <details class="quai-request-details">
              <summary>{t('myJrWhatYouWrote')}</summary>
              <RequestDetails
                ctx={ctx}
                request={request}
                ecosystemTitle={request.ecosystem ? (view.ecosystemTitles[request.ecosystem] ?? null) : null}
              />
            </details>
          </section>
        );
      })}
      <p>
        <a href={href(locale, 'join')}>{t('myJrNew')}</a>
      </p>
    </Layout>
  );
}

const STEP_TEXT: Record<ChecklistStep['id'], MessageKey> = {
  approved: 'onbApproved',
  dataset: 'onbDataset',
  schema: 'onbSchema',
  valid: 'onbValid',
  public: 'onbPublic',
};

/** Where to do a step: a page of the portal and the words of its link. */
function stepLink(
  ctx: PageContext,
  step: ChecklistStep,
  onboarding: Onboarding,
): { href: string; label: string } | null {
  const { t, locale } = ctx;
  const dataset = step.dataset;
  const open = (name: string) => ({
    href: href(locale, 'dataset', { name }),
    label: t('onbGoDataset', { dataset: name }),
  });
  const create = { href: href(locale, 'newDataset'), label: t('onbGoNewDataset') };
  switch (step.id) {
    case 'approved':
      return {
        href: href(locale, 'organization', { name: onboarding.organization.name }),
        label: t('onbGoOrganization'),
      };
    case 'dataset':
      return step.done && dataset ? open(dataset) : create;
    case 'schema':
      if (!dataset) return create;
      return step.done
        ? open(dataset)
        : {
            href: href(locale, 'newResource', { name: dataset }),
            label: t('onbGoNewResource', { dataset }),
          };
    case 'valid':
      if (onboarding.declaring)
        return {
          href: `${href(locale, 'resource', { name: onboarding.declaring.dataset, id: onboarding.declaring.resourceId })}#conformite`,
          label: t('onbGoReport'),
        };
      return dataset ? open(dataset) : null;
    case 'public':
      return dataset ? open(dataset) : null;
  }
}

function Checklist({
  ctx,
  onboarding,
  requestId,
}: {
  ctx: PageContext;
  onboarding: Onboarding;
  requestId: string;
}) {
  const { t, locale } = ctx;
  const headingId = `parcours-${requestId}`;
  const schemaWords =
    onboarding.schemas.length > 0
      ? onboarding.schemas.map((schema) => `${schema.title} (${schema.name})`).join(', ')
      : t('onbAnySchema');
  const organization = pickTitle(locale, onboarding.organization.title).text;
  return (
    <div class="quai-callout quai-onboarding">
      <h3 id={headingId}>
        {t('onbTitle')} — {organization}
      </h3>
      <ol class="quai-checklist" aria-labelledby={headingId}>
        {onboarding.steps.map((step) => {
          const link = stepLink(ctx, step, onboarding);
          return (
            <li key={step.id} class={step.done ? 'quai-step-done' : 'quai-step-todo'}>
              <span class={`quai-badge ${step.done ? 'quai-badge-current' : 'quai-badge-retired'}`}>
                {t(step.done ? 'onbDone' : 'onbToDo')}
              </span>{' '}
              {step.id === 'schema' ? t('onbSchema', { schema: schemaWords }) : t(STEP_TEXT[step.id])}
              {link ? (
                <>
                  {' '}
                  <a href={link.href}>{link.label}</a>
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
      {onboarding.schemas.length === 0 ? (
        <p>
          <a href={href(locale, 'schemas')}>{t('onbGoSchemas')}</a>
        </p>
      ) : null}
    </div>
  );
}
