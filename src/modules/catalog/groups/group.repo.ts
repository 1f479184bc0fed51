import { type Queryable, queryOne } from '../../../platform/db/index.js';
import { isUuid } from '../../../platform/validation.js';
import type { Group } from '../catalog.types.js';
import { type GroupRow, groupFromRow } from '../datasets/dataset.rows.js';

const COLUMNS =
  'id, name, is_organization, title_fr, title_en, description_fr, description_en, image_url, eu_theme, extras, state, created, modified';

export interface GroupListing {
  group: Group;
  /** Datasets in it that the caller may see. */
  datasetCount: number;
}

export type GroupSort = 'title' | 'name' | 'package_count';

export function createGroupRepo(db: Queryable) {
  return {
    /** An active organisation (or group), by id or by name. */
    async find(isOrganization: boolean, reference: string): Promise<Group | null> {
      const byId = isUuid(reference) ? 'OR id = $2::uuid' : '';
      const row = await queryOne<GroupRow>(
        db,
        `SELECT ${COLUMNS} FROM catalog.groups
         WHERE is_organization = $1 AND state = 'active' AND (name = $2 ${byId})`,
        [isOrganization, reference],
      );
      return row ? groupFromRow(row) : null;
    },

    async findByIds(ids: readonly string[]): Promise<Group[]> {
      if (ids.length === 0) return [];
      const rows = await db.query<GroupRow>(
        `SELECT ${COLUMNS} FROM catalog.groups WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      return rows.map(groupFromRow);
    },

    async nameTaken(name: string, exceptId: string | null): Promise<boolean> {
      const rows = await db.query(
        'SELECT 1 FROM catalog.groups WHERE name = $1 AND id IS DISTINCT FROM $2::uuid',
        [name, exceptId],
      );
      return rows.length > 0;
    },

    async idTaken(id: string): Promise<boolean> {
      return (await db.query('SELECT 1 FROM catalog.groups WHERE id = $1', [id])).length > 0;
    },

    async insert(group: Omit<GroupRow, 'created' | 'modified' | 'state'>): Promise<void> {
      await db.query(
        `INSERT INTO catalog.groups (id, name, is_organization, title_fr, title_en, description_fr, description_en,
           image_url, eu_theme, extras)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          group.id,
          group.name,
          group.is_organization,
          group.title_fr,
          group.title_en,
          group.description_fr,
          group.description_en,
          group.image_url,
          group.eu_theme,
          JSON.stringify(group.extras),
        ],
      );
    },

    async update(group: Omit<GroupRow, 'created' | 'modified' | 'state' | 'is_organization'>): Promise<void> {
      await db.query(
        `UPDATE catalog.groups SET name = $2, title_fr = $3, title_en = $4, description_fr = $5,
           description_en = $6, image_url = $7, eu_theme = $8, extras = $9, modified = now()
         WHERE id = $1`,
        [
          group.id,
          group.name,
          group.title_fr,
          group.title_en,
          group.description_fr,
          group.description_en,
          group.image_url,
          group.eu_theme,
          JSON.stringify(group.extras),
        ],
      );
    },

    /**
     * Active organisations (or groups) with the number of datasets the caller can see in each.
     * `visibleDatasets` is a predicate over `catalog.datasets d` (see search/visibility.ts).
     */
    async list(options: {
      isOrganization: boolean;
      visibleDatasets: { sql: string; values: unknown[] };
      names: string[] | null;
      sort: GroupSort;
      direction: 'asc' | 'desc';
      limit: number | null;
      offset: number;
    }): Promise<GroupListing[]> {
      const base = options.visibleDatasets.values.length;
      const link = options.isOrganization ? 'd.owner_org = g.id' : 'd.group_ids @> ARRAY[g.id]';
      const order = { title: 'quai_fold(g.title_fr)', name: 'g.name', package_count: 'dataset_count' }[
        options.sort
      ];
      const rows = await db.query<GroupRow & { dataset_count: number }>(
        `SELECT ${COLUMNS.split(', ')
          .map((c) => `g.${c}`)
          .join(', ')},
           (SELECT count(*)::int FROM catalog.datasets d WHERE ${link} AND ${options.visibleDatasets.sql}) AS dataset_count
         FROM catalog.groups g
         WHERE g.is_organization = $${base + 1} AND g.state = 'active'
           AND ($${base + 2}::text[] IS NULL OR g.name = ANY($${base + 2}::text[]))
         ORDER BY ${order} ${options.direction === 'desc' ? 'DESC' : 'ASC'}, g.name
         LIMIT $${base + 3} OFFSET $${base + 4}`,
        [
          ...options.visibleDatasets.values,
          options.isOrganization,
          options.names,
          options.limit,
          options.offset,
        ],
      );
      return rows.map((row) => ({ group: groupFromRow(row), datasetCount: row.dataset_count }));
    },
  };
}

export type GroupRepo = ReturnType<typeof createGroupRepo>;
