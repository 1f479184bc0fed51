import type { Group } from '../../catalog/index.js';
import { consolidationDatasetName } from '../ecosystems/consolidation.service.js';
import type { EcosystemOverview } from '../ecosystems/ecosystems.service.js';
import type { Ecosystem } from '../ecosystems/ecosystems.types.js';
import type { JoinEvent, JoinRequest } from '../partners/join-requests.types.js';
import type { SharedSchema } from '../schemas.types.js';

const orgRef = (group: Group) => ({ id: group.id, name: group.name, title: group.title });

export function presentEcosystemSummary(
  ecosystem: Ecosystem,
  lead: Group | undefined,
  schemas: SharedSchema[],
  baseUrl: string,
) {
  return {
    slug: ecosystem.slug,
    title: ecosystem.title,
    purpose: ecosystem.purpose,
    lead: lead ? orgRef(lead) : null,
    members: ecosystem.members.length,
    schemas: schemas.map((schema) => schema.name),
    url: `${baseUrl}/api/v1/ecosystems/${ecosystem.slug}`,
  };
}

export function presentEcosystem(overview: EcosystemOverview, baseUrl: string) {
  const { ecosystem } = overview;
  const byId = new Map(overview.organizations.map((group) => [group.id, group]));
  return {
    slug: ecosystem.slug,
    title: ecosystem.title,
    purpose: ecosystem.purpose,
    governance: ecosystem.governance,
    contact: ecosystem.contact,
    url: `${baseUrl}/api/v1/ecosystems/${ecosystem.slug}`,
    members: ecosystem.members.flatMap((member) => {
      const group = byId.get(member.organizationId);
      return group
        ? [
            {
              organization: orgRef(group),
              role: member.role,
              contact: member.contact,
              joinedAt: member.joinedAt,
            },
          ]
        : [];
    }),
    schemas: overview.schemas.map((schema) => ({
      name: schema.name,
      title: schema.title,
      latest: schema.versions[0]?.version ?? null,
      url: `${baseUrl}/api/v1/schemas/${schema.name}`,
    })),
    datasets: overview.datasets.map((entry) => ({
      dataset: entry.datasetName,
      title: entry.title,
      organization: entry.organization,
      resourceId: entry.resourceId,
      schema: entry.schema,
      schemaVersion: entry.schemaVersion,
      valid: entry.valid,
      report: `${baseUrl}/api/v1/resources/${entry.resourceId}/validation`,
    })),
    consolidations: overview.consolidations.map((c) => ({
      schema: c.schema,
      dataset: consolidationDatasetName(c.ecosystem, c.schema),
      resourceId: c.resourceId,
      rows: c.rows,
      files: c.sources.length,
      builtAt: c.builtAt,
      sources: c.sources.map(({ version: _version, ...source }) => source),
      skipped: c.skipped,
      download: `${baseUrl}/api/v1/resources/${c.resourceId}/download`,
    })),
  };
}

export function presentJoinRequest(request: JoinRequest, events: JoinEvent[], organization: string | null) {
  return {
    id: request.id,
    organizationTitle: request.organizationTitle,
    organizationName: request.organizationName,
    kind: request.kind,
    municipalityCode: request.municipalityCode,
    contactName: request.contactName,
    contactEmail: request.contactEmail,
    plans: request.plans,
    ecosystem: request.ecosystem,
    status: request.status,
    reason: request.reason,
    organization,
    decidedAt: request.decidedAt,
    createdAt: request.createdAt,
    events,
  };
}
