import { ValidationError } from '../../../platform/http/errors.js';
import type { Actor } from '../../accounts/index.js';
import { allGroups } from '../catalog/loaders.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import { fieldValue, formFields, type PageRoutes, signedInUser, type WebDeps } from '../shell/page-routes.js';
import { WebhooksPage, type WebhooksView } from './webhooks.page.js';

const DELIVERIES_SHOWN = 10;

/** The workspace's webhooks page: add, test, turn back on, delete; the last deliveries of each. */
export function webhookPageRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { catalog, cookies } = deps;
  const { webhooks } = deps.community;

  async function view(
    actor: Actor,
    rest: Pick<WebhooksView, 'created' | 'values' | 'errors'>,
  ): Promise<WebhooksView> {
    const hooks = await webhooks.list(actor);
    const organizations = (await allGroups(catalog, actor, 'organization')).map((listing) => listing.group);
    return {
      hooks: await Promise.all(
        hooks.map(async (hook) => ({
          hook,
          deliveries: await webhooks.deliveries(actor, hook.id, DELIVERIES_SHOWN),
        })),
      ),
      organizations,
      administered: organizations.filter(
        (organization) => actor.memberships.get(organization.id) === 'admin',
      ),
      ...rest,
    };
  }
  const blank = {
    created: null,
    values: { url: '', organization: '', events: ['dataset.created', 'dataset.updated'], owner: '' },
    errors: {},
  };

  pages.get('webhooks', async (page) => {
    signedInUser(page);
    return <WebhooksPage ctx={page.context({ page: 'webhooks' })} view={await view(page.actor, blank)} />;
  });

  pages.post('webhooks', async (page) => {
    signedInUser(page);
    const fields = formFields(page, cookies);
    const id = fieldValue(fields.id);
    switch (fieldValue(fields.action)) {
      case 'test':
        await webhooks.sendTest(page.actor, id);
        cookies.notify(page.reply, 'whTestSent');
        return page.redirect('webhooks');
      case 'enable':
        await webhooks.enable(page.actor, id);
        return page.redirect('webhooks');
      case 'delete':
        await webhooks.remove(page.actor, id);
        cookies.notify(page.reply, 'whDeleted');
        return page.redirect('webhooks');
    }
    const events = fields.events;
    const values = {
      url: fieldValue(fields.url).trim(),
      organization: fieldValue(fields.organization),
      events: (Array.isArray(events) ? events : events ? [events] : []).slice(0, 20),
      owner: fieldValue(fields.owner_organization),
    };
    try {
      const created = await webhooks.create(page.actor, {
        url: values.url,
        events: values.events,
        ownerOrganization: values.owner || null,
        organization: values.organization || null,
        dataset: null,
      });
      // The secret is in this response only: no cache may keep it.
      page.reply.header('Cache-Control', 'no-store');
      const shown = await view(page.actor, {
        ...blank,
        created: { url: created.url, secret: created.secret },
      });
      return <WebhooksPage ctx={page.context({ page: 'webhooks' })} view={shown} />;
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      page.reply.code(422);
      const errors = fieldErrorsOf(error.issues, page.locale, [
        'url',
        'organization',
        'events',
        'owner_organization',
      ]);
      return (
        <WebhooksPage
          ctx={page.context({ page: 'webhooks' })}
          view={await view(page.actor, { created: null, values, errors })}
        />
      );
    }
  });
}
