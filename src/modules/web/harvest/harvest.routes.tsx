import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../platform/http/errors.js';
import { type Locale, localized } from '../../../platform/i18n/index.js';
import { isSysadmin, organizationsWithRole } from '../../accounts/index.js';
import type { Group } from '../../catalog/index.js';
import {
  type HarvestSource,
  ITEM_ACTIONS,
  type ItemAction,
  type SourceInput,
  type SourceKind,
} from '../../harvest/index.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldText,
  formFields,
  type PageRequest,
  type PageRoutes,
  signedInUser,
  type WebDeps,
} from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { RunPage } from './run.page.js';
import { SourcePage } from './source.page.js';
import { SOURCE_FIELDS, SourcesPage } from './sources.page.js';

/** The workspace's harvest pages: sources (list, add), a source (test, run, runs), a run's report. */
export function harvestRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, cookies, harvest } = deps;

  /** The organisations the user may harvest into; refused when there are none. */
  async function manageableOrganizations(page: PageRequest): Promise<Group[]> {
    signedInUser(page);
    if (isSysadmin(page.actor)) {
      const all = await catalog.groups.list(page.actor, 'organization', {
        names: null,
        sort: 'title',
        direction: 'asc',
        limit: null,
        offset: 0,
      });
      return catalog.groups.findByIds(all.map((listing) => listing.group.id));
    }
    const ids = organizationsWithRole(page.actor, 'admin');
    if (ids.length === 0)
      throw new ForbiddenError(
        localized(
          'Réservé aux administrateurs du portail et des organisations.',
          'For sysadmins and organization admins only.',
        ),
      );
    return catalog.groups.findByIds(ids);
  }

  async function renderSources(
    page: PageRequest,
    errors: Record<string, string>,
    values: Record<string, string>,
  ) {
    const organizations = await manageableOrganizations(page);
    const sources = await harvest.sources.list(page.actor);
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const view = { sources, organizations, errors, values };
    return <SourcesPage ctx={page.context({ page: 'harvestSources' })} view={view} />;
  }

  pages.get('harvestSources', (page) => renderSources(page, {}, { kind: 'ckan' }));

  pages.post('harvestSources', async (page) => {
    await manageableOrganizations(page);
    const fields = formFields(page, cookies);
    const values = Object.fromEntries(SOURCE_FIELDS.map((name) => [name, fieldText(fields[name])]));
    try {
      const source = await harvest.sources.create(page.actor, sourceInput(values));
      cookies.notify(page.reply, 'hvAdded');
      return page.redirect('harvestSource', { name: source.name });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderSources(page, sourceErrors(error, page.locale), values);
    }
  });

  async function renderSource(
    page: PageRequest,
    form?: { values?: Record<string, string>; errors: FieldErrors },
  ) {
    const organizations = await manageableOrganizations(page);
    const source = await harvest.sources.manageable(page.actor, page.params.name ?? '');
    const [organization] = await catalog.groups.findByIds([source.organizationId]);
    const runs = await harvest.runs(page.actor, source.name);
    const ctx = page.context({ page: 'harvestSource', params: { name: source.name } });
    if (form && Object.keys(form.errors).length > 0) page.reply.code(422);
    const values = form?.values ?? sourceValues(source, organization?.name ?? '');
    return (
      <SourcePage
        ctx={ctx}
        source={source}
        organization={organization ?? null}
        runs={runs}
        form={{ organizations, values, errors: form?.errors ?? {} }}
      />
    );
  }

  pages.get('harvestSource', (page) => renderSource(page));

  pages.post('harvestSource', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const name = page.params.name ?? '';
    const action = fieldText(fields.action);
    if (action === 'save') {
      const values = Object.fromEntries(SOURCE_FIELDS.map((field) => [field, fieldText(fields[field])]));
      try {
        const source = await harvest.sources.update(page.actor, name, sourceInput(values));
        cookies.notify(page.reply, 'hvSaved');
        return page.redirect('harvestSource', { name: source.name });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return renderSource(page, { values, errors: sourceErrors(error, page.locale) });
      }
    }
    if (action === 'delete') {
      if (fieldText(fields.confirm) !== 'oui')
        return renderSource(page, { errors: { confirm: page.t('hvDeleteUnconfirmed') } });
      await harvest.sources.delete(page.actor, name);
      cookies.notify(page.reply, 'hvDeleted');
      return page.redirect('harvestSources');
    }
    try {
      const run = await harvest.startRun(page.actor, name, { dryRun: action === 'test' });
      cookies.notify(page.reply, 'hvStarted');
      return page.redirect('harvestRun', { name, id: run.id });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      cookies.notify(page.reply, 'hvAlreadyRunning');
      return page.redirect('harvestSource', { name });
    }
  });

  pages.get('harvestRun', async (page) => {
    signedInUser(page);
    const source = await harvest.sources.manageable(page.actor, page.params.name ?? '');
    const wanted = typeof page.query.action === 'string' ? page.query.action : null;
    const action = (ITEM_ACTIONS as readonly string[]).includes(wanted ?? '') ? (wanted as ItemAction) : null;
    const { run, items } = await harvest.report(page.actor, page.params.id ?? '', {
      action,
      limit: 1000,
      offset: 0,
    });
    if (run.sourceId !== source.id)
      throw new NotFoundError(
        'harvest run',
        run.id,
        localized('Moissonnage introuvable', 'Harvest run not found'),
      );
    const ids = items.flatMap((item) => (item.datasetId ? [item.datasetId] : []));
    // The report names only the datasets the reader may see.
    const datasetNames = Object.fromEntries(
      (await catalog.datasets.loadMany([...new Set(ids)])).map((dataset) => [dataset.id, dataset.name]),
    );
    const ctx = page.context({ page: 'harvestRun', params: { name: source.name, id: run.id } });
    return (
      <RunPage
        ctx={ctx}
        source={source}
        run={run}
        items={items}
        action={action}
        datasetNames={datasetNames}
      />
    );
  });
}

/** The form's values as a source's input. */
function sourceInput(values: Record<string, string>): SourceInput {
  return {
    name: values.name ?? '',
    title: values.title ?? '',
    organization: values.organization ?? '',
    kind: (values.kind ?? '') as SourceKind,
    url: (values.url ?? '').trim(),
    schedule: values.schedule?.trim() || null,
    filters: {
      ...(values.filter_organization ? { organization: values.filter_organization } : {}),
      ...(values.filter_tag ? { tag: values.filter_tag } : {}),
    },
    licenseDefault: values.license_default || null,
    mirror: values.mirror === 'oui',
  };
}

/** A source as the edit form starts from it. */
function sourceValues(source: HarvestSource, organization: string): Record<string, string> {
  return {
    name: source.name,
    title: source.title,
    organization,
    kind: source.kind,
    url: source.url,
    schedule: source.schedule ?? '',
    filter_organization: source.filters.organization ?? '',
    filter_tag: source.filters.tag ?? '',
    license_default: source.licenseDefault ?? '',
    mirror: source.mirror ? 'oui' : '',
  };
}

function sourceErrors(error: ValidationError, locale: Locale): FieldErrors {
  return fieldErrorsOf(error.issues, locale, [...SOURCE_FIELDS], {
    'filters.organization': 'filter_organization',
    'filters.tag': 'filter_tag',
  });
}
