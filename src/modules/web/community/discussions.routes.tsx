import { ValidationError } from '../../../platform/http/errors.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldValue,
  formFields,
  type PageRequest,
  type PageRoutes,
  signedInUser,
  type WebDeps,
} from '../shell/page-routes.js';
import { pickTitle } from '../ui/localized.js';
import { NewThreadPage, ThreadPage } from './discussions.page.js';
import { ModerationPage, type ModerationView } from './moderation.page.js';

/** Where a report or a moderation sends its reader back: the thread or the consultation. */
function goBack(page: PageRequest, fields: Record<string, string | string[] | undefined>) {
  const name = fieldValue(fields.nom);
  if (fieldValue(fields.retour) === 'thread')
    return page.redirect('thread', { name, id: fieldValue(fields.fil) });
  if (fieldValue(fields.retour) === 'consultation') return page.redirect('consultation', { name });
  return page.redirect('moderation');
}

/** Discussions on a dataset, a message's report and moderation, the administrators' moderation page. */
export function discussionPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { cookies, catalog } = deps;
  const { discussions, messages, moderation } = deps.community;

  const datasetOf = async (page: PageRequest) => {
    const dataset = await catalog.datasets.get(page.actor, page.params.name ?? '');
    return { name: dataset.name, title: pickTitle(page.locale, dataset.title).text };
  };

  pages.get('newThread', async (page) => {
    signedInUser(page);
    const dataset = await datasetOf(page);
    const ctx = page.context({ page: 'newThread', params: { name: dataset.name } });
    return <NewThreadPage ctx={ctx} view={{ dataset, values: { title: '', body: '' }, errors: {} }} />;
  });

  pages.post('newThread', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const values = { title: fieldValue(fields.title), body: fieldValue(fields.body) };
    const dataset = await datasetOf(page);
    try {
      const opened = await discussions.open(
        page.actor,
        dataset.name,
        { ...values, website: fieldValue(fields.website) },
        page.request.ip,
      );
      cookies.notify(page.reply, opened.posts[0]?.held ? 'dcPostedHeld' : 'dcPosted');
      return page.redirect('thread', { name: dataset.name, id: opened.thread.id });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(error.issues, page.locale, ['title', 'body', 'website']);
      const ctx = page.context({ page: 'newThread', params: { name: dataset.name } });
      return <NewThreadPage ctx={ctx} view={{ dataset, values, errors }} />;
    }
  });

  const thread = async (page: PageRequest, reply: { body: string; errors: Record<string, string> }) => {
    const detail = await discussions.get(page.actor, page.params.id ?? '');
    // The thread's own address: under its dataset's current name.
    const dataset = await catalog.datasets.get(page.actor, detail.dataset.id);
    if (page.params.name !== dataset.name && page.request.method === 'GET')
      return page.redirect('thread', { name: dataset.name, id: detail.thread.id });
    const ctx = page.context({ page: 'thread', params: { name: dataset.name, id: detail.thread.id } });
    const view = {
      detail,
      datasetTitle: pickTitle(page.locale, dataset.title).text,
      viewer: page.actor.user?.id ?? null,
      reply,
    };
    return <ThreadPage ctx={ctx} view={view} />;
  };

  pages.get('thread', (page) => thread(page, { body: '', errors: {} }));

  pages.post('replyThread', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const body = fieldValue(fields.body);
    const id = page.params.id ?? '';
    try {
      const post = await discussions.reply(
        page.actor,
        id,
        { body, website: fieldValue(fields.website) },
        page.request.ip,
      );
      cookies.notify(page.reply, post.held ? 'dcPostedHeld' : 'dcPosted');
      return page.redirect('thread', { name: page.params.name ?? '', id }, undefined);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      return thread(page, { body, errors: fieldErrorsOf(error.issues, page.locale, ['body', 'website']) });
    }
  });

  pages.post('closeThread', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const id = page.params.id ?? '';
    await discussions.close(page.actor, id, fieldValue(fields.closed) !== 'non');
    return page.redirect('thread', { name: page.params.name ?? '', id });
  });

  pages.post('reportMessage', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    await messages.report(page.actor, page.params.id ?? '', fieldValue(fields.reason), page.request.ip);
    cookies.notify(page.reply, 'dcReported');
    return goBack(page, fields);
  });

  pages.post('moderateMessage', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const action = fieldValue(fields.action);
    await messages.moderate(
      page.actor,
      page.params.id ?? '',
      action === 'release'
        ? { release: true }
        : action === 'show'
          ? { show: true }
          : { hide: fieldValue(fields.reason) },
    );
    cookies.notify(page.reply, 'dcModerated');
    return goBack(page, fields);
  });

  const moderationPage = async (page: PageRequest, ban: ModerationView['ban']) => {
    const [queue, bans, activity] = await Promise.all([
      messages.queue(page.actor),
      moderation.bans(page.actor),
      messages.activity(page.actor, 100),
    ]);
    const ctx = page.context({ page: 'moderation' });
    return <ModerationPage ctx={ctx} view={{ queue, bans, activity, ban }} />;
  };

  pages.get('moderation', (page) => {
    signedInUser(page);
    return moderationPage(page, { values: { user: '', reason: '' }, errors: {} });
  });

  pages.post('bans', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const values = { user: fieldValue(fields.user), reason: fieldValue(fields.reason) };
    try {
      if (fieldValue(fields.action) === 'unban') {
        await moderation.unban(page.actor, values.user);
        cookies.notify(page.reply, 'mdUnbanned');
      } else {
        await moderation.ban(page.actor, values.user, values.reason);
        cookies.notify(page.reply, 'mdBanned');
      }
      return page.redirect('moderation');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      return moderationPage(page, {
        values,
        errors: fieldErrorsOf(error.issues, page.locale, ['user', 'reason']),
      });
    }
  });
}
