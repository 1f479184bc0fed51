import type { Db } from '../../../platform/db/index.js';
import { ForbiddenError, IssueCollector, NotFoundError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { type Actor, isSysadmin, roleAtLeast } from '../../accounts/index.js';
import type { CatalogService, Group } from '../../catalog/index.js';
import type { SchemaCatalogue } from '../schemas.service.js';
import type { SharedSchema } from '../schemas.types.js';
import { createEcosystemsRepo } from './ecosystems.repo.js';
import type { Consolidation, Ecosystem, EcosystemInput, MemberRole } from './ecosystems.types.js';
import { MEMBER_ROLES } from './ecosystems.types.js';

const SLUG = /^[a-z0-9][a-z0-9-]{1,60}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A dataset file that declares one of the ecosystem's schemas, as the caller may see it. */
export interface EcosystemDataset {
  datasetId: string;
  datasetName: string;
  title: { fr: string; en: string | null };
  organization: { id: string; name: string; title: { fr: string; en: string | null } };
  resourceId: string;
  resourceName: { fr: string | null; en: string | null };
  schema: string;
  schemaVersion: string;
  valid: boolean;
}

export interface EcosystemOverview {
  ecosystem: Ecosystem;
  organizations: Group[];
  schemas: SharedSchema[];
  datasets: EcosystemDataset[];
  consolidations: Consolidation[];
}

/** Ecosystems: their governance (lead, members, roles), schemas, member datasets and consolidations. */
export function createEcosystemService(deps: { db: Db; catalog: CatalogService; schemas: SchemaCatalogue }) {
  const repo = createEcosystemsRepo(deps.db);

  async function get(slug: string): Promise<Ecosystem> {
    const found = SLUG.test(slug) ? await repo.get(slug) : null;
    if (!found)
      throw new NotFoundError('ecosystem', slug, localized('Écosystème introuvable', 'Ecosystem not found'));
    return found;
  }

  async function organization(reference: string, field: string): Promise<Group> {
    const found = await deps.catalog.groups.find('organization', reference);
    if (!found) {
      const issues = new IssueCollector();
      issues.add(field, 'unknown', localized('organisation inconnue', 'unknown organisation'));
      issues.throwIfAny();
    }
    return found as Group;
  }

  /** Sysadmins, and the lead organisation's admins, manage an ecosystem's members. */
  function assertCanManage(actor: Actor, ecosystem: Ecosystem) {
    if (isSysadmin(actor) || roleAtLeast(actor.memberships.get(ecosystem.leadOrganizationId), 'admin'))
      return;
    throw new ForbiddenError(
      localized(
        'Réservé aux administrateurs du portail et à ceux de l’organisation responsable.',
        'Only the portal’s administrators and the lead organisation’s admins may do this.',
      ),
    );
  }

  /** The schemas an ecosystem shares (those that name it). */
  async function schemasOf(slug: string): Promise<SharedSchema[]> {
    return (await deps.schemas.list()).filter((schema) => schema.ecosystems.includes(slug));
  }

  /** The member files that declare one of the ecosystem's schemas and that `actor` may see. */
  async function datasetsOf(actor: Actor, ecosystem: Ecosystem, schemas: SharedSchema[]) {
    const members = new Set(ecosystem.members.map((member) => member.organizationId));
    const consolidated = new Set(await repo.consolidationDatasetIds());
    const out: EcosystemDataset[] = [];
    for (const schema of schemas) {
      for (const reported of await repo.reportedResources(schema.name)) {
        const found = await deps.catalog.resources.get(actor, reported.resourceId).catch(() => null);
        if (found?.resource.state !== 'active') continue;
        const { dataset, resource } = found;
        if (!members.has(dataset.organization.id) || consolidated.has(dataset.id)) continue;
        out.push({
          datasetId: dataset.id,
          datasetName: dataset.name,
          title: dataset.title,
          organization: {
            id: dataset.organization.id,
            name: dataset.organization.name,
            title: dataset.organization.title,
          },
          resourceId: resource.id,
          resourceName: resource.name,
          schema: schema.name,
          schemaVersion: reported.version,
          valid: reported.valid,
        });
      }
    }
    // Reports arrive in whatever order their loads finished: list in a stable order.
    return out.sort((a, b) => a.datasetName.localeCompare(b.datasetName));
  }

  return {
    repo,
    get,
    list: () => repo.list(),
    schemasOf,
    datasetsOf,
    forOrganization: (organizationId: string) => repo.forOrganization(organizationId),

    async overview(actor: Actor, slug: string): Promise<EcosystemOverview> {
      const ecosystem = await get(slug);
      const schemas = await schemasOf(slug);
      return {
        ecosystem,
        organizations: await deps.catalog.groups.findByIds(ecosystem.members.map((m) => m.organizationId)),
        schemas,
        datasets: await datasetsOf(actor, ecosystem, schemas),
        consolidations: await repo.consolidations(slug),
      };
    },

    /** Creates an ecosystem or updates it (sysadmins). */
    async put(actor: Actor, input: EcosystemInput): Promise<Ecosystem> {
      if (!isSysadmin(actor))
        throw new ForbiddenError(localized('Réservé aux administrateurs.', 'Administrators only.'));
      const issues = new IssueCollector();
      if (!SLUG.test(input.slug))
        issues.add(
          'slug',
          'invalid',
          localized(
            'minuscules, chiffres et traits d’union (2 à 61)',
            'lower case letters, digits and hyphens (2 to 61)',
          ),
        );
      for (const field of ['title', 'purpose', 'governance'] as const)
        if (!input[field].fr?.trim())
          issues.add(`${field}.fr`, 'required', localized('obligatoire en français', 'required in French'));
      if (!EMAIL.test(input.contact))
        issues.add('contact', 'invalid', localized('une adresse courriel', 'an email address'));
      issues.throwIfAny();
      const lead = await organization(input.leadOrganization, 'leadOrganization');
      await repo.put({ ...input, leadOrganizationId: lead.id });
      return get(input.slug);
    },

    /** Adds an organisation to an ecosystem, or changes its role (not the lead's). */
    async putMember(
      actor: Actor,
      slug: string,
      input: { organization: string; role: MemberRole; contact: string | null },
    ): Promise<Ecosystem> {
      const ecosystem = await get(slug);
      assertCanManage(actor, ecosystem);
      const issues = new IssueCollector();
      if (!(MEMBER_ROLES as readonly string[]).includes(input.role) || input.role === 'lead')
        issues.add('role', 'invalid', localized('member ou observer', 'member or observer'));
      if (input.contact !== null && !EMAIL.test(input.contact))
        issues.add('contact', 'invalid', localized('une adresse courriel', 'an email address'));
      issues.throwIfAny();
      const org = await organization(input.organization, 'organization');
      if (org.id === ecosystem.leadOrganizationId) {
        issues.add(
          'organization',
          'lead',
          localized('c’est l’organisation responsable', 'it is the lead organisation'),
        );
        issues.throwIfAny();
      }
      await repo.putMember(slug, org.id, input.role, input.contact);
      return get(slug);
    },

    async removeMember(actor: Actor, slug: string, organizationReference: string): Promise<Ecosystem> {
      const ecosystem = await get(slug);
      assertCanManage(actor, ecosystem);
      const org = await organization(organizationReference, 'organization');
      if (!(await repo.removeMember(slug, org.id)))
        throw new NotFoundError(
          'member',
          organizationReference,
          localized(
            'Cette organisation n’est pas membre (ou elle est responsable).',
            'Not a member (or the lead).',
          ),
        );
      return get(slug);
    },
  };
}

export type EcosystemService = ReturnType<typeof createEcosystemService>;
