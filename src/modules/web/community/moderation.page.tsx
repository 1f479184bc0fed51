import type { LoggedStep, QueuedMessage } from '../../community/index.js';
import { formatDate, formatDateTime } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  RowAction,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { MessageItem } from './messages.js';

const ACTIONS: Record<string, MessageKey> = {
  'thread.opened': 'acThreadOpened',
  'post.written': 'acPostWritten',
  'post.held': 'acPostHeld',
  'post.released': 'acPostReleased',
  'post.reported': 'acPostReported',
  'post.hidden': 'acPostHidden',
  'post.shown': 'acPostShown',
  'thread.closed': 'acThreadClosed',
  'thread.reopened': 'acThreadReopened',
  'user.banned': 'acUserBanned',
  'user.unbanned': 'acUserUnbanned',
  'consultation.opened': 'acConsultationOpened',
  'consultation.closed': 'acConsultationClosed',
  'consultation.concluded': 'acConsultationConcluded',
  'comment.written': 'acCommentWritten',
};

export interface ModerationView {
  queue: QueuedMessage[];
  bans: { user: string; reason: string; by: string; created: Date }[];
  activity: LoggedStep[];
  ban: { values: { user: string; reason: string }; errors: FieldErrors };
}

/** The administrators' moderation: what to review, bans, the log of every step. */
export function ModerationPage({ ctx, view }: { ctx: PageContext; view: ModerationView }) {
  const { t, locale } = ctx;
  const hasErrors = Object.keys(view.ban.errors).length > 0;
  const banLabels = { user: t('mdBanUser'), reason: t('mdBanReason') };
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('mdTitle'), hasErrors)}
      breadcrumbs={[{ label: t('workspace'), href: href(locale, 'workspace') }, { label: t('mdTitle') }]}
    >
      <h1>{t('mdTitle')}</h1>
      <p>{t('mdLead')}</p>

      <section aria-labelledby="a-examiner">
        <h2 id="a-examiner">{t('mdQueue')}</h2>
        {view.queue.length === 0 ? <p>{t('mdQueueEmpty')}</p> : null}
        <ol class="quai-messages">
          {view.queue.map((item) => {
            const back =
              item.place.kind === 'thread'
                ? { page: 'thread' as const, name: item.place.datasetName, id: item.place.threadId }
                : { page: 'consultation' as const, name: item.place.name };
            const placeHref =
              back.page === 'thread'
                ? href(locale, 'thread', { name: back.name, id: back.id })
                : href(locale, 'consultation', { name: back.name });
            return (
              <li key={item.id} class="quai-queue-item">
                <p>
                  <a href={placeHref}>{t('mdIn', { title: item.place.title })}</a>
                </p>
                <ul class="quai-plain-list">
                  {item.reports.map((report) => (
                    <li key={report.by}>{t('mdReportBy', { name: report.by, reason: report.reason })}</li>
                  ))}
                </ul>
                <ol class="quai-messages">
                  <MessageItem
                    ctx={ctx}
                    post={{
                      id: item.id,
                      author: { id: '', name: item.author },
                      body: item.body,
                      official: false,
                      held: item.held,
                      hiddenReason: item.hiddenReason,
                      reports: item.reports.length,
                      themeId: null,
                      created: item.created,
                    }}
                    back={back}
                    viewer={null}
                    mayModerate
                  />
                </ol>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="bannis">
        <h2 id="bannis">{t('mdBans')}</h2>
        {view.bans.length === 0 ? <p>{t('mdBansNone')}</p> : null}
        <ul class="quai-plain-list">
          {view.bans.map((ban) => (
            <li key={ban.user}>
              {t('mdBannedBy', {
                name: ban.user,
                by: ban.by,
                date: formatDate(locale, ban.created),
                reason: ban.reason,
              })}{' '}
              <RowAction
                ctx={ctx}
                action={href(locale, 'bans')}
                fields={{ user: ban.user, action: 'unban' }}
                label={t('mdUnban', { name: '' }).trim()}
                fullLabel={t('mdUnban', { name: ban.user })}
              />
            </li>
          ))}
        </ul>
        <ErrorSummary ctx={ctx} errors={view.ban.errors} labels={banLabels} />
        <PostForm ctx={ctx} action={href(locale, 'bans')}>
          <input type="hidden" name="action" value="ban" />
          <TextField
            ctx={ctx}
            name="user"
            label={banLabels.user}
            errors={view.ban.errors}
            required
            size="short"
            spellcheck={false}
            value={view.ban.values.user}
          />
          <TextField
            ctx={ctx}
            name="reason"
            label={banLabels.reason}
            errors={view.ban.errors}
            required
            value={view.ban.values.reason}
          />
          <button type="submit" class="qc-button qc-secondary">
            {t('mdBan')}
          </button>
        </PostForm>
      </section>

      <section aria-labelledby="journal">
        <h2 id="journal">{t('mdLog')}</h2>
        <ScrollRegion labelledBy="journal">
          <table class="quai-table">
            <thead>
              <tr>
                <th scope="col">{t('mdLogWhen')}</th>
                <th scope="col">{t('mdLogWho')}</th>
                <th scope="col">{t('mdLogWhat')}</th>
                <th scope="col">{t('mdLogWhy')}</th>
              </tr>
            </thead>
            <tbody>
              {view.activity.map((step, index) => {
                const key = ACTIONS[step.action];
                return (
                  <tr key={`${step.at.toISOString()}-${index}`}>
                    <td>{formatDateTime(locale, step.at)}</td>
                    <td>{step.actor}</td>
                    <td>{key ? t(key, { user: step.user ?? '' }) : step.action}</td>
                    <td>{step.reason ?? ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </Layout>
  );
}
