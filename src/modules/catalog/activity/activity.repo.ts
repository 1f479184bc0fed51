import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../../platform/db/index.js';

export type ActivityObjectType = 'package' | 'organization' | 'group';
export type ActivityVerb = 'new' | 'changed' | 'deleted';

export interface Activity {
  id: string;
  timestamp: Date;
  userId: string | null;
  userName: string | null;
  objectType: ActivityObjectType;
  objectId: string;
  organizationId: string | null;
  /** CKAN's wording: "new package", "changed organization", … */
  activityType: string;
  private: boolean;
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
  organizationId: string | null;
  verb: ActivityVerb;
  private: boolean;
  data: ActivityData;
}

interface ActivityRow {
  id: string;
  timestamp: Date;
  user_id: string | null;
  user_name: string | null;
  object_type: ActivityObjectType;
  object_id: string;
  organization_id: string | null;
  activity_type: string;
  private: boolean;
  data: ActivityData;
}

const COLUMNS =
  'id, timestamp, user_id, user_name, object_type, object_id, organization_id, activity_type, private, data';

export function createActivityRepo(db: Queryable) {
  return {
    async record(activity: NewActivity): Promise<void> {
      await db.query(
        `INSERT INTO catalog.activities
           (id, user_id, user_name, object_type, object_id, organization_id, activity_type, private, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          randomUUID(),
          activity.userId,
          activity.userName,
          activity.objectType,
          activity.objectId,
          activity.organizationId,
          `${activity.verb} ${activity.objectType}`,
          activity.private,
          JSON.stringify(activity.data),
        ],
      );
    },

    /** Newest first: the changes of one object. */
    async forObject(objectId: string, page: { limit: number; offset: number }): Promise<Activity[]> {
      const rows = await db.query<ActivityRow>(
        `SELECT ${COLUMNS} FROM catalog.activities WHERE object_id = $1
         ORDER BY timestamp DESC, id LIMIT $2 OFFSET $3`,
        [objectId, page.limit, page.offset],
      );
      return rows.map(activityFromRow);
    },

    /** Newest first: the organisation's own changes and those of its datasets. */
    async forOrganization(
      organizationId: string,
      page: { limit: number; offset: number; includePrivate: boolean },
    ): Promise<Activity[]> {
      const rows = await db.query<ActivityRow>(
        `SELECT ${COLUMNS} FROM catalog.activities
         WHERE (object_id = $1 OR organization_id = $1) AND ($4 OR NOT private)
         ORDER BY timestamp DESC, id LIMIT $2 OFFSET $3`,
        [organizationId, page.limit, page.offset, page.includePrivate],
      );
      return rows.map(activityFromRow);
    },
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
    organizationId: row.organization_id,
    activityType: row.activity_type,
    private: row.private,
    data: row.data,
  };
}
