import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import {
  ForbiddenError,
  IssueCollector,
  NotFoundError,
  ValidationError,
} from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Logger } from '../../../platform/log.js';
import { isUuid, slugify } from '../../../platform/validation.js';
import { type AccountsService, type Actor, isSysadmin, roleAtLeast, SYSTEM } from '../../accounts/index.js';
import { type CatalogService, searchRequest } from '../../catalog/index.js';
import type { ReferenceServices } from '../../reference/index.js';
import type { EcosystemService } from '../ecosystems/ecosystems.service.js';
import { createJoinRequestsRepo } from './join-requests.repo.js';
import {
  type ChecklistStep,
  type JoinRequest,
  type JoinRequestInput,
  type JoinStatus,
  PARTNER_KINDS,
  type PartnerKind,
} from './join-requests.types.js';

/** The latest validation verdicts of resources (from the validation reports). */
export type ReportsOf = (resourceIds: string[]) => Promise<{ resourceId: string; valid: boolean }[]>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_MIN = 12;
const MAX_PENDING_PER_ACCOUNT = 3;
const text = (value: string | null | undefined) => (value ?? '').trim();

/**
 * Organisations that ask to join the portal: a request (creating the requester's account when
 * they have none), a sysadmin's decision, the organisation created with the requester as its
 * admin and, when asked, a member of an ecosystem; each step logged.
 */
export function createJoinRequestService(deps: {
  db: Db;
  accounts: AccountsService;
  catalog: CatalogService;
  reference: ReferenceServices;
  ecosystems: EcosystemService;
  log: Logger;
}) {
  const repo = createJoinRequestsRepo(deps.db);
  const actorName = (actor: Actor) => actor.user?.name ?? 'anonyme';

  async function check(actor: Actor, input: JoinRequestInput) {
    const issues = new IssueCollector();
    const title = text(input.organizationTitle);
    const name = slugify(title);
    if (title.length < 2 || title.length > 200 || name.length < 2)
      issues.add('organizationTitle', 'invalid', localized('de 2 à 200 caractères', '2 to 200 characters'));
    else if (await deps.catalog.groups.find('organization', name))
      issues.add(
        'organizationTitle',
        'taken',
        localized(
          'une organisation de ce nom est déjà sur le portail : demandez à ses administrateurs de vous ajouter',
          'an organisation of that name is already on the portal: ask its admins to add you',
        ),
      );
    else if (await repo.pendingNamed(name))
      issues.add(
        'organizationTitle',
        'pending',
        localized(
          'une demande pour ce nom attend déjà une décision',
          'a request for that name is already waiting',
        ),
      );
    if (!(PARTNER_KINDS as readonly string[]).includes(input.kind))
      issues.add(
        'kind',
        'invalid',
        localized(
          'municipalité, organisme de la société civile ou organisme public',
          'municipality, civil-society body or public body',
        ),
      );
    let municipality: string | null = null;
    if (input.kind === 'municipalite') {
      const code = text(input.municipalityCode);
      const found = /^\d{5}$/.test(code)
        ? await deps.reference.reference.entity('municipalites', code).catch(() => null)
        : null;
      if (found?.entity.status !== 'current')
        issues.add(
          'municipalityCode',
          'unknown',
          localized(
            'le code géographique à 5 chiffres d’une municipalité actuelle (référentiel des municipalités)',
            'the 5-digit geographic code of a current municipality (municipalities reference set)',
          ),
        );
      else municipality = code;
    }
    if (text(input.contactName).length < 2 || text(input.contactName).length > 200)
      issues.add('contactName', 'invalid', localized('de 2 à 200 caractères', '2 to 200 characters'));
    if (!EMAIL.test(text(input.contactEmail)) || text(input.contactEmail).length > 320)
      issues.add('contactEmail', 'invalid', localized('une adresse courriel', 'an email address'));
    if (!actor.user && (input.password ?? '').length < PASSWORD_MIN)
      issues.add(
        'password',
        'too_short',
        localized(`au moins ${PASSWORD_MIN} caractères`, `at least ${PASSWORD_MIN} characters`),
      );
    if (text(input.plans).length < 10 || text(input.plans).length > 4000)
      issues.add(
        'plans',
        'invalid',
        localized(
          'dites en quelques mots ce que vous publierez (10 à 4000 caractères)',
          'say in a few words what you will publish (10 to 4000 characters)',
        ),
      );
    if (input.ecosystem && !(await deps.ecosystems.repo.get(input.ecosystem)))
      issues.add('ecosystem', 'unknown', localized('écosystème inconnu', 'unknown ecosystem'));
    if (actor.user && (await repo.pendingOf(actor.user.id)) >= MAX_PENDING_PER_ACCOUNT)
      issues.add(
        'organizationTitle',
        'too_many',
        localized(
          `vous avez déjà ${MAX_PENDING_PER_ACCOUNT} demandes en attente`,
          `you already have ${MAX_PENDING_PER_ACCOUNT} requests waiting`,
        ),
      );
    issues.throwIfAny();
    return { title, name, municipality };
  }

  /** An account for someone who has none: login = the email, name derived from it. */
  async function createAccount(input: JoinRequestInput): Promise<string> {
    const base = slugify(text(input.contactEmail).split('@')[0] ?? '').slice(0, 90) || 'partenaire';
    let name = base.length >= 2 ? base : `${base}-partenaire`;
    for (let i = 2; await deps.accounts.findUser(name); i++) name = `${base}-${i}`;
    try {
      const user = await deps.accounts.createUser(SYSTEM, {
        name,
        email: text(input.contactEmail),
        fullname: text(input.contactName),
        about: null,
        password: input.password,
        sysadmin: false,
      });
      return user.id;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const path = (p: string) =>
        p === 'password' ? 'password' : p === 'fullname' ? 'contactName' : 'contactEmail';
      const taken = error.issues.some((issue) => issue.path === 'email' && issue.code === 'taken');
      throw new ValidationError(
        error.issues.map((issue) =>
          taken && issue.path === 'email'
            ? {
                path: 'contactEmail',
                code: 'taken',
                message: localized(
                  'cette adresse a déjà un compte : connectez-vous, puis revenez à ce formulaire',
                  'this address already has an account: sign in, then come back to this form',
                ),
              }
            : { ...issue, path: path(issue.path) },
        ),
      );
    }
  }

  async function get(actor: Actor, id: string): Promise<JoinRequest> {
    const found = isUuid(id) ? await repo.get(id) : null;
    // Someone else's request is "not found": its existence is not the caller's business.
    if (!found || (!isSysadmin(actor) && found.userId !== actor.user?.id))
      throw new NotFoundError('join-request', id, localized('Demande introuvable', 'Request not found'));
    return found;
  }

  const sysadminOnly = (actor: Actor) => {
    if (!isSysadmin(actor))
      throw new ForbiddenError(localized('Réservé aux administrateurs.', 'Administrators only.'));
  };

  return {
    repo,
    get,
    events: async (actor: Actor, id: string) => repo.events((await get(actor, id)).id),

    /** Files a request; without an account, creates one (sign-in with the email and password). */
    async submit(actor: Actor, input: JoinRequestInput): Promise<JoinRequest> {
      const { title, name, municipality } = await check(actor, input);
      const userId = actor.user?.id ?? (await createAccount(input));
      const id = randomUUID();
      await repo.insert({
        id,
        userId,
        organizationTitle: title,
        organizationName: name,
        kind: input.kind as PartnerKind,
        municipalityCode: municipality,
        contactName: text(input.contactName),
        contactEmail: text(input.contactEmail),
        plans: text(input.plans),
        ecosystem: input.ecosystem || null,
      });
      await repo.addEvent(id, 'submitted', actor.user?.name ?? text(input.contactEmail), {
        organization: title,
        ...(actor.user ? {} : { account: 'created' }),
      });
      return (await repo.get(id)) as JoinRequest;
    },

    async list(actor: Actor, status: JoinStatus | null): Promise<JoinRequest[]> {
      sysadminOnly(actor);
      return repo.list({ status, userId: null, limit: 500 });
    },

    mine: (actor: Actor) =>
      actor.user ? repo.list({ status: null, userId: actor.user.id, limit: 50 }) : Promise.resolve([]),

    /** Approves: the organisation is created, the requester made its admin, the ecosystem joined. */
    async approve(actor: Actor, id: string): Promise<JoinRequest> {
      sysadminOnly(actor);
      const request = await get(actor, id);
      if (request.status !== 'pending') throw alreadyDecided(request.status);
      const requester = await deps.accounts.findUser(request.userId);
      if (!requester) throw alreadyDecided('refused');
      const organization = await deps.catalog.groups.create(actor, 'organization', {
        name: request.organizationName,
        title: { fr: request.organizationTitle, en: null },
        description: { fr: request.plans, en: null },
        imageUrl: null,
        euTheme: null,
        extras: {
          partner_kind: request.kind,
          ...(request.municipalityCode ? { municipality_code: request.municipalityCode } : {}),
          contact_email: request.contactEmail,
        },
      });
      if (
        !(await repo.decide(id, {
          status: 'approved',
          reason: null,
          organizationId: organization.id,
          by: actorName(actor),
        }))
      )
        throw alreadyDecided('approved');
      await repo.addEvent(id, 'approved', actorName(actor), { organization: organization.name });
      await deps.accounts.setMembership(SYSTEM, {
        organizationId: organization.id,
        user: requester.id,
        role: 'admin',
      });
      await repo.addEvent(id, 'admin', actorName(actor), { user: requester.name });
      if (request.ecosystem) {
        await deps.ecosystems.repo.putMember(
          request.ecosystem,
          organization.id,
          'member',
          request.contactEmail,
        );
        await repo.addEvent(id, 'ecosystem', actorName(actor), { ecosystem: request.ecosystem });
      }
      return (await repo.get(id)) as JoinRequest;
    },

    async refuse(actor: Actor, id: string, reason: string): Promise<JoinRequest> {
      sysadminOnly(actor);
      const request = await get(actor, id);
      if (text(reason).length < 5 || text(reason).length > 2000) {
        const issues = new IssueCollector();
        issues.add(
          'reason',
          'required',
          localized(
            'dites au demandeur pourquoi (5 à 2000 caractères)',
            'tell the requester why (5 to 2000 characters)',
          ),
        );
        issues.throwIfAny();
      }
      if (
        request.status !== 'pending' ||
        !(await repo.decide(id, {
          status: 'refused',
          reason: text(reason),
          organizationId: null,
          by: actorName(actor),
        }))
      )
        throw alreadyDecided(request.status);
      await repo.addEvent(id, 'refused', actorName(actor), { reason: text(reason) });
      return (await repo.get(id)) as JoinRequest;
    },

    /**
     * The way to a first published dataset with a schema, for an organisation's members: each
     * step computed from what is on the portal now (its datasets, their schemas, their reports).
     */
    async checklist(actor: Actor, organizationId: string, reports: ReportsOf): Promise<ChecklistStep[]> {
      const organization = (await deps.catalog.groups.findByIds([organizationId]))[0];
      if (!organization || (!isSysadmin(actor) && !actor.memberships.has(organizationId))) return [];
      const { datasets } = await deps.catalog.search.search(
        actor,
        searchRequest({
          fq: [`owner_org:${organizationId}`],
          sort: 'metadata_modified desc',
          rows: 100,
          includePrivate: true,
          includeDrafts: true,
        }),
      );
      const declaring = datasets.filter((d) => d.resources.some((r) => r.extras.schema));
      const valid: string[] = [];
      for (const dataset of declaring) {
        const ids = dataset.resources.filter((r) => r.extras.schema).map((r) => r.id);
        if ((await reports(ids)).some((report) => report.valid)) valid.push(dataset.name);
      }
      const published = datasets.find((d) => valid.includes(d.name) && d.state === 'active' && !d.private);
      return [
        { id: 'approved', done: true, dataset: null },
        { id: 'dataset', done: datasets.length > 0, dataset: datasets[0]?.name ?? null },
        {
          id: 'schema',
          done: declaring.length > 0,
          dataset: declaring[0]?.name ?? datasets[0]?.name ?? null,
        },
        { id: 'valid', done: valid.length > 0, dataset: valid[0] ?? declaring[0]?.name ?? null },
        { id: 'public', done: published !== undefined, dataset: published?.name ?? valid[0] ?? null },
      ];
    },

    /**
     * Logs an approved partner's milestones after a write to one of its datasets: its first
     * dataset, and its first public dataset whose file follows a schema and is valid.
     */
    async noteProgress(datasetId: string, reports: ReportsOf): Promise<void> {
      const dataset = await deps.catalog.datasets.get(SYSTEM, datasetId).catch(() => null);
      const request = dataset ? await repo.forOrganization(dataset.organization.id) : null;
      if (!dataset || !request) return;
      if (!(await repo.hasEvent(request.id, 'dataset')))
        await repo.addEvent(request.id, 'dataset', 'system', { dataset: dataset.name });
      if (dataset.state !== 'active' || dataset.private || (await repo.hasEvent(request.id, 'published')))
        return;
      const ids = dataset.resources.filter((r) => r.extras.schema).map((r) => r.id);
      if ((await reports(ids)).some((report) => report.valid))
        await repo.addEvent(request.id, 'published', 'system', { dataset: dataset.name });
    },

    /** The request that brought an organisation in, for its members and sysadmins. */
    async ofOrganization(actor: Actor, organizationId: string): Promise<JoinRequest | null> {
      if (!isSysadmin(actor) && !roleAtLeast(actor.memberships.get(organizationId), 'member')) return null;
      return repo.forOrganization(organizationId);
    },
  };
}

function alreadyDecided(status: string) {
  return new ValidationError([
    {
      path: 'status',
      code: 'decided',
      message: localized(
        `cette demande n’attend plus de décision (${status === 'approved' ? 'acceptée' : 'refusée'})`,
        `this request is no longer waiting (${status})`,
      ),
    },
  ]);
}

export type JoinRequestService = ReturnType<typeof createJoinRequestService>;
