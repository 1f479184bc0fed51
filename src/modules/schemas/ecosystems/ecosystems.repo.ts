import type { Queryable } from '../../../platform/db/index.js';
import type {
  Consolidation,
  Ecosystem,
  EcosystemInput,
  EcosystemMember,
  MemberRole,
} from './ecosystems.types.js';

type Row = Record<string, unknown>;
const iso = (value: unknown) => new Date(value as string).toISOString();

const ECOSYSTEM = `SELECT e.slug, e.title, e.purpose, e.governance, e.lead_organization AS "leadOrganizationId",
    e.contact, e.created_at AS "createdAt",
    COALESCE(jsonb_agg(jsonb_build_object('organizationId', m.organization_id, 'role', m.role,
      'contact', m.contact, 'joinedAt', m.joined_at) ORDER BY m.role = 'lead' DESC, m.joined_at)
      FILTER (WHERE m.organization_id IS NOT NULL), '[]') AS members
  FROM schemas.ecosystems e LEFT JOIN schemas.ecosystem_members m ON m.ecosystem = e.slug`;

function ecosystem(row: Row): Ecosystem {
  return {
    ...(row as unknown as Ecosystem),
    createdAt: iso(row.createdAt),
    members: (row.members as EcosystemMember[]).map((m) => ({ ...m, joinedAt: iso(m.joinedAt) })),
  };
}

function consolidation(row: Row): Consolidation {
  return { ...(row as unknown as Consolidation), rows: Number(row.rows), builtAt: iso(row.builtAt) };
}

const CONSOLIDATION = `SELECT ecosystem, schema_name AS schema, dataset_id AS "datasetId", resource_id AS "resourceId",
    rows, sources, skipped, built_at AS "builtAt" FROM schemas.consolidations`;

/** The ecosystems' SQL: ecosystems, their members, their consolidated tables. */
export function createEcosystemsRepo(db: Queryable) {
  return {
    async list(): Promise<Ecosystem[]> {
      return (await db.query<Row>(`${ECOSYSTEM} GROUP BY e.slug ORDER BY e.slug`)).map(ecosystem);
    },

    async get(slug: string): Promise<Ecosystem | null> {
      const rows = await db.query<Row>(`${ECOSYSTEM} WHERE e.slug = $1 GROUP BY e.slug`, [slug]);
      return rows[0] ? ecosystem(rows[0]) : null;
    },

    async forOrganization(organizationId: string): Promise<string[]> {
      const rows = await db.query<{ ecosystem: string }>(
        'SELECT ecosystem FROM schemas.ecosystem_members WHERE organization_id = $1 ORDER BY ecosystem',
        [organizationId],
      );
      return rows.map((row) => row.ecosystem);
    },

    /** Creates the ecosystem or updates its texts; the lead organisation is a member with role `lead`. */
    async put(input: Omit<EcosystemInput, 'leadOrganization'> & { leadOrganizationId: string }) {
      await db.query(
        `INSERT INTO schemas.ecosystems (slug, title, purpose, governance, lead_organization, contact)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (slug) DO UPDATE SET title = excluded.title, purpose = excluded.purpose,
           governance = excluded.governance, lead_organization = excluded.lead_organization, contact = excluded.contact`,
        [
          input.slug,
          JSON.stringify(input.title),
          JSON.stringify(input.purpose),
          JSON.stringify(input.governance),
          input.leadOrganizationId,
          input.contact,
        ],
      );
      await db.query(
        `UPDATE schemas.ecosystem_members SET role = 'member' WHERE ecosystem = $1 AND role = 'lead' AND organization_id <> $2`,
        [input.slug, input.leadOrganizationId],
      );
      await this.putMember(input.slug, input.leadOrganizationId, 'lead', input.contact);
    },

    async putMember(slug: string, organizationId: string, role: MemberRole, contact: string | null) {
      await db.query(
        `INSERT INTO schemas.ecosystem_members (ecosystem, organization_id, role, contact) VALUES ($1, $2, $3, $4)
         ON CONFLICT (ecosystem, organization_id) DO UPDATE SET role = excluded.role, contact = excluded.contact`,
        [slug, organizationId, role, contact],
      );
    },

    async removeMember(slug: string, organizationId: string): Promise<boolean> {
      const rows = await db.query(
        `DELETE FROM schemas.ecosystem_members WHERE ecosystem = $1 AND organization_id = $2 AND role <> 'lead' RETURNING 1`,
        [slug, organizationId],
      );
      return rows.length > 0;
    },

    /** The resources whose latest report is against `schema` (every resource declaring it gets one). */
    async reportedResources(
      schema: string,
    ): Promise<{ resourceId: string; version: string; valid: boolean }[]> {
      return db.query(
        `SELECT resource_id AS "resourceId", schema_version AS version, (report->>'valid')::boolean AS valid
         FROM schemas.reports WHERE resource_id IS NOT NULL AND schema_name = $1 ORDER BY created_at`,
        [schema],
      );
    },

    /** The latest verdicts of resources' reports. */
    async verdicts(resourceIds: string[]): Promise<{ resourceId: string; valid: boolean }[]> {
      if (resourceIds.length === 0) return [];
      return db.query(
        `SELECT resource_id AS "resourceId", (report->>'valid')::boolean AS valid
         FROM schemas.reports WHERE resource_id = ANY($1::uuid[])`,
        [resourceIds],
      );
    },

    async consolidations(slug: string): Promise<Consolidation[]> {
      return (await db.query<Row>(`${CONSOLIDATION} WHERE ecosystem = $1 ORDER BY schema_name`, [slug])).map(
        consolidation,
      );
    },

    async consolidation(slug: string, schema: string): Promise<Consolidation | null> {
      const rows = await db.query<Row>(`${CONSOLIDATION} WHERE ecosystem = $1 AND schema_name = $2`, [
        slug,
        schema,
      ]);
      return rows[0] ? consolidation(rows[0]) : null;
    },

    async consolidationDatasetIds(): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        'SELECT DISTINCT dataset_id AS id FROM schemas.consolidations',
      );
      return rows.map((row) => row.id);
    },

    async saveConsolidation(value: Omit<Consolidation, 'builtAt'>) {
      await db.query(
        `INSERT INTO schemas.consolidations (ecosystem, schema_name, dataset_id, resource_id, rows, sources, skipped)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (ecosystem, schema_name) DO UPDATE SET dataset_id = excluded.dataset_id,
           resource_id = excluded.resource_id, rows = excluded.rows, sources = excluded.sources,
           skipped = excluded.skipped, built_at = now()`,
        [
          value.ecosystem,
          value.schema,
          value.datasetId,
          value.resourceId,
          value.rows,
          JSON.stringify(value.sources),
          JSON.stringify(value.skipped),
        ],
      );
    },
  };
}
