import { ValidationError } from '../../../platform/http/errors.js';
import { isSysadmin } from '../../accounts/index.js';
import { REUSE_TYPES, type ReuseType } from '../../community/index.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldText,
  fieldValue,
  formFields,
  type PageRequest,
  type PageRoutes,
  signedInUser,
  type WebDeps,
} from '../shell/page-routes.js';
import { CSRF_FIELD } from '../shell/web-cookies.js';
import { CallPage, CallsPage } from './calls.page.js';
import { NewReusePage, type NewReuseView, ReusePage } from './reuse.page.js';
import { REUSES_PAGE_SIZE, ReusesPage } from './reuses.page.js';

/** The bytes an image may have (the API's own bound). */
const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
const FIELDS = ['title', 'description', 'type', 'url', 'datasets', 'topics', 'call'];
const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The showcase of reuses, a reuse's page, showing one; calls for projects. */
export function reusePageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { cookies } = deps;
  const { reuses, calls } = deps.community;

  pages.get('reuses', async (page) => {
    const type = fieldText(page.query.type);
    const topic = fieldText(page.query.sujet).toLowerCase().slice(0, 40);
    const pageNumber = Math.min(Math.max(Number.parseInt(fieldText(page.query.page), 10) || 1, 1), 1000);
    const [{ reuses: found, total }, topics] = await Promise.all([
      reuses.list(page.actor, {
        type: (REUSE_TYPES as readonly string[]).includes(type) ? (type as ReuseType) : null,
        topic: topic || null,
        dataset: null,
        call: null,
        state: null,
        limit: REUSES_PAGE_SIZE,
        offset: (pageNumber - 1) * REUSES_PAGE_SIZE,
      }),
      reuses.topics(),
    ]);
    const view = {
      reuses: found,
      total,
      page: pageNumber,
      type,
      topic,
      topics,
      signedIn: page.actor.user !== null,
    };
    return <ReusesPage ctx={page.context({ page: 'reuses' })} view={view} />;
  });

  const form = async (
    page: PageRequest,
    view: Omit<NewReuseView, 'calls'>,
    at: 'newReuse' | 'editReuse' = 'newReuse',
  ) => (
    <NewReusePage
      ctx={page.context(
        at === 'editReuse' ? { page: at, params: { name: view.editing ?? '' } } : { page: at },
      )}
      view={{ ...view, calls: await calls.list() }}
    />
  );

  pages.get('newReuse', async (page) => {
    signedInUser(page);
    const values = {
      title: '',
      description: '',
      type: 'application',
      url: '',
      datasets: fieldText(page.query.jeu).slice(0, 200),
      topics: '',
      call: fieldText(page.query.appel).slice(0, 100),
    };
    return form(page, { values, errors: {} });
  });

  /** The form's fields as typed, and as the service takes them. */
  const submitted = (page: PageRequest) => {
    const fields = formFields(page, cookies);
    const values = Object.fromEntries(
      FIELDS.map((name) => [name, fieldValue(fields[name])]),
    ) as NewReuseView['values'];
    const input = {
      title: values.title,
      description: values.description,
      type: values.type,
      url: values.url.trim(),
      datasets: list(values.datasets),
      topics: list(values.topics),
      call: values.call.trim() || null,
    };
    return { values, input };
  };

  pages.post('newReuse', async (page) => {
    signedInUser(page);
    const { values, input } = submitted(page);
    try {
      const created = await reuses.create(page.actor, input);
      cookies.notify(page.reply, 'ruCreated');
      return page.redirect('reuse', { name: created.name });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      return form(page, { values, errors: fieldErrorsOf(error.issues, page.locale, FIELDS) });
    }
  });

  pages.get('editReuse', async (page) => {
    signedInUser(page);
    const reuse = await reuses.get(page.actor, page.params.name ?? '');
    const values = {
      title: reuse.title,
      description: reuse.description,
      type: reuse.type,
      url: reuse.url,
      datasets: reuse.datasets.map((dataset) => dataset.name).join(', '),
      topics: reuse.topics.join(', '),
      call: reuse.call?.name ?? '',
    };
    return form(page, { values, errors: {}, editing: reuse.name }, 'editReuse');
  });

  pages.post('editReuse', async (page) => {
    signedInUser(page);
    const { values, input } = submitted(page);
    const name = page.params.name ?? '';
    try {
      const edited = await reuses.update(page.actor, name, input);
      cookies.notify(page.reply, 'ruEdited');
      return page.redirect('reuse', { name: edited.name });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      return form(
        page,
        { values, errors: fieldErrorsOf(error.issues, page.locale, FIELDS), editing: name },
        'editReuse',
      );
    }
  });

  const show = async (page: PageRequest, errors: Record<string, string> = {}) => {
    const reuse = await reuses.get(page.actor, page.params.name ?? '');
    const view = {
      reuse,
      canModerate: isSysadmin(page.actor),
      canEdit: reuse.author.id === page.actor.user?.id || isSysadmin(page.actor),
      errors,
    };
    return <ReusePage ctx={page.context({ page: 'reuse', params: { name: reuse.name } })} view={view} />;
  };

  pages.get('reuse', (page) => show(page));

  pages.post('reuse', async (page) => {
    signedInUser(page);
    const name = page.params.name ?? '';
    if (page.request.isMultipart()) {
      // The image form: the token comes first, checked before a byte of the file is read.
      const fields: Record<string, string> = {};
      let image: Buffer | null = null;
      let tooLarge = false;
      for await (const part of page.request.parts({
        limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 5 },
      })) {
        if (part.type === 'field') fields[part.fieldname] = String(part.value);
        else {
          cookies.checkCsrf(page.request, fields[CSRF_FIELD] ?? '');
          try {
            image = await part.toBuffer();
          } catch {
            tooLarge = true;
          }
        }
      }
      cookies.checkCsrf(page.request, fields[CSRF_FIELD] ?? '');
      try {
        if (tooLarge || !image || image.length === 0)
          throw new ValidationError([
            {
              path: 'image',
              code: tooLarge ? 'too_large' : 'required',
              message: tooLarge
                ? { fr: 'Au plus 5 Mo.', en: 'At most 5 MB.' }
                : { fr: 'Choisissez une image.', en: 'Choose an image.' },
            },
          ]);
        await reuses.setImage(page.actor, name, image);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        page.reply.code(422);
        return show(page, fieldErrorsOf(error.issues, page.locale, ['image']));
      }
      cookies.notify(page.reply, 'ruImageSaved');
      return page.redirect('reuse', { name });
    }
    const fields = formFields(page, cookies);
    try {
      await reuses.moderate(page.actor, name, {
        state: fieldValue(fields.action),
        reason: fieldText(fields.reason) || null,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      return show(page, fieldErrorsOf(error.issues, page.locale, ['reason', 'state']));
    }
    return page.redirect('reuse', { name });
  });

  pages.get('calls', async (page) => (
    <CallsPage ctx={page.context({ page: 'calls' })} calls={await calls.list()} />
  ));

  pages.get('call', async (page) => {
    const call = await calls.get(page.params.name ?? '');
    const { reuses: made } = await reuses.list(page.actor, {
      type: null,
      topic: null,
      dataset: null,
      call: call.name,
      state: null,
      limit: 100,
      offset: 0,
    });
    return (
      <CallPage ctx={page.context({ page: 'call', params: { name: call.name } })} call={call} reuses={made} />
    );
  });
}
