import type { ComponentChild } from 'preact';
import type { JoinEvent, JoinRequest, JoinStatus } from '../../schemas/index.js';
import { formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { KIND_LABELS } from './join.page.js';

const STATUS: Record<JoinStatus, { label: MessageKey; badge: string }> = {
  pending: { label: 'jrPending', badge: 'quai-badge-retired' },
  approved: { label: 'jrApproved', badge: 'quai-badge-current' },
  refused: { label: 'jrRefused', badge: 'quai-badge-fictitious' },
};

/** A request's status in words (the colour only repeats them). */
export function StatusBadge({ ctx, status }: { ctx: PageContext; status: JoinStatus }) {
  return <span class={`quai-badge ${STATUS[status].badge}`}>{ctx.t(STATUS[status].label)}</span>;
}

/** Everything the requester wrote, and the decision. */
export function RequestDetails({
  ctx,
  request,
  ecosystemTitle,
}: {
  ctx: PageContext;
  request: JoinRequest;
  /** The asked ecosystem's title in the page's language, when it still exists. */
  ecosystemTitle: string | null;
}) {
  const { t, locale } = ctx;
  const fact = (label: string, value: ComponentChild, wide = false) => (
    <div class={wide ? 'quai-fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const code = request.municipalityCode;
  return (
    <dl class="quai-facts quai-facts-wide">
      {fact(t('jrStatus'), <StatusBadge ctx={ctx} status={request.status} />)}
      {fact(t('jrKind'), t(KIND_LABELS[request.kind]))}
      {code
        ? fact(
            t('jrMunicipality'),
            <a href={href(locale, 'referenceEntity', { set: 'municipalites', code })}>{code}</a>,
          )
        : null}
      {fact(
        t('jrContact'),
        <>
          {request.contactName} — <a href={`mailto:${request.contactEmail}`}>{request.contactEmail}</a>
        </>,
      )}
      {request.ecosystem
        ? fact(
            t('jrEcosystem'),
            ecosystemTitle ? (
              <a href={href(locale, 'ecosystem', { slug: request.ecosystem })}>{ecosystemTitle}</a>
            ) : (
              request.ecosystem
            ),
          )
        : null}
      {fact(t('jrSubmittedOn'), formatDateTime(locale, new Date(request.createdAt)))}
      {request.decidedAt ? fact(t('jrDecidedOn'), formatDateTime(locale, new Date(request.decidedAt))) : null}
      {fact(t('jrPlans'), <span class="quai-pre-line">{request.plans}</span>, true)}
      {request.reason ? fact(t('jrReason'), <strong>{request.reason}</strong>, true) : null}
    </dl>
  );
}

/** One logged step in words. */
function eventText(ctx: PageContext, event: JoinEvent): string {
  const { t } = ctx;
  const d = event.detail;
  switch (event.step) {
    case 'submitted':
      return d.account === 'created'
        ? `${t('stepSubmitted')} (${t('stepAccountCreated')})`
        : t('stepSubmitted');
    case 'approved':
      return t('stepApproved', { organization: d.organization ?? '' });
    case 'admin':
      return t('stepAdmin', { user: d.user ?? '' });
    case 'ecosystem':
      return t('stepEcosystem', { ecosystem: d.ecosystem ?? '' });
    case 'refused':
      return t('stepRefused');
    case 'dataset':
      return t('stepDataset', { dataset: d.dataset ?? '' });
    case 'published':
      return t('stepPublished', { dataset: d.dataset ?? '' });
    default:
      return event.step;
  }
}

/** The steps logged for a request, oldest first, with when and by whom. */
export function RequestEvents({
  ctx,
  events,
  headingId,
  level = 3,
}: {
  ctx: PageContext;
  events: JoinEvent[];
  headingId: string;
  level?: 3 | 4;
}) {
  const { t, locale } = ctx;
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <>
      <H id={headingId}>{t('jrSteps')}</H>
      <ol aria-labelledby={headingId}>
        {events.map((event, index) => (
          <li key={`${event.step}-${index}`}>
            <time datetime={event.at}>{formatDateTime(locale, new Date(event.at))}</time> —{' '}
            {eventText(ctx, event)}
            {event.actor && event.actor !== 'system' ? ` (${t('stepBy', { actor: event.actor })})` : null}
          </li>
        ))}
      </ol>
    </>
  );
}
