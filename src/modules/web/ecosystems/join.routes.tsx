import { ValidationError } from '../../../platform/http/errors.js';
import { fieldErrorsOf } from '../shell/form-errors.js';
import {
  type FormFields,
  fieldText,
  fieldValue,
  formFields,
  type PageRequest,
  type PageRoutes,
  type WebDeps,
} from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { HONEYPOT_FIELD, JOIN_FIELDS, JoinPage, JoinSentPage, type JoinValues } from './join.page.js';

/** The query string of the confirmation after a request that created its account. */
const NEW_ACCOUNT = 'compte=nouveau';

function valuesFrom(fields: FormFields): JoinValues {
  return {
    organizationTitle: fieldText(fields.organizationTitle),
    kind: fieldText(fields.kind),
    municipalityCode: fieldText(fields.municipalityCode),
    contactName: fieldText(fields.contactName),
    contactEmail: fieldText(fields.contactEmail),
    plans: fieldText(fields.plans),
    ecosystem: fieldText(fields.ecosystem),
  };
}

/** "Join the portal": the form, its answer, and the confirmation. */
export function joinRoutes(pages: PageRoutes, deps: WebDeps): void {
  const { accounts, cookies } = deps;
  const { ecosystems, partners } = deps.schemas;
  // The API's budget per client (its own count: each door counts the requests it receives).
  // One budget per client, whether the requests come through the page or the API.
  const limiter = deps.schemas.joinLimiter;

  async function render(page: PageRequest, values: JoinValues, errors: FieldErrors) {
    const choices = (await ecosystems.list()).map((ecosystem) => ({
      value: ecosystem.slug,
      label: ecosystem.title[page.locale],
    }));
    if (Object.keys(errors).length > 0 && page.reply.statusCode === 200) page.reply.code(422);
    const ecosystem = choices.some((choice) => choice.value === values.ecosystem) ? values.ecosystem : '';
    const view = {
      values: { ...values, ecosystem },
      errors,
      ecosystems: choices,
      signedInAs: page.actor.user?.name ?? null,
    };
    return <JoinPage ctx={page.context({ page: 'join' })} view={view} />;
  }

  pages.get('join', async (page) => {
    const user = page.actor.user ? await accounts.findUser(page.actor.user.id) : null;
    const values: JoinValues = {
      organizationTitle: '',
      kind: '',
      municipalityCode: '',
      contactName: user?.fullname ?? '',
      contactEmail: user?.email ?? '',
      plans: '',
      // Coming from an ecosystem's page: that one.
      ecosystem: fieldText(page.query.ecosysteme).slice(0, 61),
    };
    return render(page, values, {});
  });

  pages.post('join', async (page) => {
    const fields = formFields(page, cookies);
    // A filled trap: answered as a success, and nothing is kept.
    if (fieldValue(fields[HONEYPOT_FIELD]) !== '')
      return page.redirect('joinSent', {}, page.actor.user ? undefined : NEW_ACCOUNT);
    const values = valuesFrom(fields);
    const wait = await limiter.take(page.actor.user?.id ?? page.request.ip);
    if (wait > 0) {
      page.reply.code(429);
      return render(page, values, { form: page.t('joinTooMany') });
    }
    try {
      await partners.submit(page.actor, {
        ...values,
        municipalityCode: values.municipalityCode || null,
        password: page.actor.user ? null : fieldValue(fields.password),
        ecosystem: values.ecosystem || null,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return render(page, values, fieldErrorsOf(error.issues, page.locale, JOIN_FIELDS));
    }
    return page.redirect('joinSent', {}, page.actor.user ? undefined : NEW_ACCOUNT);
  });

  pages.get('joinSent', async (page) => {
    const accountCreated = page.query.compte === 'nouveau';
    const ctx = page.context({ page: 'joinSent', query: accountCreated ? NEW_ACCOUNT : undefined });
    return <JoinSentPage ctx={ctx} accountCreated={accountCreated} />;
  });
}
