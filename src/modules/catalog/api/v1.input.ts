import type {
  BilingualText,
  DatasetInput,
  GroupInput,
  ResourceInput,
  UploadedFile,
} from '../catalog.types.js';
import type { DatasetBody, DatasetOut, GroupBody, ResourceBody } from './v1.schemas.js';

/** Trimmed text; blank becomes null. */
export function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function bilingual(value: { fr?: string | null; en?: string | null } | undefined): BilingualText {
  return { fr: text(value?.fr), en: text(value?.en) };
}

function words(values: readonly string[] | undefined): string[] {
  return (values ?? []).map((value) => value.trim()).filter((value) => value !== '');
}

/** The REST body as the service's input. Fields left out are emptied, except those DatasetInput keeps. */
export function datasetInputFromBody(body: DatasetBody): DatasetInput {
  return {
    ...(body.id === undefined ? {} : { id: body.id }),
    name: body.name.trim(),
    title: bilingual(body.title),
    notes: bilingual(body.notes),
    ...(body.owner_org === undefined ? {} : { ownerOrg: body.owner_org.trim() }),
    ...(body.private === undefined ? {} : { private: body.private }),
    ...(body.state === undefined ? {} : { state: body.state }),
    author: text(body.author),
    authorEmail: text(body.author_email),
    maintainer: text(body.maintainer),
    maintainerEmail: text(body.maintainer_email),
    licenseId: text(body.license_id),
    url: text(body.url),
    version: text(body.version),
    updateFrequency: text(body.update_frequency),
    temporalStart: text(body.time_coverage_start),
    temporalEnd: text(body.time_coverage_end),
    bbox: body.spatial ?? null,
    // Left out, a dataset is in French (as on the CKAN API); [] says it has no language.
    languages: body.language === undefined ? ['fr'] : words(body.language),
    tags: words(body.tags),
    keywordsEn: words(body.keywords_en),
    groups: words(body.groups),
    extras: body.extras ?? {},
    ...(body.resources === undefined
      ? {}
      : { resources: body.resources.map((resource) => resourceInputFromBody(resource)) }),
  };
}

/** A resource body; `file` is a new upload when the request carried one. */
export function resourceInputFromBody(body: ResourceBody, file: UploadedFile | null = null): ResourceInput {
  return {
    ...(body.id === undefined ? {} : { id: body.id }),
    url: text(body.url),
    name: bilingual(body.name),
    description: bilingual(body.description),
    format: text(body.format),
    mimetype: text(body.media_type) ?? file?.mimetype ?? null,
    resourceType: text(body.resource_type),
    extras: body.extras ?? {},
    upload: file ?? (body.kind === 'upload' ? 'keep' : null),
  };
}

/** The body that would recreate a dataset as it is: PATCH merges into it. */
export function bodyFromDataset(dataset: DatasetOut): DatasetBody {
  return {
    name: dataset.name,
    title: dataset.title,
    notes: dataset.notes,
    owner_org: dataset.organization.id,
    private: dataset.private,
    ...(dataset.state === 'deleted' ? {} : { state: dataset.state }),
    author: dataset.author,
    author_email: dataset.author_email,
    maintainer: dataset.maintainer,
    maintainer_email: dataset.maintainer_email,
    license_id: dataset.license_id,
    url: dataset.url,
    version: dataset.version,
    update_frequency: dataset.update_frequency,
    time_coverage_start: dataset.time_coverage_start,
    time_coverage_end: dataset.time_coverage_end,
    spatial: dataset.spatial,
    language: dataset.language,
    tags: dataset.tags,
    keywords_en: dataset.keywords_en,
    groups: dataset.groups.map((group) => group.id),
    extras: dataset.extras,
  };
}

export function groupInputFromBody(body: GroupBody): GroupInput {
  return {
    ...(body.id === undefined ? {} : { id: body.id }),
    name: body.name.trim(),
    title: bilingual(body.title),
    description: bilingual(body.description),
    imageUrl: text(body.image_url),
    euTheme: text(body.eu_theme),
    extras: body.extras ?? {},
  };
}
