import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { isSysadmin } from '../../accounts/index.js';
import type { JoinRequest } from '../../schemas/index.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  fieldText,
  formFields,
  type PageRequest,
  type PageRoutes,
  signedInUser,
  type WebDeps,
} from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { JoinRequestsPage, reasonField } from './join-requests.page.js';
import { MyRequestsPage, type Onboarding } from './my-requests.page.js';

const RANK: Record<JoinRequest['status'], number> = { pending: 0, approved: 1, refused: 2 };

/** The requester's join requests with their checklist, and the sysadmins' page that decides them. */
export function joinRequestRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, cookies } = deps;
  const { ecosystems, partners, verdicts } = deps.schemas;

  async function ecosystemTitles(page: PageRequest): Promise<Record<string, string>> {
    return Object.fromEntries((await ecosystems.list()).map((e) => [e.slug, e.title[page.locale]]));
  }

  /** The checklist of an approved request's organisation, as its member sees it. */
  async function onboardingOf(page: PageRequest, request: JoinRequest): Promise<Onboarding | null> {
    if (request.status !== 'approved' || !request.organizationId) return null;
    const [organization] = await catalog.groups.findByIds([request.organizationId]);
    const steps = await partners.checklist(page.actor, request.organizationId, verdicts);
    if (!organization || steps.length === 0) return null;
    const schemas = request.ecosystem
      ? (await ecosystems.schemasOf(request.ecosystem)).map((schema) => ({
          name: schema.name,
          title: schema.title[page.locale],
        }))
      : [];
    const named = steps.find((step) => step.id === 'valid')?.dataset ?? null;
    const dataset = named ? await catalog.datasets.get(page.actor, named).catch(() => null) : null;
    const resource = dataset?.resources.find((r) => r.extras.schema);
    const declaring = dataset && resource ? { dataset: dataset.name, resourceId: resource.id } : null;
    return { organization, steps, schemas, declaring };
  }

  pages.get('myJoinRequests', async (page) => {
    signedInUser(page);
    // Waiting, then approved (with their checklist), then refused; the newest first in each.
    const mine = (await partners.mine(page.actor)).sort((a, b) => RANK[a.status] - RANK[b.status]);
    const requests = await Promise.all(
      mine.map(async (request) => ({
        request,
        events: await partners.events(page.actor, request.id),
        onboarding: await onboardingOf(page, request),
      })),
    );
    const view = { requests, ecosystemTitles: await ecosystemTitles(page) };
    return <MyRequestsPage ctx={page.context({ page: 'myJoinRequests' })} view={view} />;
  });

  async function renderAll(page: PageRequest, errors: FieldErrors, reasons: Record<string, string>) {
    const list = await partners.list(page.actor, null);
    const organizations = await catalog.groups.findByIds(
      list.flatMap((request) => (request.organizationId ? [request.organizationId] : [])),
    );
    const requests = await Promise.all(
      list.map(async (request) => ({
        request,
        events: await partners.events(page.actor, request.id),
        organizationName: organizations.find((group) => group.id === request.organizationId)?.name ?? null,
      })),
    );
    if (Object.keys(errors).length > 0) page.reply.code(422);
    const view = { requests, ecosystemTitles: await ecosystemTitles(page), errors, reasons };
    return <JoinRequestsPage ctx={page.context({ page: 'joinRequests' })} view={view} />;
  }

  pages.get('joinRequests', async (page) => {
    sysadminOnly(page);
    return renderAll(page, {}, {});
  });

  pages.post('joinRequests', async (page) => {
    sysadminOnly(page);
    const fields = formFields(page, cookies);
    const id = fieldText(fields.id);
    const reason = fieldText(fields[reasonField(id)]);
    const field = reasonField(id);
    try {
      if (fieldText(fields.action) === 'approve') {
        await partners.approve(page.actor, id);
        cookies.notify(page.reply, 'jrApprovedNotice');
      } else {
        await partners.refuse(page.actor, id, reason);
        cookies.notify(page.reply, 'jrRefusedNotice');
      }
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = fieldErrorsOf(error.issues, page.locale, [field], { reason: field });
      // Decided meanwhile (by someone else): said once, above the list.
      if (errors.form) errors.form = page.t('jrDecided');
      return renderAll(page, errors, { [id]: reason });
    }
    return page.redirect('joinRequests');
  });
}

/** Signed out: to the sign-in page; signed in without the right: refused. */
function sysadminOnly(page: PageRequest): void {
  signedInUser(page);
  if (!isSysadmin(page.actor))
    throw new ForbiddenError(localized('Réservé aux administrateurs.', 'Administrators only.'));
}
