import { ForbiddenError, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import type { Actor } from '../../accounts/index.js';
import type { Dataset } from '../../catalog/index.js';
import {
  REQUEST_SORTS,
  REQUEST_STATUSES,
  type RequestSort,
  type RequestStatus,
} from '../../community/index.js';
import { allGroups } from '../catalog/loaders.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import { fieldValue, formFields, type PageRoutes, signedInUser, type WebDeps } from '../shell/page-routes.js';
import { NewRequestPage, RequestPage, type RequestView } from './request.page.js';
import { type RequestListState, RequestsPage } from './requests.page.js';

const PAGE_SIZE = 20;
const MAX_PAGE = 500;

/** The data requests' pages: the list, one request (support, answer), asking. */
export function requestRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, cookies } = deps;
  const { requests } = deps.community;

  const organizations = async (actor: Actor) =>
    (await allGroups(catalog, actor, 'organization')).map((listing) => listing.group);

  pages.get('dataRequests', async (page) => {
    const first = (value: string | string[] | undefined) => fieldValue(value).trim();
    const status = first(page.query.statut);
    const sort = first(page.query.ordre);
    const state: RequestListState = {
      q: first(page.query.q).slice(0, 200),
      status: (REQUEST_STATUSES as readonly string[]).includes(status) ? (status as RequestStatus) : null,
      organization: first(page.query.organisation) || null,
      sort: (REQUEST_SORTS as readonly string[]).includes(sort) ? (sort as RequestSort) : 'supported',
      page: Math.min(MAX_PAGE, Math.max(1, Number.parseInt(first(page.query.page) || '1', 10) || 1)),
    };
    const all = await organizations(page.actor);
    // An organisation that is not on the portal filters nothing (a stale link).
    if (state.organization && !all.some((organization) => organization.name === state.organization))
      state.organization = null;
    const found = await requests.list(page.actor, {
      status: state.status,
      organization: state.organization,
      text: state.q || null,
      sort: state.sort,
      limit: PAGE_SIZE,
      offset: (state.page - 1) * PAGE_SIZE,
    });
    const view = {
      state,
      total: found.total,
      requests: found.requests,
      organizations: all,
      pageSize: PAGE_SIZE,
      signedIn: page.actor.user !== null,
    };
    return <RequestsPage ctx={page.context({ page: 'dataRequests' })} view={view} />;
  });

  const emptyRequest = { title: '', description: '', reason: '', organization: '' };

  pages.get('newDataRequest', async (page) => {
    signedInUser(page);
    const organization = fieldValue(page.query.organisation).trim();
    return (
      <NewRequestPage
        ctx={page.context({ page: 'newDataRequest' })}
        view={{
          values: { ...emptyRequest, organization },
          errors: {},
          organizations: await organizations(page.actor),
        }}
      />
    );
  });

  pages.post('newDataRequest', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const values = {
      title: fieldValue(fields.title),
      description: fieldValue(fields.description),
      reason: fieldValue(fields.reason),
      organization: fieldValue(fields.organization),
    };
    try {
      const created = await requests.create(page.actor, {
        ...values,
        reason: values.reason || null,
        organization: values.organization || null,
      });
      cookies.notify(page.reply, 'drCreated');
      return page.redirect('dataRequest', { number: String(created.number) });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(error.issues, page.locale, [
        'title',
        'description',
        'reason',
        'organization',
      ]);
      return (
        <NewRequestPage
          ctx={page.context({ page: 'newDataRequest' })}
          view={{ values, errors, organizations: await organizations(page.actor) }}
        />
      );
    }
  });

  async function requestView(
    actor: Actor,
    number: string,
    answer: RequestView['answer'],
  ): Promise<RequestView> {
    const found = await requests.get(actor, number);
    const ids = [found.request.datasetId, ...found.events.map((event) => event.datasetId)].filter(
      (id): id is string => id !== null,
    );
    const datasets = new Map<string, Dataset>();
    for (const id of new Set(ids)) {
      try {
        datasets.set(id, await catalog.datasets.get(actor, id));
      } catch (error) {
        if (!(error instanceof NotFoundError || error instanceof ForbiddenError)) throw error;
      }
    }
    const organizationId = found.request.organizationId;
    const [organization] = organizationId ? await catalog.groups.findByIds([organizationId]) : [];
    return {
      request: found.request,
      events: found.events,
      organization: organization ?? null,
      datasets,
      signedIn: actor.user !== null,
      supported: found.supported,
      mayAnswer: found.mayAnswer,
      answer,
    };
  }
  const noAnswer = { values: { status: '', message: '', dataset: '' }, errors: {} };

  pages.get('dataRequest', async (page) => {
    const number = page.params.number ?? '';
    const view = await requestView(page.actor, number, noAnswer);
    const ctx = page.context({ page: 'dataRequest', params: { number: String(view.request.number) } });
    return <RequestPage ctx={ctx} view={view} />;
  });

  pages.post('supportDataRequest', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const number = page.params.number ?? '';
    await requests.support(page.actor, number, fieldValue(fields.appui) !== 'non');
    return page.redirect('dataRequest', { number });
  });

  pages.post('answerDataRequest', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const number = page.params.number ?? '';
    const values = {
      status: fieldValue(fields.status),
      message: fieldValue(fields.message),
      dataset: fieldValue(fields.dataset),
    };
    try {
      await requests.answer(page.actor, number, {
        status: values.status as RequestStatus,
        message: values.message,
        dataset: values.dataset.trim() || null,
      });
      cookies.notify(page.reply, 'drAnswered');
      return page.redirect('dataRequest', { number });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(error.issues, page.locale, ['status', 'message', 'dataset']);
      const view = await requestView(page.actor, number, { values, errors });
      return <RequestPage ctx={page.context({ page: 'dataRequest', params: { number } })} view={view} />;
    }
  });
}
