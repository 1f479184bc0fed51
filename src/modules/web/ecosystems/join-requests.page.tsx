import type { JoinEvent, JoinRequest } from '../../schemas/index.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ErrorSummary, type FieldErrors, formTitle, PostForm, TextArea } from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { RequestDetails, RequestEvents } from './join-request-parts.js';

export interface JoinRequestsView {
  requests: { request: JoinRequest; events: JoinEvent[]; organizationName: string | null }[];
  ecosystemTitles: Record<string, string>;
  /** A refused decision's errors: `reason-<id>`, or `form`. */
  errors: FieldErrors;
  /** What was typed in a refusal that came back. */
  reasons: Record<string, string>;
}

/** The name of a request's refusal field (one per waiting request on the page). */
export const reasonField = (id: string) => `reason-${id}`;

/** The sysadmins' page: every request, waiting ones first, each to approve or refuse with a reason. */
export function JoinRequestsPage({ ctx, view }: { ctx: PageContext; view: JoinRequestsView }) {
  const { t, locale } = ctx;
  const waiting = view.requests.filter(({ request }) => request.status === 'pending').length;
  const labels = Object.fromEntries(
    view.requests.map(({ request }) => [
      reasonField(request.id),
      t('jrReasonOf', { organization: request.organizationTitle }),
    ]),
  );
  const action = href(locale, 'joinRequests');
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('jrTitle'), Object.keys(view.errors).length > 0)}
      breadcrumbs={[{ label: t('workspaceTitle'), href: href(locale, 'workspace') }, { label: t('jrTitle') }]}
    >
      <h1>{t('jrTitle')}</h1>
      <p>{t('jrLead')}</p>
      <ErrorSummary ctx={ctx} errors={view.errors} labels={labels} />
      <p class="quai-result-count">{t('jrWaitingCount', { count: formatNumber(locale, waiting) })}</p>
      {view.requests.length === 0 ? <p>{t('jrNone')}</p> : null}
      {view.requests.map(({ request, events, organizationName }) => {
        const id = `demande-${request.id}`;
        return (
          <section key={request.id} aria-labelledby={id} class="quai-request">
            <h2 id={id}>
              {organizationName ? (
                <a href={href(locale, 'organization', { name: organizationName })}>
                  {request.organizationTitle}
                </a>
              ) : (
                request.organizationTitle
              )}
            </h2>
            <RequestDetails
              ctx={ctx}
              request={request}
              ecosystemTitle={request.ecosystem ? (view.ecosystemTitles[request.ecosystem] ?? null) : null}
            />
            <RequestEvents ctx={ctx} events={events} headingId={`etapes-${request.id}`} />
            {request.status === 'pending' ? (
              <div class="quai-decision">
                <h3>{t('jrDecision')}</h3>
                <PostForm ctx={ctx} action={action}>
                  <input type="hidden" name="action" value="approve" />
                  <input type="hidden" name="id" value={request.id} />
                  <button
                    type="submit"
                    class="qc-button qc-primary"
                    aria-label={t('jrApproveFull', { organization: request.organizationTitle })}
                  >
                    {t('jrApprove')}
                  </button>
                </PostForm>
                <PostForm ctx={ctx} action={action}>
                  <input type="hidden" name="action" value="refuse" />
                  <input type="hidden" name="id" value={request.id} />
                  <TextArea
                    ctx={ctx}
                    name={reasonField(request.id)}
                    label={labels[reasonField(request.id)] as string}
                    hint={t('jrReasonHint')}
                    errors={view.errors}
                    value={view.reasons[request.id] ?? ''}
                    rows={3}
                    required
                  />
                  <button
                    type="submit"
                    class="qc-button qc-secondary"
                    aria-label={t('jrRefuseFull', { organization: request.organizationTitle })}
                  >
                    {t('jrRefuse')}
                  </button>
                </PostForm>
              </div>
            ) : null}
          </section>
        );
      })}
    </Layout>
  );
}
