import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { type Visibility, visibilitySql } from '../search/visibility.js';

export type ActivityObjectType = 'package' | 'organization' | 'group';
export type ActivityVerb = 'new' | 'changed' | 'deleted';

export interface Activity {
  id: string;
  timestamp: Date;
  userId: string | null;
  userName: string | null;
  objectType: ActivityObjectType;
  objectId: string;
  /** CKAN's wording: "new package", "changed organization", … */
  activityType: string;
  data: ActivityData;
}

export interface ActivityData {
  name: string;
  title: { fr: string; en: string | null };
  /** Top-level fields that changed, for "changed" activities. */
  changes?: string[];
}

export interface NewActivity {
  userId: string | null;
  userName: string | null;
  objectType: ActivityObjectType;
  objectId: string;
  verb: ActivityVerb;
  data: ActivityData;
}

export interface ActivityPage {
  limit: number;
  offset: number;
}

interface ActivityRow {
  id: string;
  timestamp: Date;
  user_id: string | null;
  user_name: string | null;
  object_type: ActivityObjectType;
  object_id: string;
  activity_type: string;
  data: ActivityData;
}

const COLUMNS = [
  'id',
  'timestamp',
  'user_id',
  'user_name',
  'object_type',
  'object_id',
  'activity_type',
  'data',
];

export function createActivityRepo(db: Queryable) {
  /**
   * A group's or organisation's stream: its own changes and those of its datasets, of which only
   * the datasets the caller may see now (a dataset made private or deleted takes its history along).
   */
  async function forCollection(link: string, groupId: string, page: ActivityPage, visibility: Visibility) {
    const params = new SqlParams();
    const group = params.add(groupId);
    const visible = visibilitySql(visibility, params);
    const rows = await db.query<ActivityRow>(
      `SELECT ${COLUMNS.map((column) => `a.${column}`).join(', ')}
       FROM catalog.activities a
       LEFT JOIN catalog.datasets d ON a.object_type = 'package' AND d.id = a.object_id
       WHERE (a.object_id = ${group}::uuid OR (d.id IS NOT NULL AND ${link.replaceAll('$group', `${group}::uuid`)} AND ${visible}))
       ORDER BY a.timestamp DESC, a.id LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
      params.values,
    );
    return rows.map(activityFromRow);
  }

  return {
    async record(activity: NewActivity): Promise<void> {
      await db.query(
        `INSERT INTO catalog.activities (id, user_id, user_name, object_type, object_id, activity_type, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          randomUUID(),
          activity.userId,
          activity.userName,
          activity.objectType,
          activity.objectId,
          `${activity.verb} ${activity.objectType}`,
          JSON.stringify(activity.data),
        ],
      );
    },

    /** Newest first: the changes of one object (the caller checked it may see the object). */
    async forObject(objectId: string, page: ActivityPage): Promise<Activity[]> {
      const rows = await db.query<ActivityRow>(
        `SELECT ${COLUMNS.join(', ')} FROM catalog.activities WHERE object_id = $1
         ORDER BY timestamp DESC, id LIMIT $2 OFFSET $3`,
        [objectId, page.limit, page.offset],
      );
      return rows.map(activityFromRow);
    },

    forOrganization: (organizationId: string, page: ActivityPage, visibility: Visibility) =>
      forCollection('d.owner_org = $group', organizationId, page, visibility),

    forGroup: (groupId: string, page: ActivityPage, visibility: Visibility) =>
      forCollection('d.group_ids @> ARRAY[$group]', groupId, page, visibility),
  };
}

export type ActivityRepo = ReturnType<typeof createActivityRepo>;

function activityFromRow(row: ActivityRow): Activity {
  return {
    id: row.id,
    timestamp: row.timestamp,
    userId: row.user_id,
    userName: row.user_name,
    objectType: row.object_type,
    objectId: row.object_id,
    activityType: row.activity_type,
    data: row.data,
  };
}
