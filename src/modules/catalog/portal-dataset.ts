import type { Actor } from '../accounts/index.js';
import type { CatalogService } from './catalog.service.js';
import type { DatasetInput } from './catalog.types.js';

/**
 * A dataset the portal itself keeps in step with what it publishes (procurement, the business
 * registry): its organisation is created if missing, the dataset created or replaced whole.
 */
export async function putPortalDataset(
  catalog: CatalogService,
  actor: Actor,
  organization: { name: string; title: string },
  input: DatasetInput,
): Promise<void> {
  if (!(await catalog.groups.find('organization', organization.name))) {
    await catalog.groups.create(actor, 'organization', {
      name: organization.name,
      title: { fr: organization.title, en: null },
      description: { fr: null, en: null },
      imageUrl: null,
      euTheme: null,
      extras: {},
    });
  }
  if (await catalog.datasets.exists(input.name)) await catalog.datasets.update(actor, input.name, input);
  else await catalog.datasets.create(actor, input);
}
