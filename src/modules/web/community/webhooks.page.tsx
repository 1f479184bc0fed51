import type { Group } from '../../catalog/index.js';
import type { Webhook, WebhookDelivery } from '../../community/index.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  RowAction,
  SelectField,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { pickTitle } from '../ui/localized.js';
import { ScrollRegion } from '../ui/scroll-region.js';

const STATES: Record<WebhookDelivery['state'], MessageKey> = {
  pending: 'whStatePending',
  succeeded: 'whStateSucceeded',
  failed: 'whStateFailed',
};

export interface WebhooksView {
  hooks: { hook: Webhook; deliveries: WebhookDelivery[] }[];
  organizations: Group[];
  /** The organisations the person administers: a webhook may belong to one of them. */
  administered: Group[];
  /** The secret of a webhook just added: shown on this response only. */
  created: { url: string; secret: string } | null;
  values: { url: string; organization: string; events: string[]; owner: string };
  errors: FieldErrors;
}

/** One's webhooks: add one (its secret shown once), each with its last deliveries and actions. */
export function WebhooksPage({ ctx, view }: { ctx: PageContext; view: WebhooksView }) {
  const { t, locale } = ctx;
  const action = href(locale, 'webhooks');
  const hasErrors = Object.keys(view.errors).length > 0;
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('whTitle'), hasErrors)}
      breadcrumbs={[{ label: t('workspaceTitle'), href: href(locale, 'workspace') }, { label: t('whTitle') }]}
    >
      <h1>{t('whTitle')}</h1>
      <p>{t('whLead')}</p>
      {view.created ? (
        <div class="quai-callout quai-callout-success" role="status">
          <p>{t('whCreated')}</p>
          <p>
            <label for="secret-webhook">{t('whSecret')}</label>
          </p>
          <input
            id="secret-webhook"
            class="quai-input quai-input-long quai-code"
            readOnly
            value={view.created.secret}
          />
        </div>
      ) : null}
      <section aria-labelledby="ajouter-webhook">
        <h2 id="ajouter-webhook">{t('whCreate')}</h2>
        <ErrorSummary
          ctx={ctx}
          errors={view.errors}
          labels={{
            url: t('whUrl'),
            organization: t('whOrganization'),
            events: t('whEvents'),
            owner_organization: t('whOwner'),
          }}
        />
        <PostForm ctx={ctx} action={action}>
          <input type="hidden" name="action" value="create" />
          <TextField
            ctx={ctx}
            name="url"
            label={t('whUrl')}
            hint={t('whUrlHint')}
            errors={view.errors}
            required
            value={view.values.url}
            type="url"
            spellcheck={false}
          />
          <ChoiceGroup
            ctx={ctx}
            type="checkbox"
            name="events"
            label={t('whEvents')}
            errors={view.errors}
            required
            values={view.values.events}
            choices={[
              { value: 'dataset.created', label: t('whEventDatasetCreated') },
              { value: 'dataset.updated', label: t('whEventDatasetUpdated') },
              { value: 'tender.published', label: t('whEventTender') },
              { value: 'registry.edition-published', label: t('whEventRegistry') },
              { value: 'request.answered', label: t('whEventRequest') },
              { value: 'discussion.answered', label: t('whEventDiscussion') },
            ]}
          />
          <SelectField
            ctx={ctx}
            name="organization"
            label={t('whOrganization')}
            errors={view.errors}
            value={view.values.organization}
            choices={[
              { value: '', label: t('whAllOrganizations') },
              ...view.organizations.map((organization) => {
                const title = pickTitle(locale, organization.title);
                return { value: organization.name, label: title.text, lang: title.lang };
              }),
            ]}
          />
          {view.administered.length > 0 ? (
            <SelectField
              ctx={ctx}
              name="owner_organization"
              label={t('whOwner')}
              hint={t('whOwnerHint')}
              errors={view.errors}
              value={view.values.owner}
              choices={[
                { value: '', label: t('whOwnerMe') },
                ...view.administered.map((organization) => {
                  const title = pickTitle(locale, organization.title);
                  return { value: organization.name, label: title.text, lang: title.lang };
                }),
              ]}
            />
          ) : null}
          <button type="submit" class="qc-button qc-primary">
            {t('whCreate')}
          </button>
        </PostForm>
      </section>
      <section aria-labelledby="mes-webhooks">
        <h2 id="mes-webhooks">{t('whMine')}</h2>
        {view.hooks.length === 0 ? <p>{t('whNone')}</p> : null}
        {view.hooks.map(({ hook, deliveries }, index) => {
          const heading = `webhook-${index}`;
          return (
            <article key={hook.id} class="quai-webhook" aria-labelledby={heading}>
              <h3 id={heading} class="quai-h-small">
                <code>{hook.url}</code>{' '}
                <span class="quai-badge">
                  {hook.active ? t('whActive') : t('whDisabled', { reason: hook.disabled_reason ?? '' })}
                </span>
              </h3>
              <p class="quai-meta">
                {t('whEvents')}
                {locale === 'fr' ? ' : ' : ': '}
                {hook.events.map((event, i) => (
                  <span key={event}>
                    {i > 0 ? ', ' : ''}
                    <code>{event}</code>
                  </span>
                ))}
              </p>
              <ul class="quai-actions">
                <li>
                  <RowAction
                    ctx={ctx}
                    action={action}
                    fields={{ action: 'test', id: hook.id }}
                    label={t('whTest')}
                    fullLabel={t('whTestFor', { url: hook.url })}
                  />
                </li>
                {hook.active ? null : (
                  <li>
                    <RowAction
                      ctx={ctx}
                      action={action}
                      fields={{ action: 'enable', id: hook.id }}
                      label={t('whEnable')}
                      fullLabel={t('whEnableFor', { url: hook.url })}
                    />
                  </li>
                )}
                <li>
                  <RowAction
                    ctx={ctx}
                    action={action}
                    fields={{ action: 'delete', id: hook.id }}
                    label={t('whDelete')}
                    fullLabel={t('whDeleteFor', { url: hook.url })}
                  />
                </li>
              </ul>
              {deliveries.length === 0 ? (
                <p>{t('whNoDeliveries')}</p>
              ) : (
                <ScrollRegion labelledBy={`${heading}-envois`}>
                  <table class="quai-table">
                    <caption id={`${heading}-envois`}>{t('whDeliveries', { url: hook.url })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('whWhen')}</th>
                        <th scope="col">{t('whEvent')}</th>
                        <th scope="col">{t('whState')}</th>
                        <th scope="col">{t('whAttempts')}</th>
                        <th scope="col">{t('whStatusCode')}</th>
                        <th scope="col">{t('whLatency')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {deliveries.map((delivery) => (
                        <tr key={delivery.id}>
                          <td>{formatDateTime(locale, new Date(delivery.created))}</td>
                          <td>
                            <code>{delivery.event_type}</code>
                          </td>
                          <td>{t(STATES[delivery.state])}</td>
                          <td>{formatNumber(locale, delivery.attempts)}</td>
                          <td>{delivery.status_code ?? delivery.error ?? '—'}</td>
                          <td>
                            {delivery.latency_ms === null
                              ? '—'
                              : `${formatNumber(locale, delivery.latency_ms)} ms`}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              )}
            </article>
          );
        })}
      </section>
    </Layout>
  );
}
