import type { Group } from '../../catalog/index.js';
import { LICENSES } from '../../catalog/index.js';
import type { HarvestSource } from '../../harvest/index.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import {
  type Choice,
  ChoiceGroup,
  ErrorSummary,
  type FieldErrors,
  formTitle,
  PostForm,
  SelectField,
  TextField,
} from '../ui/form-fields.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';
import { ScrollRegion } from '../ui/scroll-region.js';

export interface SourcesView {
  sources: HarvestSource[];
  organizations: Group[];
  errors: FieldErrors;
  values: Record<string, string>;
}

export const SOURCE_FIELDS = [
  'name',
  'title',
  'organization',
  'kind',
  'url',
  'schedule',
  'filter_organization',
  'filter_tag',
  'license_default',
  'mirror',
] as const;

export function kindChoices(ctx: PageContext): Choice[] {
  const { t } = ctx;
  return [
    { value: 'ckan', label: t('hvKindCkan') },
    { value: 'dcat', label: t('hvKindDcat') },
    { value: 'dcat-us', label: t('hvKindDcatUs') },
    { value: 'opendatasoft', label: t('hvKindOds') },
  ];
}

/** The workspace's harvest page: the sources the user manages, and the form that adds one. */
export function SourcesPage({ ctx, view }: { ctx: PageContext; view: SourcesView }) {
  const { t, locale } = ctx;
  const kinds = kindChoices(ctx);
  const labels = sourceLabels(ctx);
  return (
    <Layout
      ctx={ctx}
      title={formTitle(ctx, t('hvTitle'), Object.keys(view.errors).length > 0)}
      breadcrumbs={[{ label: t('workspaceTitle'), href: href(locale, 'workspace') }, { label: t('hvTitle') }]}
    >
      <h1>{t('hvTitle')}</h1>
      <p>{t('hvLead')}</p>
      <section aria-labelledby="sources">
        <h2 id="sources">{t('hvSources')}</h2>
        {view.sources.length === 0 ? (
          <p>{t('hvNone')}</p>
        ) : (
          <ScrollRegion labelledBy="liste-sources">
            <table class="quai-table">
              <caption id="liste-sources" class="quai-visually-hidden">
                {t('hvSources')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('hvSourceTitle')}</th>
                  <th scope="col">{t('hvKind')}</th>
                  <th scope="col">{t('hvOrganization')}</th>
                  <th scope="col">{t('hvSchedule')}</th>
                </tr>
              </thead>
              <tbody>
                {view.sources.map((source) => {
                  const organization = view.organizations.find((group) => group.id === source.organizationId);
                  return (
                    <tr key={source.id}>
                      <th scope="row">
                        <a href={href(locale, 'harvestSource', { name: source.name })}>{source.title}</a>
                      </th>
                      <td>{kinds.find((kind) => kind.value === source.kind)?.label}</td>
                      <td>{organization ? <Text value={pickTitle(locale, organization.title)} /> : ''}</td>
                      <td>{source.schedule ?? t('hvByHand')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section aria-labelledby="ajouter">
        <h2 id="ajouter">{t('hvAdd')}</h2>
        <ErrorSummary ctx={ctx} errors={view.errors} labels={labels} />
        <PostForm ctx={ctx} action={href(locale, 'harvestSources')}>
          <SourceFields
            ctx={ctx}
            organizations={view.organizations}
            errors={view.errors}
            values={view.values}
          />
          <button type="submit" class="qc-button qc-primary">
            {t('hvAdd')}
          </button>
        </PostForm>
      </section>
    </Layout>
  );
}

export function sourceLabels(ctx: PageContext): Record<(typeof SOURCE_FIELDS)[number], string> {
  const { t } = ctx;
  return {
    name: t('hvName'),
    title: t('hvSourceTitle'),
    organization: t('hvOrganization'),
    kind: t('hvKind'),
    url: t('hvUrl'),
    schedule: t('hvSchedule'),
    filter_organization: t('hvFilterOrganization'),
    filter_tag: t('hvFilterTag'),
    license_default: t('hvLicenseDefault'),
    mirror: t('hvFiles'),
  };
}

/** A source's fields: the add form and the edit form share them. */
export function SourceFields({
  ctx,
  organizations,
  errors,
  values,
}: {
  ctx: PageContext;
  organizations: Group[];
  errors: FieldErrors;
  values: Record<string, string>;
}) {
  const { t, locale } = ctx;
  const labels = sourceLabels(ctx);
  const kinds = kindChoices(ctx);
  const view = { errors, values, organizations };
  const field = (name: (typeof SOURCE_FIELDS)[number]) => ({
    ctx,
    name,
    label: labels[name] as string,
    errors: view.errors,
    value: view.values[name] ?? '',
  });
  return (
    <>
      <TextField {...field('title')} required />
      <TextField {...field('name')} hint={t('hvNameHint')} required spellcheck={false} />
      <SelectField
        {...field('organization')}
        required
        choices={view.organizations.map((group) => ({
          value: group.name,
          label: pickTitle(locale, group.title).text,
          lang: pickTitle(locale, group.title).lang,
        }))}
      />
      <SelectField {...field('kind')} required choices={kinds} />
      <TextField {...field('url')} type="url" hint={t('hvUrlHint')} required spellcheck={false} />
      <TextField {...field('schedule')} hint={t('hvScheduleHint')} spellcheck={false} />
      <TextField {...field('filter_organization')} spellcheck={false} />
      <TextField {...field('filter_tag')} />
      <SelectField
        {...field('license_default')}
        choices={[
          { value: '', label: t('hvNoLicense') },
          ...LICENSES.map((license) => ({ value: license.id, label: license.title[locale] })),
        ]}
      />
      <ChoiceGroup
        ctx={ctx}
        name="mirror"
        label={labels.mirror}
        hint={t('hvMirrorHint')}
        errors={errors}
        type="checkbox"
        values={values.mirror ? [values.mirror] : []}
        choices={[{ value: 'oui', label: t('hvMirror') }]}
      />
    </>
  );
}
