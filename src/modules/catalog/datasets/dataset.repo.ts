import { type Queryable, queryOne } from '../../../platform/db/index.js';
import { isUuid } from '../../../platform/validation.js';
import type { Dataset } from '../catalog.types.js';
import { QUALITY_BANDS } from '../search/quality-bands.js';
import {
  type DatasetRow,
  datasetFromRow,
  type HydratedDatasetRow,
  type ResourceRow,
} from './dataset.rows.js';

/** Enough of a dataset to decide who may see or change it. */
export interface DatasetRef {
  id: string;
  name: string;
  state: 'active' | 'draft' | 'deleted';
  private: boolean;
  ownerOrg: string;
  creatorUserId: string | null;
}

const WRITE_COLUMNS = [
  'id',
  'name',
  'type',
  'state',
  'private',
  'owner_org',
  'creator_user_id',
  'title_fr',
  'title_en',
  'notes_fr',
  'notes_en',
  'author',
  'author_email',
  'maintainer',
  'maintainer_email',
  'license_id',
  'url',
  'version',
  'update_frequency',
  'time_coverage_start',
  'time_coverage_end',
  'bbox_west',
  'bbox_south',
  'bbox_east',
  'bbox_north',
  'languages',
  'tags',
  'keywords_en',
  'group_ids',
  'extras',
] as const satisfies readonly (keyof DatasetRow)[];

const RESOURCE_COLUMNS = [
  'id',
  'dataset_id',
  'position',
  'url',
  'blob_sha256',
  'filename',
  'name_fr',
  'name_en',
  'description_fr',
  'description_en',
  'format',
  'mimetype',
  'size',
  'resource_type',
  'extras',
  'state',
  'created',
  'last_modified',
  'metadata_modified',
] as const satisfies readonly (keyof ResourceRow)[];

const HYDRATE_SQL = `
  SELECT ${WRITE_COLUMNS.filter((c) => !c.startsWith('time_coverage'))
    .map((c) => `d.${c}`)
    .join(', ')},
    d.time_coverage_start::text AS time_coverage_start, d.time_coverage_end::text AS time_coverage_end,
    d.metadata_created, d.metadata_modified,
    to_json(o) AS organization,
    (SELECT coalesce(json_agg(g ORDER BY g.title_fr), '[]') FROM catalog.groups g
      WHERE g.id = ANY(d.group_ids) AND g.state = 'active') AS groups,
    (SELECT coalesce(json_agg(r ORDER BY r.position), '[]') FROM catalog.resources r
      WHERE r.dataset_id = d.id AND r.state = 'active') AS resources,
    (SELECT coalesce(json_agg(x ORDER BY x.authoritative DESC, x.harvested_at), '[]')
      FROM catalog.dataset_origins x WHERE x.dataset_id = d.id) AS origins
  FROM catalog.datasets d JOIN catalog.groups o ON o.id = d.owner_org
  WHERE d.id = ANY($1::uuid[])`;

export function createDatasetRepo(db: Queryable) {
  return {
    /** By id, else by name; a live dataset wins over a deleted one of the same name. */
    async findRef(reference: string): Promise<DatasetRef | null> {
      const columns = 'id, name, state, private, owner_org AS "ownerOrg", creator_user_id AS "creatorUserId"';
      if (isUuid(reference)) {
        const byId = await queryOne<DatasetRef>(db, `SELECT ${columns} FROM catalog.datasets WHERE id = $1`, [
          reference,
        ]);
        if (byId) return byId;
      }
      return queryOne<DatasetRef>(
        db,
        `SELECT ${columns} FROM catalog.datasets WHERE name = $1
         ORDER BY (state = 'deleted'), metadata_modified DESC LIMIT 1`,
        [reference],
      );
    },

    async idExists(id: string): Promise<boolean> {
      return (await db.query('SELECT 1 FROM catalog.datasets WHERE id = $1', [id])).length > 0;
    },

    async nameInUse(name: string, exceptId: string | null): Promise<boolean> {
      const rows = await db.query(
        `SELECT 1 FROM catalog.datasets WHERE name = $1 AND state <> 'deleted' AND id IS DISTINCT FROM $2::uuid`,
        [name, exceptId],
      );
      return rows.length > 0;
    },

    /** Full datasets, in the order of `ids` (missing ids are skipped). */
    async load(ids: readonly string[]): Promise<Dataset[]> {
      if (ids.length === 0) return [];
      const rows = await db.query<HydratedDatasetRow>(HYDRATE_SQL, [ids]);
      const byId = new Map(rows.map((row) => [row.id, datasetFromRow(row)]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },

    async insert(row: DatasetRow): Promise<void> {
      const placeholders = WRITE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
      await db.query(
        `INSERT INTO catalog.datasets (${WRITE_COLUMNS.join(', ')}) VALUES (${placeholders})`,
        WRITE_COLUMNS.map((column) => toParam(column, row[column])),
      );
    },

    async update(row: DatasetRow): Promise<void> {
      const assignments = WRITE_COLUMNS.slice(1).map((column, i) => `${column} = $${i + 2}`);
      await db.query(
        `UPDATE catalog.datasets SET ${assignments.join(', ')}, metadata_modified = now() WHERE id = $1`,
        WRITE_COLUMNS.map((column) => toParam(column, row[column])),
      );
    },

    async setState(id: string, state: DatasetRow['state']): Promise<void> {
      await db.query('UPDATE catalog.datasets SET state = $2, metadata_modified = now() WHERE id = $1', [
        id,
        state,
      ]);
    },

    async setPrivate(id: string, isPrivate: boolean): Promise<void> {
      await db.query('UPDATE catalog.datasets SET private = $2, metadata_modified = now() WHERE id = $1', [
        id,
        isPrivate,
      ]);
    },

    async touch(id: string): Promise<void> {
      await db.query('UPDATE catalog.datasets SET metadata_modified = now() WHERE id = $1', [id]);
    },

    /** All resources of a dataset, deleted ones included (ids are never reused). */
    listResourceRows(datasetId: string): Promise<ResourceRow[]> {
      return db.query<ResourceRow>(
        `SELECT ${RESOURCE_COLUMNS.join(', ')} FROM catalog.resources WHERE dataset_id = $1 ORDER BY position`,
        [datasetId],
      );
    },

    async findResource(id: string): Promise<ResourceRow | null> {
      if (!isUuid(id)) return null;
      return queryOne<ResourceRow>(
        db,
        `SELECT ${RESOURCE_COLUMNS.join(', ')} FROM catalog.resources WHERE id = $1`,
        [id],
      );
    },

    async upsertResource(row: ResourceRow): Promise<void> {
      const placeholders = RESOURCE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
      const updates = RESOURCE_COLUMNS.filter((c) => c !== 'id' && c !== 'created').map(
        (c) => `${c} = EXCLUDED.${c}`,
      );
      await db.query(
        `INSERT INTO catalog.resources (${RESOURCE_COLUMNS.join(', ')}) VALUES (${placeholders})
         ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
        RESOURCE_COLUMNS.map((column) => toParam(column, row[column])),
      );
    },

    async deleteResourcesExcept(datasetId: string, keepIds: readonly string[]): Promise<void> {
      await db.query(
        `UPDATE catalog.resources SET state = 'deleted', metadata_modified = now()
         WHERE dataset_id = $1 AND state = 'active' AND NOT (id = ANY($2::uuid[]))`,
        [datasetId, keepIds],
      );
    },

    async blobInUse(sha256: string): Promise<boolean> {
      return (
        (
          await db.query(
            `SELECT 1 FROM catalog.resources WHERE blob_sha256 = $1
             UNION ALL SELECT 1 FROM catalog.resource_versions WHERE blob_sha256 = $1 LIMIT 1`,
            [sha256],
          )
        ).length > 0
      );
    },

    /** Recomputes the derived search columns of the given datasets. */
    refreshSearch: (ids: readonly string[]) => refreshSearch(db, 'd.id = ANY($1::uuid[])', [ids]),

    /** After an organisation or group is renamed, its datasets must be found by the new title. */
    refreshSearchForGroup: (groupId: string) =>
      refreshSearch(db, '(d.owner_org = $1 OR d.group_ids @> ARRAY[$1::uuid])', [groupId]),

    /**
     * Sets a dataset's quality score and its band's facet key, leaving everything else as it is
     * (no modification date: the score describes the metadata, it is not a change to it). False
     * when the score was already that one.
     */
    async setQualityScore(id: string, score: number | null): Promise<boolean> {
      const rows = await db.query(
        `UPDATE catalog.datasets d SET quality_score = $2::smallint,
           facet_keys = ARRAY(SELECT k FROM unnest(d.facet_keys) AS k WHERE left(k, 1) <> 'q') || ${qualityKeys('$2::smallint')}
         WHERE d.id = $1 AND d.quality_score IS DISTINCT FROM $2::smallint RETURNING d.id`,
        [id, score],
      );
      return rows.length > 0;
    },

    /** Names of public, active datasets (CKAN's package_list). */
    async listPublicNames(limit: number | null, offset: number): Promise<string[]> {
      const rows = await db.query<{ name: string }>(
        `SELECT name FROM catalog.datasets WHERE state = 'active' AND NOT private
         ORDER BY name LIMIT $1 OFFSET $2`,
        [limit, offset],
      );
      return rows.map((row) => row.name);
    },

    /** Tags of public, active datasets, optionally containing `query` (accents and case ignored). */
    async listPublicTags(query: string | null, limit: number | null, offset: number): Promise<string[]> {
      const rows = await db.query<{ tag: string }>(
        `SELECT DISTINCT t AS tag FROM catalog.datasets d, unnest(d.tags) AS t
         WHERE d.state = 'active' AND NOT d.private
           AND ($1::text IS NULL OR quai_fold(t) LIKE '%' || quai_fold($1) || '%')
         ORDER BY t LIMIT $2 OFFSET $3`,
        [query, limit, offset],
      );
      return rows.map((row) => row.tag);
    },
  };
}

/** jsonb values travel as JSON text, which both engines accept the same way. */
function toParam(column: string, value: unknown): unknown {
  return column === 'extras' ? JSON.stringify(value) : value;
}

export type DatasetRepo = ReturnType<typeof createDatasetRepo>;

/** The facet key of a quality score's band ('qhigh', 'qmedium', 'qlow'); none before the first score. */
function qualityKeys(score: string): string {
  const bands = QUALITY_BANDS.map(({ band, min }) => `WHEN ${score} >= ${min} THEN '${band}'`).join(' ');
  return `ARRAY(SELECT 'q' || CASE ${bands} END WHERE ${score} IS NOT NULL)`;
}

async function refreshSearch(db: Queryable, where: string, params: unknown[]): Promise<void> {
  // Titles and keywords weigh most, then descriptions, then the publisher, themes and resources.
  // Every text is analysed in French; English texts are analysed in English as well.
  await db.query(
    `UPDATE catalog.datasets d SET
       facet_keys = ARRAY['o' || d.owner_org]
         || ARRAY(SELECT 'g' || g FROM unnest(d.group_ids) AS g)
         || ARRAY(SELECT 't' || t FROM unnest(d.tags) AS t)
         || ARRAY(SELECT DISTINCT 'r' || r.format FROM catalog.resources r
                  WHERE r.dataset_id = d.id AND r.state = 'active' AND r.format IS NOT NULL)
         || ARRAY(SELECT 'l' || d.license_id WHERE d.license_id IS NOT NULL)
         || ${qualityKeys('d.quality_score')},
       title_sort = quai_fold(d.title_fr),
       search_vector =
         setweight(to_tsvector('quai_fr', d.title_fr || ' ' || coalesce(d.title_en, '')), 'A') ||
         setweight(to_tsvector('quai_en', coalesce(d.title_en, '')), 'A') ||
         setweight(to_tsvector('quai_fr', array_to_string(d.tags || d.keywords_en, ' ')), 'B') ||
         setweight(to_tsvector('quai_en', array_to_string(d.keywords_en, ' ')), 'B') ||
         setweight(to_tsvector('quai_fr', coalesce(d.notes_fr, '') || ' ' || coalesce(d.notes_en, '')), 'C') ||
         setweight(to_tsvector('quai_en', coalesce(d.notes_en, '')), 'C') ||
         setweight(to_tsvector('quai_fr', concat_ws(' ', replace(d.name, '-', ' '), o.title_fr, o.title_en,
           (SELECT string_agg(concat_ws(' ', g.title_fr, g.title_en), ' ') FROM catalog.groups g WHERE g.id = ANY(d.group_ids)),
           (SELECT string_agg(concat_ws(' ', r.name_fr, r.name_en, r.format), ' ') FROM catalog.resources r
             WHERE r.dataset_id = d.id AND r.state = 'active'))), 'D')
     FROM catalog.groups o
     WHERE o.id = d.owner_org AND ${where}`,
    params,
  );
  // The words of public titles and keywords, for typo correction (migration 0006).
  await db.query(
    `INSERT INTO catalog.search_terms (term, word)
     SELECT DISTINCT ON (quai_fold(w)) quai_fold(w), lower(w)
     FROM catalog.datasets d,
       regexp_split_to_table(
         concat_ws(' ', d.title_fr, d.title_en, array_to_string(d.tags || d.keywords_en, ' ')),
         '[^0-9A-Za-zÀ-ÖØ-öø-ÿŒœ]+'
       ) AS w
     WHERE d.state = 'active' AND NOT d.private AND length(w) BETWEEN 3 AND 40 AND ${where}
     ON CONFLICT (term) DO NOTHING`,
    params,
  );
}
