import type { PartnerKind } from '../../schemas/index.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  type Choice,
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  fieldId,
  formTitle,
  PostForm,
  SelectField,
  TextArea,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';

export const JOIN_FIELDS = [
  'organizationTitle',
  'kind',
  'municipalityCode',
  'contactName',
  'contactEmail',
  'password',
  'plans',
  'ecosystem',
] as const;

/** The field a person never sees nor fills; a program filling every field gives itself away. */
export const HONEYPOT_FIELD = 'site_web';

export const KIND_LABELS: Record<PartnerKind, MessageKey> = {
  municipalite: 'kindMunicipalite',
  'societe-civile': 'kindSocieteCivile',
  'organisme-public': 'kindOrganismePublic',
};

export interface JoinValues {
  organizationTitle: string;
  kind: string;
  municipalityCode: string;
  contactName: string;
  contactEmail: string;
  plans: string;
  ecosystem: string;
}

export interface JoinView {
  values: JoinValues;
  errors: FieldErrors;
  /** The ecosystems one may ask to join. */
  ecosystems: Choice[];
  /** Signed in: no password asked, the request is tied to this account. */
  signedInAs: string | null;
}

/** "Join the portal": who the organisation is, who to contact, what it will publish. */
export function JoinPage({ ctx, view }: { ctx: PageContext; view: JoinView }) {
  const { t, locale } = ctx;
  const { values, errors } = view;
  const labels: Record<string, string> = {
    organizationTitle: t('joinOrganizationTitle'),
    kind: t('joinKind'),
    municipalityCode: t('joinMunicipalityCode'),
    contactName: t('joinContactName'),
    contactEmail: t('joinContactEmail'),
    password: t('joinPassword'),
    plans: t('joinPlans'),
    ecosystem: t('joinEcosystem'),
  };
  const kinds = (Object.keys(KIND_LABELS) as PartnerKind[]).map((kind) => ({
    value: kind,
    label: t(KIND_LABELS[kind]),
  }));
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('joinTitle'), Object.keys(errors).length > 0)}
      breadcrumbs={[{ label: t('joinTitle') }]}
    >
      <h1>{t('joinTitle')}</h1>
      <p class="quai-lead">{t('joinLead')}</p>
      {view.signedInAs ? <p>{t('joinSignedInAs', { name: view.signedInAs })}</p> : null}
      <ErrorSummary ctx={ctx} errors={errors} labels={labels} />
      <PostForm ctx={ctx} action={href(locale, 'join')} class="quai-form">
        <fieldset class="quai-form-section">
          <legend>{t('joinOrganization')}</legend>
          <TextField
            ctx={ctx}
            name="organizationTitle"
            label={labels.organizationTitle as string}
            hint={t('joinOrganizationHint')}
            errors={errors}
            value={values.organizationTitle}
            autocomplete="organization"
            required
          />
          <ChoiceGroup
            ctx={ctx}
            type="radio"
            name="kind"
            label={labels.kind as string}
            errors={errors}
            values={[values.kind]}
            choices={kinds}
            required
          />
          <TextField
            ctx={ctx}
            name="municipalityCode"
            label={labels.municipalityCode as string}
            hint={t('joinMunicipalityCodeHint')}
            errors={errors}
            value={values.municipalityCode}
            autocomplete="off"
            size="short"
          />
          <p class="quai-hint">
            <a href={href(locale, 'referenceSet', { set: 'municipalites' })}>{t('joinFindCode')}</a>
          </p>
        </fieldset>
        <fieldset class="quai-form-section">
          <legend>{t('joinContact')}</legend>
          <TextField
            ctx={ctx}
            name="contactName"
            label={labels.contactName as string}
            errors={errors}
            value={values.contactName}
            autocomplete="name"
            required
          />
          <TextField
            ctx={ctx}
            name="contactEmail"
            type="email"
            label={labels.contactEmail as string}
            hint={view.signedInAs ? undefined : t('joinContactEmailHint')}
            errors={errors}
            value={values.contactEmail}
            autocomplete="email"
            spellcheck={false}
            required
          />
          {view.signedInAs ? null : (
            <TextField
              ctx={ctx}
              name="password"
              type="password"
              label={labels.password as string}
              hint={t('joinPasswordHint')}
              errors={errors}
              value=""
              autocomplete="new-password"
              required
            />
          )}
        </fieldset>
        <fieldset class="quai-form-section">
          <legend>{t('joinPublication')}</legend>
          <TextArea
            ctx={ctx}
            name="plans"
            label={labels.plans as string}
            hint={t('joinPlansHint')}
            errors={errors}
            value={values.plans}
            rows={5}
            required
          />
          <SelectField
            ctx={ctx}
            name="ecosystem"
            label={labels.ecosystem as string}
            hint={t('joinEcosystemHint')}
            errors={errors}
            value={values.ecosystem}
            choices={[{ value: '', label: t('joinNoEcosystem') }, ...view.ecosystems]}
          />
        </fieldset>
        {/* Not rendered, not focusable, not read: only a program that fills every field fills it. */}
        <div hidden>
          <label for={fieldId(HONEYPOT_FIELD)}>{t('joinHoneypot')}</label>
          <input
            type="text"
            id={fieldId(HONEYPOT_FIELD)}
            name={HONEYPOT_FIELD}
            value=""
            tabIndex={-1}
            autocomplete="off"
          />
        </div>
        <button type="submit" class="qc-button qc-primary">
          {t('joinSubmit')}
        </button>
      </PostForm>
    </Layout>
  );
}

/** After a request: what happens next; with a new account, how to sign in. */
export function JoinSentPage({ ctx, accountCreated }: { ctx: PageContext; accountCreated: boolean }) {
  const { t, locale } = ctx;
  return (
    <Layout
      ctx={ctx}
      title={t('joinSentTitle')}
      breadcrumbs={[{ label: t('joinTitle'), href: href(locale, 'join') }, { label: t('joinSentTitle') }]}
    >
      <h1>{t('joinSentTitle')}</h1>
      <p class="quai-lead">{t('joinSentLead')}</p>
      {accountCreated && !ctx.actor.user ? (
        <div class="quai-callout quai-callout-success">
          <p>{t('joinAccountCreated')}</p>
          <p>
            <a
              class="qc-button qc-primary"
              href={href(locale, 'signIn', {}, `next=${encodeURIComponent(href(locale, 'myJoinRequests'))}`)}
            >
              {t('joinSignIn')}
            </a>
          </p>
        </div>
      ) : null}
      <h2>{t('joinNext')}</h2>
      <ol>
        <li>{t('joinNextDecision')}</li>
        <li>{t('joinNextSteps')}</li>
        <li>{t('joinNextFollow')}</li>
      </ol>
      {ctx.actor.user ? (
        <p>
          <a class="qc-button qc-secondary" href={href(locale, 'myJoinRequests')}>
            {t('joinSeeRequests')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
