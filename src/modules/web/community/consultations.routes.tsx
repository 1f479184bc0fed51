import { ValidationError } from '../../../platform/http/errors.js';
import { isSysadmin } from '../../accounts/index.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldValue,
  formFields,
  type PageRequest,
  type PageRoutes,
  signedInUser,
  type WebDeps,
} from '../shell/page-routes.js';
import {
  ConsultationPage,
  ConsultationsPage,
  type ConsultationView,
  NewConsultationPage,
  type NewConsultationView,
} from './consultations.page.js';

const HOURS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Toronto',
  hour: '2-digit',
  hourCycle: 'h23',
});

/**
 * A day of the form as a moment in Québec: its first second (opening) or its last (closing),
 * at the offset in force that day. Anything else goes to the service as typed, which says why.
 */
export function quebecMoment(day: string, end: boolean): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const time = end ? 'T23:59:59' : 'T00:00:00';
  for (const offset of ['-05:00', '-04:00']) {
    const moment = new Date(`${day}${time}${offset}`);
    if (!Number.isNaN(moment.getTime()) && HOURS.format(moment) === (end ? '23' : '00'))
      return moment.toISOString();
  }
  return `${day}${time}-05:00`;
}

/** Public consultations: the list, one consultation (comment, end, conclude), opening one. */
export function consultationPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { cookies } = deps;
  const { consultations } = deps.community;

  pages.get('consultations', async (page) => {
    const view = { consultations: await consultations.list(), mayCreate: isSysadmin(page.actor) };
    return <ConsultationsPage ctx={page.context({ page: 'consultations' })} view={view} />;
  });

  const emptyNew: NewConsultationView['values'] = {
    title: '',
    description: '',
    opens: '',
    closes: '',
    themes: '',
  };
  pages.get('newConsultation', async (page) => {
    signedInUser(page);
    return (
      <NewConsultationPage
        ctx={page.context({ page: 'newConsultation' })}
        view={{ values: emptyNew, errors: {} }}
      />
    );
  });

  pages.post('newConsultation', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const values = {
      title: fieldValue(fields.title),
      description: fieldValue(fields.description),
      opens: fieldValue(fields.opens_at),
      closes: fieldValue(fields.closes_at),
      themes: fieldValue(fields.themes),
    };
    try {
      const created = await consultations.create(page.actor, {
        title: values.title,
        description: values.description,
        opensAt: quebecMoment(values.opens, false),
        closesAt: quebecMoment(values.closes, true),
        themes: values.themes.split('\n').map((title) => ({ title })),
      });
      cookies.notify(page.reply, 'csCreated');
      return page.redirect('consultation', { name: created.name });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(
        error.issues,
        page.locale,
        ['title', 'description', 'opens_at', 'closes_at', 'themes'],
        Object.fromEntries(
          error.issues
            .filter((issue) => issue.path.startsWith('themes.'))
            .map((issue) => [issue.path, 'themes']),
        ),
      );
      return (
        <NewConsultationPage ctx={page.context({ page: 'newConsultation' })} view={{ values, errors }} />
      );
    }
  });

  const show = async (
    page: PageRequest,
    forms: Partial<Pick<ConsultationView, 'comment' | 'conclusion'>> = {},
  ) => {
    const found = await consultations.get(page.actor, page.params.name ?? '');
    const view: ConsultationView = {
      consultation: found.consultation,
      themes: found.themes,
      comments: found.comments,
      viewer: page.actor.user?.id ?? null,
      mayComment: found.mayComment,
      administers: found.mayModerate,
      comment: forms.comment ?? { values: { body: '', theme: '' }, errors: {} },
      conclusion: forms.conclusion ?? { values: { summary: '', answers: {} }, errors: {} },
    };
    const ctx = page.context({ page: 'consultation', params: { name: found.consultation.name } });
    return <ConsultationPage ctx={ctx} view={view} />;
  };

  pages.get('consultation', (page) => show(page));

  pages.post('commentConsultation', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const values = { body: fieldValue(fields.body), theme: fieldValue(fields.theme) };
    const name = page.params.name ?? '';
    try {
      const post = await consultations.comment(
        page.actor,
        name,
        { ...values, theme: values.theme || null, website: fieldValue(fields.website) },
        page.request.ip,
      );
      cookies.notify(page.reply, post.held ? 'dcPostedHeld' : 'csCommented');
      return page.redirect('consultation', { name });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(error.issues, page.locale, ['body', 'theme', 'website']);
      return show(page, { comment: { values, errors } });
    }
  });

  pages.post('closeConsultation', async (page) => {
    signedInUser(page);
    formFields(page, cookies);
    const name = page.params.name ?? '';
    await consultations.closeNow(page.actor, name);
    cookies.notify(page.reply, 'csClosedNow');
    return page.redirect('consultation', { name });
  });

  pages.post('concludeConsultation', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const name = page.params.name ?? '';
    const answers: Record<string, string> = {};
    for (const [key, value] of Object.entries(fields)) {
      const position = /^answers\.(\d{1,2})$/.exec(key)?.[1];
      if (position) answers[position] = fieldValue(value);
    }
    const values = { summary: fieldValue(fields.summary), answers };
    try {
      await consultations.conclude(page.actor, name, values);
      cookies.notify(page.reply, 'csConcluded');
      return page.redirect('consultation', { name });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const names = ['summary', ...Object.keys(answers).map((position) => `answers.${position}`)];
      const issuesFields = error.issues
        .map((issue) => issue.path)
        .filter((path) => path.startsWith('answers.'));
      const errors = fieldErrorsOf(error.issues, page.locale, [...names, ...issuesFields]);
      return show(page, { conclusion: { values, errors } });
    }
  });
}
