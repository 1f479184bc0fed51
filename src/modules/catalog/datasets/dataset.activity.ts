import type { Actor } from '../../accounts/index.js';
import type { ActivityVerb, NewActivity } from '../activity/activity.repo.js';
import type { Dataset } from '../catalog.types.js';

/** The activity-log entry for a change to a dataset. */
export function datasetActivity(
  actor: Actor,
  dataset: Dataset,
  verb: ActivityVerb,
  changes?: string[],
): NewActivity {
  return {
    userId: actor.user?.id ?? null,
    userName: actor.user?.name ?? null,
    objectType: 'package',
    objectId: dataset.id,
    verb,
    data: { name: dataset.name, title: dataset.title, ...(changes ? { changes } : {}) },
  };
}

const IGNORED: ReadonlySet<keyof Dataset> = new Set(['metadataModified', 'metadataCreated', 'origins']);

/** Top-level fields whose value differs, with resources compared by their content. */
export function changedFields(before: Dataset, after: Dataset): string[] {
  const keys = Object.keys(after) as (keyof Dataset)[];
  return keys.filter((key) => !IGNORED.has(key) && comparable(key, before) !== comparable(key, after));
}

function comparable(key: keyof Dataset, dataset: Dataset): string {
  if (key === 'organization') return dataset.organization.id;
  if (key === 'groups') return dataset.groups.map((group) => group.id).join(',');
  if (key === 'resources') {
    return JSON.stringify(
      dataset.resources.map(({ id, url, upload, name, description, format }) => [
        id,
        url,
        upload,
        name,
        description,
        format,
      ]),
    );
  }
  return JSON.stringify(dataset[key]);
}
