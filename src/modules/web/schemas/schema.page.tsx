import type { SchemaVersion, SharedSchema } from '../../schemas/index.js';
import { formatDate } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { asList, constraintsInWords, ForeignKeyText, keysOf, typeInWords } from './schema-words.js';

const fileUrl = (name: string, version: string, file: string) =>
  `/schemas/${encodeURIComponent(name)}/${encodeURIComponent(version)}/${file}`;

/** A schema: its description, its versions and files, the columns of its latest version. */
export function SchemaPage({
  ctx,
  schema,
  latest,
}: {
  ctx: PageContext;
  schema: SharedSchema;
  latest: SchemaVersion;
}) {
  const { t, locale } = ctx;
  const title = schema.title[locale];
  const descriptor = latest.descriptor;
  const primaryKey = asList(descriptor.primaryKey);
  const checks = descriptor.custom_checks ?? [];
  // The label a cell shows on a narrow screen, with the language's punctuation.
  const cellLabel = (text: string) => (locale === 'fr' ? `${text} : ` : `${text}: `);
  return (
    <Layout
      ctx={ctx}
      title={title}
      section="schemas"
      breadcrumbs={[{ label: t('schTitle'), href: href(locale, 'schemas') }, { label: title }]}
    >
      <h1>{title}</h1>
      <p class="quai-lead">{schema.description[locale]}</p>
      <dl class="quai-metadata">
        <div>
          <dt>{t('schLatest')}</dt>
          <dd>{latest.version}</dd>
        </div>
        {schema.ecosystems.length > 0 ? (
          <div>
            <dt>{t('schEcosystems')}</dt>
            <dd>{schema.ecosystems.join(', ')}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('schContact')}</dt>
          <dd class="quai-break">{schema.contact}</dd>
        </div>
      </dl>
      <p>
        <a
          class="qc-button qc-primary"
          href={href(
            locale,
            'validator',
            {},
            `schema=${encodeURIComponent(`${schema.name}@${latest.version}`)}`,
          )}
        >
          {t('schValidateWith')}
        </a>
      </p>

      <h2 id="colonnes">{t('schFields', { version: latest.version })}</h2>
      <ScrollRegion labelledBy="colonnes">
        <table class="quai-table quai-fields-table">
          <thead>
            <tr>
              <th scope="col">{t('schFieldName')}</th>
              <th scope="col">{t('schFieldTitle')}</th>
              <th scope="col">{t('schFieldType')}</th>
              <th scope="col">{t('schFieldConstraints')}</th>
            </tr>
          </thead>
          <tbody>
            {descriptor.fields.map((field) => {
              const constraints = constraintsInWords(t, field);
              const keys = keysOf(descriptor, field.name);
              return (
                <tr key={field.name}>
                  <th scope="row">
                    <code>{field.name}</code>
                  </th>
                  <td data-label={cellLabel(t('schFieldTitle'))}>
                    {field.title ? (
                      <strong lang={locale === 'en' ? 'fr' : undefined}>{field.title}</strong>
                    ) : null}
                    {field.description ? (
                      <p lang={locale === 'en' ? 'fr' : undefined}>{field.description}</p>
                    ) : null}
                  </td>
                  <td data-label={cellLabel(t('schFieldType'))}>{typeInWords(t, field)}</td>
                  <td data-label={cellLabel(t('schFieldConstraints'))}>
                    {constraints.length === 0 && keys.length === 0 ? t('schNoConstraint') : null}
                    {constraints.length > 0 || keys.length > 0 ? (
                      <ul class="quai-compact-list">
                        {constraints.map((words) => (
                          <li key={words}>{words}</li>
                        ))}
                        {keys.map((fk) => (
                          <li key={fk.reference.resource}>
                            <ForeignKeyText ctx={ctx} fk={fk} />
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      {primaryKey.length > 0 ? (
        <>
          <h2>{t('schPrimaryKey')}</h2>
          <p>{t('schPrimaryKeyText', { fields: primaryKey.join(', ') })}</p>
        </>
      ) : null}
      {checks.length > 0 ? (
        <>
          <h2>{t('schCustomChecks')}</h2>
          <ul>
            {checks.map((check) => (
              <li key={check.name}>
                <code>{check.name}</code>
                {check.params
                  ? ` — ${Object.entries(check.params)
                      .map(([k, v]) => `${k} : ${String(v)}`)
                      .join(', ')}`
                  : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('schVersions')}</h2>
      <ul class="quai-plain-list">
        {schema.versions.map((version) => (
          <li key={version.version} class="quai-dataset-summary">
            <h3 class="quai-dataset-title">{t('schVersion', { version: version.version })}</h3>
            <p class="quai-dataset-meta">
              {t('schPublishedOn', { date: formatDate(locale, version.publishedAt) })}
            </p>
            <p>{version.changelog[locale]}</p>
            <ul>
              <li>
                <a href={fileUrl(schema.name, version.version, 'schema.json')}>
                  {t('schDescriptor', { version: version.version })}
                </a>
              </li>
              <li>
                <a href={fileUrl(schema.name, version.version, 'example.csv')}>
                  {t('schExample', { version: version.version })}
                </a>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
