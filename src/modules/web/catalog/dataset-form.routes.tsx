import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { isSysadmin } from '../../accounts/index.js';
import { canCreateDatasetIn, type Dataset, type GroupKind } from '../../catalog/index.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldText,
  formFields,
  type PageRequest,
  type PageRoutes,
  signedInUser,
  type WebDeps,
} from '../shell/page-routes.js';
import type { Choice, FieldErrors } from '../ui/form-fields.js';
import { pickTitle } from '../ui/localized.js';
import { renderMarkdown } from '../ui/markdown.js';
import {
  checkDatasetForm,
  DATASET_FIELD_ALIASES,
  type DatasetFormValues,
  datasetFormFrom,
  datasetFormOf,
  datasetInputOf,
  emptyDatasetForm,
} from './dataset-form.js';
import { DATASET_FORM_FIELDS, DatasetFormPage } from './dataset-form.page.js';
import { allGroups, editableDataset } from './loaders.js';
import { PLACE_EXTRA, placeChoices, placeLabel } from './places.js';

/** Creating and editing datasets. */
export function datasetFormRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, cookies } = deps;

  async function choices(
    page: PageRequest,
    kind: GroupKind,
    keep: (id: string) => boolean,
  ): Promise<Choice[]> {
    const groups = await allGroups(catalog, page.actor, kind);
    return groups
      .filter(({ group }) => keep(group.id))
      .map(({ group }) => {
        const title = pickTitle(page.locale, group.title);
        return { value: group.id, label: title.text, lang: title.lang };
      });
  }

  /** The organisations the actor may publish in (and the dataset's own, when editing). */
  const organizationChoices = (page: PageRequest, current: string | null) =>
    choices(page, 'organization', (id) => id === current || canCreateDatasetIn(page.actor, id));

  async function render(
    page: PageRequest,
    dataset: Dataset | null,
    values: DatasetFormValues,
    errors: FieldErrors,
    preview: string | null = null,
  ) {
    const organizations = await organizationChoices(page, dataset?.organization.id ?? null);
    const places = await placeChoices(deps.reference.reference, page.locale);
    const view = {
      places: places.map((place) => place.label),
      datasetName: dataset?.name ?? null,
      datasetTitle: dataset ? pickTitle(page.locale, dataset.title).text : null,
      values,
      errors,
      // No silent default: with several organisations, the publisher picks one.
      organizations:
        values.owner_org === '' && organizations.length !== 1
          ? [{ value: '', label: page.t('chooseOrganization') }, ...organizations]
          : organizations,
      preview,
      themes: await choices(page, 'group', () => true),
    };
    const address = dataset
      ? ({ page: 'editDataset', params: { name: dataset.name } } as const)
      : ({ page: 'newDataset' } as const);
    if (Object.keys(errors).length > 0) page.reply.code(422);
    return <DatasetFormPage ctx={page.context(address)} view={view} />;
  }

  /**
   * Saves the form, or shows it again with everything that was typed and every error at once (the
   * form's own checks and the catalog's). « Prévisualiser » shows the description as it will read.
   */
  async function save(page: PageRequest, dataset: Dataset | null) {
    const fields = formFields(page, cookies);
    const values = datasetFormFrom(fields);
    if (fieldText(fields.preview) !== '') {
      return render(page, dataset, values, {}, renderMarkdown(values.notes_fr || values.notes_en));
    }
    // The territory typed as its name in the list, stored as its code.
    const places = values.place ? await placeChoices(deps.reference.reference, page.locale) : [];
    const typed = values.place.toLocaleLowerCase(page.locale);
    const place =
      places.find((candidate) => candidate.label.toLocaleLowerCase(page.locale) === typed) ?? null;
    const input = datasetInputOf(values, dataset, place?.value ?? null);
    const errors = {
      ...(values.place && !place ? { place: page.t('fieldPlaceUnknown') } : {}),
      ...fieldErrorsOf(
        // A missing title is said once, on the title: the name is made from it.
        (await catalog.datasets.check(page.actor, input, dataset?.id ?? null)).filter(
          (issue) => issue.path !== 'name' || values.name !== '' || values.title_fr !== '',
        ),
        page.locale,
        DATASET_FORM_FIELDS,
        DATASET_FIELD_ALIASES,
      ),
      ...checkDatasetForm(values, {
        required: page.t('fieldRequired'),
        chooseOrganization: page.t('chooseOrganizationError'),
      }),
    };
    if (Object.keys(errors).length > 0) return render(page, dataset, values, errors);
    try {
      const saved = dataset
        ? await catalog.datasets.update(page.actor, dataset.id, input)
        : await catalog.datasets.create(page.actor, input);
      cookies.notify(page.reply, dataset ? 'saved' : 'created');
      return page.redirect('dataset', { name: saved.name });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return render(
        page,
        dataset,
        values,
        fieldErrorsOf(error.issues, page.locale, DATASET_FORM_FIELDS, DATASET_FIELD_ALIASES),
      );
    }
  }

  pages.get('newDataset', async (page) => {
    signedInUser(page);
    const organizations = await organizationChoices(page, null);
    if (organizations.length === 0 && !isSysadmin(page.actor)) {
      throw new ForbiddenError(
        localized("Vous n'êtes éditeur d'aucune organisation.", 'You are not an editor of any organization.'),
      );
    }
    // The only organisation one may publish in is shown chosen; among several, none is.
    return render(
      page,
      null,
      emptyDatasetForm(organizations.length === 1 ? (organizations[0]?.value ?? '') : ''),
      {},
    );
  });

  pages.post('newDataset', async (page) => {
    signedInUser(page);
    return save(page, null);
  });

  pages.get('editDataset', async (page) => {
    const dataset = await editableDataset(page, catalog);
    const place = await placeLabel(deps.reference.reference, page.locale, dataset.extras[PLACE_EXTRA]);
    return render(page, dataset, datasetFormOf(dataset, place ?? ''), {});
  });

  pages.post('editDataset', async (page) => save(page, await editableDataset(page, catalog)));
}
