import type { Dataset, Group } from '../../catalog/index.js';
import type { DataRequest, RequestEvent } from '../../community/index.js';
import { REQUEST_STATUSES } from '../../community/index.js';
import { formatDate, formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';
import { renderMarkdown } from '../ui/markdown.js';
import { STATUS_LABELS, StatusBadge } from './requests.page.js';

export interface RequestView {
  request: DataRequest;
  events: RequestEvent[];
  organization: Group | null;
  /** Datasets the request and its answers name, by id (those the reader may see). */
  datasets: Map<string, Dataset>;
  signedIn: boolean;
  supported: boolean;
  mayAnswer: boolean;
  answer: { values: { status: string; message: string; dataset: string }; errors: FieldErrors };
}

/** One request: what is asked and why, its supporters, its history of answers; the answer form for publishers. */
export function RequestPage({ ctx, view }: { ctx: PageContext; view: RequestView }) {
  const { t, locale } = ctx;
  const { request } = view;
  const number = String(request.number);
  const dataset = request.datasetId ? view.datasets.get(request.datasetId) : undefined;
  const hasErrors = Object.keys(view.answer.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, request.title, hasErrors)}
      breadcrumbs={[{ label: t('drTitle'), href: href(locale, 'dataRequests') }, { label: request.title }]}
    >
      <h1>
        {request.title} <StatusBadge ctx={ctx} status={request.status} />
      </h1>
      <p class="quai-meta">
        {t('drAskedBy', { name: request.author.name, date: formatDate(locale, request.created) })}
        {view.organization ? (
          <>
            {' · '}
            {t('drOrganizationAsked', { name: pickTitle(locale, view.organization.title).text })}
          </>
        ) : null}
      </p>
      {dataset ? (
        <p class="quai-callout quai-callout-success">
          <a href={href(locale, 'dataset', { name: dataset.name })}>
            {t('drDataset', { title: pickTitle(locale, dataset.title).text })}
          </a>
        </p>
      ) : null}
      {/* Markdown without raw HTML, links checked (ui/markdown.ts). */}
      <div class="quai-prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(request.description) }} />
      {request.reason ? (
        <section aria-labelledby="pourquoi">
          <h2 id="pourquoi">{t('drWhy')}</h2>
          <div class="quai-prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(request.reason) }} />
        </section>
      ) : null}

      <section aria-labelledby="appuis" class="quai-support">
        <h2 id="appuis">{t('drSupporters', { count: formatNumber(locale, request.supporters) })}</h2>
        {view.signedIn ? (
          <PostForm ctx={ctx} action={href(locale, 'supportDataRequest', { number })}>
            {view.supported ? <p>{t('drYouSupport')}</p> : null}
            <input type="hidden" name="appui" value={view.supported ? 'non' : 'oui'} />
            <button type="submit" class={`qc-button ${view.supported ? 'qc-secondary' : 'qc-primary'}`}>
              {t(view.supported ? 'drWithdraw' : 'drSupport')}
            </button>
          </PostForm>
        ) : (
          <p>
            <a
              href={href(
                locale,
                'signIn',
                {},
                `next=${encodeURIComponent(href(locale, 'dataRequest', { number }))}`,
              )}
            >
              {t('drSignInToAsk')}
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="historique">
        <h2 id="historique">{t('drHistory')}</h2>
        <ol class="quai-history">
          {view.events.map((event) => {
            const named = event.datasetId ? view.datasets.get(event.datasetId) : undefined;
            return (
              <li key={event.id} class={event.official ? 'quai-official' : undefined}>
                <p>
                  {event.status === 'open' && !event.official ? (
                    t('drAskedEvent')
                  ) : event.status ? (
                    <StatusBadge ctx={ctx} status={event.status} />
                  ) : null}{' '}
                  <span class="quai-meta">
                    {t('drAnswerBy', { name: event.author.name, date: formatDate(locale, event.created) })}
                    {event.official ? ` (${t('drOfficial')})` : null}
                  </span>
                </p>
                {event.message ? (
                  <div
                    class="quai-prose"
                    dangerouslySetInnerHTML={{ __html: renderMarkdown(event.message) }}
                  />
                ) : null}
                {named ? (
                  <p>
                    <a href={href(locale, 'dataset', { name: named.name })}>
                      <Text value={pickTitle(locale, named.title)} />
                    </a>
                  </p>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>

      {view.mayAnswer ? (
        <section aria-labelledby="repondre">
          <h2 id="repondre">{t('drAnswerTitle')}</h2>
          <ErrorSummary
            ctx={ctx}
            errors={view.answer.errors}
            labels={{
              status: t('drAnswerStatus'),
              message: t('drAnswerMessage'),
              dataset: t('drAnswerDataset'),
            }}
          />
          <PostForm ctx={ctx} action={href(locale, 'answerDataRequest', { number })}>
            <SelectField
              ctx={ctx}
              name="status"
              label={t('drAnswerStatus')}
              errors={view.answer.errors}
              required
              value={view.answer.values.status || request.status}
              choices={REQUEST_STATUSES.map((status) => ({ value: status, label: t(STATUS_LABELS[status]) }))}
            />
            <TextArea
              ctx={ctx}
              name="message"
              label={t('drAnswerMessage')}
              hint={t('drAnswerMessageHint')}
              errors={view.answer.errors}
              value={view.answer.values.message}
              rows={4}
            />
            <TextField
              ctx={ctx}
              name="dataset"
              label={t('drAnswerDataset')}
              hint={t('drAnswerDatasetHint')}
              errors={view.answer.errors}
              value={view.answer.values.dataset}
              spellcheck={false}
            />
            <button type="submit" class="qc-button qc-primary">
              {t('drAnswerButton')}
            </button>
          </PostForm>
        </section>
      ) : null}
    </Layout>
  );
}

export interface NewRequestView {
  values: { title: string; description: string; reason: string; organization: string };
  errors: FieldErrors;
  organizations: Group[];
}

export function NewRequestPage({ ctx, view }: { ctx: PageContext; view: NewRequestView }) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(view.errors).length > 0;
  const labels = {
    title: t('drFieldTitle'),
    description: t('drFieldDescription'),
    reason: t('drFieldReason'),
    organization: t('drFieldOrganization'),
  };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('drNewTitle'), hasErrors)}
      breadcrumbs={[{ label: t('drTitle'), href: href(locale, 'dataRequests') }, { label: t('drNewTitle') }]}
    >
      <div class="quai-narrow">
        <h1>{t('drNewTitle')}</h1>
        <p>{t('drNewLead')}</p>
        <ErrorSummary ctx={ctx} errors={view.errors} labels={labels} />
        <PostForm ctx={ctx} action={href(locale, 'newDataRequest')}>
          <TextField
            ctx={ctx}
            name="title"
            label={labels.title}
            hint={t('drFieldTitleHint')}
            errors={view.errors}
            required
            value={view.values.title}
          />
          <TextArea
            ctx={ctx}
            name="description"
            label={labels.description}
            hint={t('drFieldDescriptionHint')}
            errors={view.errors}
            required
            value={view.values.description}
          />
          <TextArea
            ctx={ctx}
            name="reason"
            label={labels.reason}
            errors={view.errors}
            value={view.values.reason}
            rows={3}
          />
          <SelectField
            ctx={ctx}
            name="organization"
            label={labels.organization}
            errors={view.errors}
            value={view.values.organization}
            choices={[
              { value: '', label: t('drUnknownOrganization') },
              ...view.organizations.map((organization) => {
                const title = pickTitle(locale, organization.title);
                return { value: organization.name, label: title.text, lang: title.lang };
              }),
            ]}
          />
          <button type="submit" class="qc-button qc-primary">
            {t('drSubmit')}
          </button>
        </PostForm>
      </div>
    </Layout>
  );
}
