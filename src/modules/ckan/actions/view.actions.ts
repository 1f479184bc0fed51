import { NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { type Localized, localized } from '../../../platform/i18n/index.js';
import type { Actor } from '../../accounts/index.js';
import type { SavedView } from '../../datastore/index.js';
import { type CkanData, readString, requireString } from '../params.js';
import { type ActionTable, type CkanDeps, readAction, writeAction } from './action.js';

/**
 * Resource views: the table preview every queryable resource has (CKAN's `datatables_view`, whose
 * id is the resource's own id) and the charts and maps publishers save (`quai_chart`,
 * `quai_map`, their spec in `spec`). Other CKAN view types have no Quai equivalent.
 */
const TABLE_VIEW = 'datatables_view';
const TABLE_TITLE: Localized = { fr: 'Tableau', en: 'Table' };
const SAVED_TYPES = ['quai_chart', 'quai_map'] as const;

function viewDict(
  base: { id: string; resource_id: string; package_id: string },
  view: { title: Localized; viewType: string; spec?: unknown },
) {
  return {
    description: '',
    id: base.id,
    package_id: base.package_id,
    resource_id: base.resource_id,
    ...(view.spec !== undefined ? { spec: view.spec } : {}),
    title: view.title.fr,
    title_translated: { en: view.title.en, fr: view.title.fr },
    view_type: view.viewType,
  };
}

async function tableView(deps: CkanDeps, actor: Actor, resourceId: string) {
  const { dataset } = await deps.catalog.resources.get(actor, resourceId);
  return viewDict(
    { id: resourceId, resource_id: resourceId, package_id: dataset.id },
    { title: TABLE_TITLE, viewType: TABLE_VIEW },
  );
}

async function savedViewDict(deps: CkanDeps, actor: Actor, view: SavedView) {
  const { dataset } = await deps.catalog.resources.get(actor, view.resourceId);
  return viewDict(
    { id: view.id, resource_id: view.resourceId, package_id: dataset.id },
    { title: view.title, viewType: view.spec.kind === 'map' ? 'quai_map' : 'quai_chart', spec: view.spec },
  );
}

/** The view named by `id`: a saved one, or the table preview of the resource with that id. */
async function findView(deps: CkanDeps, actor: Actor, id: string) {
  const saved = await deps.views.find(actor, id).catch(() => null);
  if (saved) return { saved, dict: await savedViewDict(deps, actor, saved) };
  await deps.datastore.readableTable(actor, id).catch(() => {
    throw new NotFoundError('resource view', id, localized('Vue introuvable', 'Resource view not found'));
  });
  return { saved: null, dict: await tableView(deps, actor, id) };
}

/** The view's title and spec from a CKAN view dict (title, title_translated, spec as object or JSON). */
function viewInput(data: CkanData): { title: { fr: string; en: string }; spec: unknown } {
  const translated = data.title_translated;
  // CKAN's `title` (what CKAN clients change); the French of title_translated when it is missing.
  const fr =
    readString(data, 'title') ??
    (translated && typeof translated === 'object'
      ? String((translated as Record<string, unknown>).fr ?? '')
      : '');
  const en =
    translated && typeof translated === 'object'
      ? String((translated as Record<string, unknown>).en ?? '')
      : '';
  const title = { fr, en };
  let spec = data.spec;
  if (typeof spec === 'string') {
    try {
      spec = JSON.parse(spec);
    } catch {
      spec = null;
    }
  }
  return { title, spec };
}

function viewTypeOf(data: CkanData, fallback?: string): string {
  const viewType = readString(data, 'view_type') ?? fallback;
  if (viewType === undefined) return requireString(data, 'view_type');
  if (viewType !== TABLE_VIEW && !(SAVED_TYPES as readonly string[]).includes(viewType)) {
    throw new ValidationError([
      {
        path: 'view_type',
        code: 'unknown',
        message: localized(
          `Aucun type de vue « ${viewType} » : datatables_view, quai_chart ou quai_map.`,
          `No plugin found for view_type ${viewType}`,
        ),
      },
    ]);
  }
  return viewType;
}

export function viewActions(): ActionTable {
  return {
    resource_view_list: readAction(
      "Return a resource's views: its table preview (datatables_view) when its data can be queried, then the charts and maps saved on it.\n\n:param id: the resource",
      async ({ actor, data, deps }) => {
        const resourceId = requireString(data, 'id');
        const { resource } = await deps.catalog.resources.get(actor, resourceId);
        const active = await deps.datastore.activeResources([resource.id]);
        const saved = await deps.views.list(actor, resource.id);
        return [
          ...(active.has(resource.id) ? [await tableView(deps, actor, resource.id)] : []),
          ...(await Promise.all(saved.map((view) => savedViewDict(deps, actor, view)))),
        ];
      },
    ),

    resource_view_show: readAction(
      'Return a resource view.\n\n:param id: the view',
      async ({ actor, data, deps }) => {
        return (await findView(deps, actor, requireString(data, 'id'))).dict;
      },
    ),

    resource_view_create: writeAction(
      'Add a view to a resource (editors of its dataset): quai_chart or quai_map with its spec, or datatables_view (the table preview, always there once the data can be queried).\n\n:param resource_id: the resource\n:param view_type: datatables_view, quai_chart or quai_map\n:param title: the title (French), or title_translated\n:param spec: (charts and maps) the chart or map, as GET /api/v1/resources/{id}/views gives it\n:param id: (optional) a free id to keep (views moved from another portal)',
      async ({ actor, data, deps }) => {
        const resourceId = requireString(data, 'resource_id');
        const viewType = viewTypeOf(data);
        if (viewType === TABLE_VIEW) {
          const { dataset } = await deps.catalog.resources.get(actor, resourceId);
          await deps.catalog.datasets.editableRef(actor, dataset.id);
          return tableView(deps, actor, resourceId);
        }
        const created = await deps.views.create(actor, resourceId, {
          ...viewInput(data),
          id: readString(data, 'id') ?? undefined,
        });
        return savedViewDict(deps, actor, created);
      },
    ),

    resource_view_update: writeAction(
      "Change a view's title and spec (editors of its dataset). The table preview keeps its title.\n\n:param id: the view\n:param title: or title_translated\n:param spec: the chart or map",
      async ({ actor, data, deps }) => {
        const found = await findView(deps, actor, requireString(data, 'id'));
        if (!found.saved) {
          await deps.catalog.datasets.editableRef(actor, found.dict.package_id);
          return found.dict;
        }
        viewTypeOf(data, found.dict.view_type);
        const updated = await deps.views.update(actor, found.saved.id, viewInput(data));
        return savedViewDict(deps, actor, updated);
      },
    ),

    resource_view_delete: writeAction(
      'Delete a saved chart or map (editors of its dataset). The table preview cannot be deleted: it is there while the data can be queried.\n\n:param id: the view',
      async ({ actor, data, deps }) => {
        const found = await findView(deps, actor, requireString(data, 'id'));
        if (!found.saved) {
          await deps.catalog.datasets.editableRef(actor, found.dict.package_id);
          throw new ValidationError([
            {
              path: 'id',
              code: 'table_view',
              message: localized(
                'L’aperçu en tableau ne se supprime pas : il existe tant que les données sont interrogeables.',
                'The table preview cannot be deleted: it exists while the data can be queried',
              ),
            },
          ]);
        }
        await deps.views.remove(actor, found.saved.resourceId, found.saved.id);
        return null;
      },
    ),
  };
}
