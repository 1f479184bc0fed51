import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { ForbiddenError, IssueCollector, NotFoundError } from '../../platform/http/errors.js';
import { leadsInside } from '../../platform/http/safe-fetch.js';
import { localized } from '../../platform/i18n/index.js';
import { checkMaxLength, checkSlug, isHttpUrl } from '../../platform/validation.js';
import { type Actor, isSysadmin, organizationsWithRole } from '../accounts/index.js';
import { type CatalogService, findLicense } from '../catalog/index.js';
import type { HarvestRepo, SourceSettings } from './harvest.repo.js';
import { type HarvestSource, SOURCE_KINDS, type SourceInput } from './harvest.types.js';

/** The next time a cron expression (5 fields, UTC) fires after `after`; null for no schedule. */
export function nextRun(schedule: string | null, after = new Date()): Date | null {
  if (schedule === null) return null;
  return CronExpressionParser.parse(schedule, { currentDate: after, tz: 'UTC' }).next().toDate();
}

const notFound = (reference: string) =>
  new NotFoundError(
    'harvest source',
    reference,
    localized('Source de moissonnage introuvable', 'Harvest source not found'),
  );

/**
 * Harvest sources: each belongs to an organisation; sysadmins and that organisation's admins
 * create, change, test and run them. Others do not learn that a source exists.
 */
export function createSourceService(deps: {
  repo: HarvestRepo;
  catalog: CatalogService;
  fetchGuard: { allowLoopback: boolean; allowHosts: readonly string[] };
}) {
  const { repo, catalog } = deps;

  const manages = (actor: Actor, organizationId: string) =>
    isSysadmin(actor) || organizationsWithRole(actor, 'admin').includes(organizationId);

  async function manageable(actor: Actor, reference: string): Promise<HarvestSource> {
    const source = await repo.findSource(reference);
    if (!source || !manages(actor, source.organizationId)) throw notFound(reference);
    return source;
  }

  async function validate(actor: Actor, input: SourceInput, exceptId: string | null) {
    const issues = new IssueCollector();
    checkSlug(issues, 'name', input.name);
    if (!issues.has('name')) {
      const other = await repo.findSource(input.name);
      if (other && other.id !== exceptId)
        issues.add(
          'name',
          'taken',
          localized('Ce nom est déjà pris par une autre source', 'That name is taken by another source'),
        );
    }
    if (input.title.trim() === '')
      issues.add('title', 'required', localized('Le titre est obligatoire', 'A title is required'));
    checkMaxLength(issues, 'title', input.title, 300);
    const organization = input.organization
      ? await catalog.groups.find('organization', input.organization)
      : null;
    if (!organization)
      issues.add(
        'organization',
        'unknown',
        localized("L'organisation n'existe pas", 'Organization does not exist'),
      );
    else if (!manages(actor, organization.id))
      issues.add(
        'organization',
        'forbidden',
        localized(
          'Seuls les administrateurs de cette organisation peuvent y moissonner',
          "Only this organization's admins can harvest into it",
        ),
      );
    if (!(SOURCE_KINDS as readonly string[]).includes(input.kind))
      issues.add(
        'kind',
        'unknown',
        localized(
          `Type inconnu ; types : ${SOURCE_KINDS.join(', ')}`,
          `Unknown kind; kinds: ${SOURCE_KINDS.join(', ')}`,
        ),
      );
    checkMaxLength(issues, 'url', input.url, 2000);
    if (!isHttpUrl(input.url))
      issues.add(
        'url',
        'url',
        localized('Indiquez une adresse http ou https', 'Give an http or https address'),
      );
    else if (await leadsInside(input.url, deps.fetchGuard))
      issues.add(
        'url',
        'not_public',
        localized(
          'Cette adresse mène à un réseau interne : le portail ne la lira pas (un administrateur peut autoriser un hôte interne par son nom)',
          'This address leads to an internal network: the portal will not read it (an administrator may allow an internal host by name)',
        ),
      );
    if (input.schedule !== null) {
      try {
        nextRun(input.schedule);
        if (input.schedule.trim().split(/\s+/).length !== 5) throw new Error('five fields');
      } catch {
        issues.add(
          'schedule',
          'cron',
          localized(
            'Horaire invalide : cinq champs cron (minute heure jour mois jour-de-semaine), par exemple « 0 3 * * * »',
            'Invalid schedule: five cron fields (minute hour day month weekday), e.g. "0 3 * * *"',
          ),
        );
      }
    }
    if (input.licenseDefault !== null && !findLicense(input.licenseDefault))
      issues.add('license_default', 'unknown', localized('Licence inconnue', 'Unknown license'));
    for (const key of ['organization', 'tag'] as const)
      checkMaxLength(issues, `filters.${key}`, input.filters[key] ?? null, 200);
    issues.throwIfAny();
    return organization as NonNullable<typeof organization>;
  }

  return {
    manages,
    manageable,
    /** The sources the actor manages. */
    list: (actor: Actor) =>
      repo.listSources(isSysadmin(actor) ? null : organizationsWithRole(actor, 'admin')),

    async create(actor: Actor, input: SourceInput): Promise<HarvestSource> {
      if (!isSysadmin(actor) && organizationsWithRole(actor, 'admin').length === 0)
        throw new ForbiddenError(
          localized(
            "Seuls les administrateurs du portail ou d'une organisation peuvent ajouter une source",
            'Only sysadmins and organization admins can add a harvest source',
          ),
        );
      const organization = await validate(actor, input, null);
      const id = randomUUID();
      await repo.saveSource({ id, ...settings(input, organization.id), createdBy: actor.user?.id ?? null });
      return (await repo.findSource(id)) as HarvestSource;
    },

    async update(actor: Actor, reference: string, input: SourceInput): Promise<HarvestSource> {
      const source = await manageable(actor, reference);
      const organization = await validate(actor, input, source.id);
      await repo.saveSource({
        id: source.id,
        ...settings(input, organization.id),
        createdBy: source.createdBy,
      });
      return (await repo.findSource(source.id)) as HarvestSource;
    },

    /** Removes the source; the datasets it brought stay, no longer harvested. */
    async delete(actor: Actor, reference: string): Promise<void> {
      const source = await manageable(actor, reference);
      for (const datasetId of await repo.sourceDatasets(source.id))
        await catalog.origins.remove(datasetId, source.id);
      await repo.deleteSource(source.id);
    },
  };
}

export type SourceService = ReturnType<typeof createSourceService>;

function settings(input: SourceInput, organizationId: string): SourceSettings {
  return {
    name: input.name,
    title: input.title.trim(),
    organizationId,
    kind: input.kind,
    url: input.url,
    schedule: input.schedule,
    filters: input.filters,
    licenseDefault: input.licenseDefault,
    mirror: input.mirror ?? false,
    nextRunAt: nextRun(input.schedule),
  };
}
