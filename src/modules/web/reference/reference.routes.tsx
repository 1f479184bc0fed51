import { takeRegistryBudget } from '../registry/registry.routes.js';
import { fieldText, type PageRoutes, type WebDeps } from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { EntityPage } from './entity.page.js';
import { readDay, readReferenceState, referenceQueryString } from './reference-search-state.js';
import { linkedNames, setPageView, versionPageView } from './reference-views.js';
import { SetPage } from './set.page.js';
import { SetsPage } from './sets.page.js';
import { StatusPage } from './status.page.js';
import { VersionPage } from './version.page.js';

/**
 * Reference data on the portal: the sets, a set (search, versions, commitment), a version's change
 * log, a code (at a date; a retired one with what replaces it), and a set's measured status.
 */
export function referencePageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { reference, probes, publishing } = deps.reference;

  pages.get('referenceSets', async (page) => {
    const sets = await reference.sets();
    return <SetsPage ctx={page.context({ page: 'referenceSets' })} view={{ sets }} />;
  });

  pages.get('referenceSet', async (page) => {
    const set = reference.definition(page.params.set ?? '');
    const state = readReferenceState(page.query, set);
    // The external set searches the registry: the registry's budget applies.
    if (set.external && state.q) await takeRegistryBudget(page, deps);
    const view = await setPageView(reference, set, state);
    const ctx = page.context({
      page: 'referenceSet',
      params: { set: set.id },
      query: referenceQueryString(view.state) || undefined,
    });
    return <SetPage ctx={ctx} view={view} />;
  });

  pages.get('referenceVersion', async (page) => {
    const set = reference.definition(page.params.set ?? '');
    const label = page.params.label ?? '';
    const view = await versionPageView(reference, set, label);
    return (
      <VersionPage
        ctx={page.context({ page: 'referenceVersion', params: { set: set.id, label } })}
        view={view}
      />
    );
  });

  pages.get('referenceStatus', async (page) => {
    const set = reference.definition(page.params.set ?? '');
    const [current] = await reference.versions(set.id);
    const [status, notices] = await Promise.all([
      probes.status(set, current ?? null),
      publishing.notices(set.id),
    ]);
    page.reply.header('Cache-Control', 'no-cache');
    return (
      <StatusPage
        ctx={page.context({ page: 'referenceStatus', params: { set: set.id } })}
        view={{ set, status, notices }}
      />
    );
  });

  pages.get('referenceEntity', async (page) => {
    const set = reference.definition(page.params.set ?? '');
    const code = page.params.code ?? '';
    const asOfInput = set.external ? '' : fieldText(page.query.asOf).slice(0, 20);
    const asOf = asOfInput ? readDay(asOfInput) : null;
    const errors: FieldErrors = {};
    if (asOfInput && !asOf) errors.asOf = page.t('refAsOfInvalid');
    if (set.external) await takeRegistryBudget(page, deps);
    const { entity, version } = await reference.entity(set.id, code, asOf ? { asOf } : {});
    const retired = entity.status === 'retired' && !entity.current.includes(entity.code);
    const [names, replacements] = await Promise.all([
      linkedNames(reference, set.attributes),
      retired
        ? Promise.all(
            entity.current.map((successor) =>
              reference
                .entity(set.id, successor)
                .then((found) => ({ code: successor, entity: found.entity }))
                .catch(() => ({ code: successor, entity: null })),
            ),
          )
        : Promise.resolve([]),
    ]);
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const ctx = page.context({
      page: 'referenceEntity',
      params: { set: set.id, code: entity.code },
      query: asOf ? `asOf=${asOf}` : undefined,
    });
    return (
      <EntityPage ctx={ctx} view={{ set, entity, version, asOf, asOfInput, errors, names, replacements }} />
    );
  });
}
