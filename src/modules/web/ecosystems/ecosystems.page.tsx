import type { Group } from '../../catalog/index.js';
import type { Ecosystem, SharedSchema } from '../../schemas/index.js';
import { formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';

export interface EcosystemSummary {
  ecosystem: Ecosystem;
  lead: Group | null;
  schemas: SharedSchema[];
}

/** Every ecosystem: its purpose, lead organisation, number of members and schemas. */
export function EcosystemsPage({ ctx, ecosystems }: { ctx: PageContext; ecosystems: EcosystemSummary[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('ecoTitle')} section="ecosystems" breadcrumbs={[{ label: t('ecoTitle') }]}>
      <h1>{t('ecoTitle')}</h1>
      <p class="quai-lead">{t('ecoLead')}</p>
      {ecosystems.length === 0 ? <p>{t('ecoNone')}</p> : null}
      <ul class="quai-plain-list">
        {ecosystems.map(({ ecosystem, lead, schemas }) => (
          <li key={ecosystem.slug} class="quai-dataset-summary">
            <h2 class="quai-dataset-title">
              <a href={href(locale, 'ecosystem', { slug: ecosystem.slug })}>{ecosystem.title[locale]}</a>
            </h2>
            <p>{ecosystem.purpose[locale]}</p>
            <dl class="quai-facts quai-facts-wide">
              <div>
                <dt>{t('ecoLeadOrganization')}</dt>
                <dd>
                  {lead ? (
                    <a href={href(locale, 'organization', { name: lead.name })}>
                      <Text value={pickTitle(locale, lead.title)} />
                    </a>
                  ) : (
                    '—'
                  )}
                </dd>
              </div>
              <div>
                <dt>{t('ecoMemberCount')}</dt>
                <dd>{formatNumber(locale, ecosystem.members.length)}</dd>
              </div>
              <div>
                <dt>{t('ecoSchemas')}</dt>
                <dd>
                  {schemas.length === 0
                    ? '—'
                    : schemas.map((schema, index) => (
                        <span key={schema.name}>
                          {index > 0 ? ', ' : null}
                          <a href={href(locale, 'schema', { name: schema.name })}>{schema.title[locale]}</a>
                        </span>
                      ))}
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <p>
        <a class="qc-button qc-secondary" href={href(locale, 'join')}>
          {t('joinTitle')}
        </a>
      </p>
      <p>
        <a href="/api/v1/ecosystems">{t('ecoListApiLink')}</a>
      </p>
    </Layout>
  );
}
