import type { IssueCollector } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { ANONYMOUS } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';

/** Reuses and calls link public datasets only: looked up as the public would. */
export function publicDatasetLookups(catalog: CatalogService) {
  return {
    /** The datasets among these ids (or names) that the public may read, with their names and titles. */
    async publicDatasets(ids: readonly string[]) {
      const found = await Promise.all(
        ids.map(async (id) => {
          try {
            const dataset = await catalog.datasets.get(ANONYMOUS, id);
            return { id: dataset.id, name: dataset.name, title: dataset.title.fr };
          } catch {
            return null;
          }
        }),
      );
      return found.filter((dataset) => dataset !== null);
    },

    /** Public datasets' ids by name or id; each unknown or hidden one is the field's error. */
    async datasetIds(references: string[], issues: IssueCollector): Promise<string[]> {
      const ids: string[] = [];
      for (const reference of [...new Set(references.map((r) => r.trim()).filter(Boolean))]) {
        try {
          ids.push((await catalog.datasets.get(ANONYMOUS, reference)).id);
        } catch {
          issues.add(
            'datasets',
            'unknown',
            localized(
              `Aucun jeu de données public « ${reference.slice(0, 100)} ».`,
              `No public dataset "${reference.slice(0, 100)}".`,
            ),
          );
        }
      }
      return ids;
    },
  };
}
