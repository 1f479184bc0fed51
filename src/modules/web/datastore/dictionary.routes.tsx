import { ValidationError } from '../../../platform/http/errors.js';
import type { Column, ColumnType, DictionaryEntry } from '../../datastore/index.js';
import { editableDataset } from '../catalog/loaders.js';
import { resourceName } from '../catalog/resources.js';
import { href } from '../i18n/paths.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  type FormFields,
  fieldText,
  formFields,
  type PageRequest,
  type PageRoutes,
  type WebDeps,
} from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { pickTitle } from '../ui/localized.js';
import { BINDING_FIELDS, DICTIONARY_FIELDS, DictionaryPage, dictionaryField } from './dictionary.page.js';

/** The data dictionary of a resource's table, for its publishers. */
export function dictionaryRoutes(pages: PageRoutes, deps: WebDeps): void {
  async function render(page: PageRequest, values: Record<string, string> | null, errors: FieldErrors) {
    const dataset = await editableDataset(page, deps.catalog);
    const resourceId = page.params.id ?? '';
    const table = await deps.datastore.editableTable(page.actor, resourceId);
    const index = dataset.resources.findIndex((resource) => resource.id === resourceId);
    const resource = dataset.resources[index];
    const columns = table.columns.filter((column) => column.id !== '_id');
    const ctx = page.context({ page: 'resourceDictionary', params: { name: dataset.name, id: resourceId } });
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const sets = (await deps.reference.reference.sets())
      .filter(({ set }) => !set.external)
      .map(({ set }) => ({ id: set.id, title: set.title }));
    const view = {
      datasetName: dataset.name,
      datasetTitle: pickTitle(page.locale, dataset.title).text,
      resourceId,
      resourceName: resource ? resourceName(ctx, resource, index).text : resourceId,
      columns,
      sets,
      values: values ?? currentValues(columns),
      errors,
    };
    return <DictionaryPage ctx={ctx} view={view} />;
  }

  pages.get('resourceDictionary', (page) => render(page, null, {}));

  pages.post('resourceDictionary', async (page) => {
    const fields = formFields(page, deps.cookies);
    await editableDataset(page, deps.catalog);
    const resourceId = page.params.id ?? '';
    const table = await deps.datastore.editableTable(page.actor, resourceId);
    const columns = table.columns.filter((column) => column.id !== '_id');
    const values = submittedValues(columns, fields);
    try {
      const result = await deps.dictionary.update(page.actor, resourceId, entriesOf(columns, values));
      const params = { name: page.params.name ?? '', id: resourceId };
      if (!result.reloading && bindings(result.columns) !== bindings(columns)) {
        // A new binding was checked before the answer: straight to the report.
        deps.cookies.notify(page.reply, 'dictionaryChecked');
        return page.reply.redirect(`${href(page.locale, 'resource', params)}#integrite`, 303);
      }
      deps.cookies.notify(page.reply, result.reloading ? 'dictionaryReloading' : 'dictionarySaved');
      return page.redirect('resource', params);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const names = columns.flatMap((_, index) =>
        DICTIONARY_FIELDS.map((field) => dictionaryField(index, field)),
      );
      const aliases = Object.fromEntries(
        columns.flatMap((_, index) =>
          Object.entries(ISSUE_FIELDS).map(([path, field]) => [
            `columns.${index}.${path}`,
            dictionaryField(index, field),
          ]),
        ),
      );
      return render(page, values, fieldErrorsOf(error.issues, page.locale, names, aliases));
    }
  });
}

/** A service's issue path under `columns.<index>.` → the form's field of that column. */
const ISSUE_FIELDS: Record<string, (typeof DICTIONARY_FIELDS)[number]> = {
  'label.fr': 'label_fr',
  'label.en': 'label_en',
  'description.fr': 'description_fr',
  'description.en': 'description_en',
  type: 'type',
  'reference.set': 'ref_set',
  'reference.as_of_column': 'ref_date',
  'reference.name_column': 'ref_name',
};

/** The bindings of a table's columns, comparable as text. */
const bindings = (columns: Column[]) =>
  JSON.stringify(
    columns.flatMap(({ id, reference }) =>
      reference ? [[id, reference.set, reference.asOfColumn, reference.nameColumn]] : [],
    ),
  );

function currentValues(columns: Column[]): Record<string, string> {
  const values: Record<string, string> = {};
  columns.forEach((column, index) => {
    values[dictionaryField(index, 'label_fr')] = column.label?.fr ?? '';
    values[dictionaryField(index, 'label_en')] = column.label?.en ?? '';
    values[dictionaryField(index, 'description_fr')] = column.description?.fr ?? '';
    values[dictionaryField(index, 'description_en')] = column.description?.en ?? '';
    values[dictionaryField(index, 'type')] = column.typeOverride ?? 'auto';
    values[dictionaryField(index, 'ref_set')] = column.reference?.set ?? '';
    values[dictionaryField(index, 'ref_date')] = column.reference?.asOfColumn ?? '';
    values[dictionaryField(index, 'ref_name')] = column.reference?.nameColumn ?? '';
  });
  return values;
}

/** The submitted fields; a binding's fields the form did not send keep the column's binding. */
function submittedValues(columns: Column[], fields: FormFields): Record<string, string> {
  const values: Record<string, string> = {};
  const current = currentValues(columns);
  columns.forEach((_, index) => {
    for (const field of DICTIONARY_FIELDS) {
      const name = dictionaryField(index, field);
      const kept = (BINDING_FIELDS as readonly string[]).includes(field) && fields[name] === undefined;
      values[name] = kept ? (current[name] ?? '') : fieldText(fields[name]);
    }
  });
  return values;
}

function entriesOf(columns: Column[], values: Record<string, string>): DictionaryEntry[] {
  return columns.map((column, index) => {
    const value = (field: string) => values[dictionaryField(index, field)] ?? '';
    return {
      id: column.id,
      label: { fr: value('label_fr'), en: value('label_en') },
      description: { fr: value('description_fr'), en: value('description_en') },
      type: (value('type') || 'auto') as ColumnType | 'auto',
      reference: value('ref_set')
        ? {
            set: value('ref_set'),
            asOfColumn: value('ref_date') || null,
            nameColumn: value('ref_name') || null,
          }
        : null,
    };
  });
}
