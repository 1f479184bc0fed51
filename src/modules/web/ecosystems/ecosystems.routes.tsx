import type { Actor } from '../../accounts/index.js';
import type { Group } from '../../catalog/index.js';
import type { Ecosystem, MemberRole } from '../../schemas/index.js';
import type { PageRoutes, WebDeps } from '../shell/page-routes.js';
import { EcosystemPage, type EcosystemView } from './ecosystem.page.js';
import { type EcosystemSummary, EcosystemsPage } from './ecosystems.page.js';

const ROLE_ORDER: Record<MemberRole, number> = { lead: 0, member: 1, observer: 2 };

/** The ecosystems: their list and each one's page (governance, schemas, files, consolidated tables). */
export function ecosystemPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { ecosystems, validation } = deps.schemas;
  const { catalog } = deps;

  pages.get('ecosystems', async (page) => {
    const all = await ecosystems.list();
    const leads = await catalog.groups.findByIds(all.map((ecosystem) => ecosystem.leadOrganizationId));
    const summaries: EcosystemSummary[] = await Promise.all(
      all.map(async (ecosystem) => ({
        ecosystem,
        lead: leads.find((group) => group.id === ecosystem.leadOrganizationId) ?? null,
        schemas: await ecosystems.schemasOf(ecosystem.slug),
      })),
    );
    return <EcosystemsPage ctx={page.context({ page: 'ecosystems' })} ecosystems={summaries} />;
  });

  pages.get('ecosystem', async (page) => {
    const view = await ecosystemView(page.actor, page.params.slug ?? '');
    const ctx = page.context({ page: 'ecosystem', params: { slug: view.ecosystem.slug } });
    return <EcosystemPage ctx={ctx} view={view} />;
  });

  /** What the page shows, as `actor` may see it: private files and datasets stay out. */
  async function ecosystemView(actor: Actor, slug: string): Promise<EcosystemView> {
    const overview = await ecosystems.overview(actor, slug);
    const byId = new Map(overview.organizations.map((group) => [group.id, group]));
    const members = sortedMembers(overview.ecosystem, byId);
    const files = await Promise.all(
      overview.datasets.map(async (file) => {
        const stored = await validation.resourceReport(actor, file.resourceId).catch(() => null);
        return { file, errorCount: stored?.report.errorCount ?? null };
      }),
    );
    const datasetOf = (id: string) => catalog.datasets.get(actor, id).catch(() => null);
    const consolidations = await Promise.all(
      overview.consolidations.map(async (consolidation) => ({
        consolidation,
        dataset: await datasetOf(consolidation.datasetId),
        skipped: await Promise.all(
          consolidation.skipped.map(async (skipped) => ({
            reason: skipped.reason,
            resourceId: skipped.resourceId,
            dataset: await datasetOf(skipped.datasetId),
          })),
        ),
      })),
    );
    return {
      ecosystem: overview.ecosystem,
      lead: byId.get(overview.ecosystem.leadOrganizationId) ?? null,
      members,
      schemas: overview.schemas,
      files,
      consolidations,
    };
  }
}

/** The lead first, then members, then observers, each group by name. */
function sortedMembers(ecosystem: Ecosystem, byId: Map<string, Group>) {
  return ecosystem.members
    .flatMap((member) => {
      const organization = byId.get(member.organizationId);
      return organization ? [{ ...member, organization }] : [];
    })
    .sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
        a.organization.title.fr.localeCompare(b.organization.title.fr, 'fr'),
    );
}
