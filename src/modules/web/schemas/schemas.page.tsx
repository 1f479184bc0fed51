import type { SharedSchema } from '../../schemas/index.js';
import { formatDate } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';

/** Every shared schema: what it describes, its ecosystems, latest version and contact. */
export function SchemasPage({ ctx, schemas }: { ctx: PageContext; schemas: SharedSchema[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('schTitle')} section="schemas" breadcrumbs={[{ label: t('schTitle') }]}>
      <h1>{t('schTitle')}</h1>
      <p class="quai-lead">{t('schLead')}</p>
      {schemas.length === 0 ? <p>{t('schNone')}</p> : null}
      <ul class="quai-plain-list">
        {schemas.map((schema) => {
          const latest = schema.versions[0];
          return (
            <li key={schema.name} class="quai-dataset-summary">
              <h2 class="quai-dataset-title">
                <a href={href(locale, 'schema', { name: schema.name })}>{schema.title[locale]}</a>
              </h2>
              <p>{schema.description[locale]}</p>
              <dl class="quai-facts">
                {schema.ecosystems.length > 0 ? (
                  <div>
                    <dt>{t('schEcosystems')}</dt>
                    <dd>{schema.ecosystems.join(', ')}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('schLatest')}</dt>
                  <dd>
                    {latest
                      ? t('schVersionOf', {
                          version: latest.version,
                          date: formatDate(locale, latest.publishedAt),
                        })
                      : '—'}
                  </dd>
                </div>
                <div>
                  <dt>{t('schContact')}</dt>
                  <dd class="quai-break">{schema.contact}</dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ul>
      <p>
        <a href={href(locale, 'validator')}>{t('valTitle')}</a>
      </p>
      <p>
        <a href="/api/v1/schemas">{t('schApiLink')}</a>
      </p>
    </Layout>
  );
}
