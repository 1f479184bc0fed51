import type { Localized } from '../../../platform/i18n/index.js';
import type { Dataset, Group } from '../../catalog/index.js';
import type {
  Consolidation,
  Ecosystem,
  EcosystemDataset,
  EcosystemMember,
  MemberRole,
  SharedSchema,
} from '../../schemas/index.js';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { Layout } from '../ui/layout.js';
import { pickTitle, Text } from '../ui/localized.js';
import { ScrollRegion } from '../ui/scroll-region.js';

export interface EcosystemView {
  ecosystem: Ecosystem;
  lead: Group | null;
  /** The lead first, then members and observers. */
  members: (EcosystemMember & { organization: Group })[];
  schemas: SharedSchema[];
  /** Members' files the reader may see, with their report's error count when there is one. */
  files: { file: EcosystemDataset; errorCount: number | null }[];
  consolidations: {
    consolidation: Consolidation;
    /** The consolidated table's dataset (null if the reader may not see it). */
    dataset: Dataset | null;
    skipped: { reason: Localized; resourceId: string; dataset: Dataset | null }[];
  }[];
}

export const MEMBER_ROLE_LABELS: Record<MemberRole, MessageKey> = {
  lead: 'ecoRoleLead',
  member: 'ecoRoleMember',
  observer: 'ecoRoleObserver',
};

/** An ecosystem: what it is for, who governs it, its schemas, the members' files and consolidated tables. */
export function EcosystemPage({ ctx, view }: { ctx: PageContext; view: EcosystemView }) {
  const { t, locale } = ctx;
  const { ecosystem } = view;
  const title = ecosystem.title[locale];
  return (
    <Layout
      ctx={ctx}
      title={title}
      section="ecosystems"
      breadcrumbs={[{ label: t('ecoTitle'), href: href(locale, 'ecosystems') }, { label: title }]}
    >
      <h1>{title}</h1>
      <p class="quai-lead">{ecosystem.purpose[locale]}</p>
      <dl class="quai-facts quai-facts-wide">
        <div>
          <dt>{t('ecoLeadOrganization')}</dt>
          <dd>{view.lead ? <OrganizationLink ctx={ctx} organization={view.lead} /> : '—'}</dd>
        </div>
        <div>
          <dt>{t('ecoMemberCount')}</dt>
          <dd>{formatNumber(locale, view.members.length)}</dd>
        </div>
        <div>
          <dt>{t('ecoContact')}</dt>
          <dd class="quai-break">
            <a href={`mailto:${ecosystem.contact}`}>{ecosystem.contact}</a>
          </dd>
        </div>
      </dl>
      <div class="quai-callout">
        <p>{t('ecoJoinCall')}</p>
        <p>
          <a
            class="qc-button qc-primary"
            href={href(locale, 'join', {}, `ecosysteme=${encodeURIComponent(ecosystem.slug)}`)}
          >
            {t('joinTitle')}
          </a>
        </p>
      </div>
      <Governance ctx={ctx} view={view} />
      <Schemas ctx={ctx} schemas={view.schemas} />
      <Files ctx={ctx} view={view} />
      <Consolidations ctx={ctx} view={view} />
      <p>
        <a href={`/api/v1/ecosystems/${encodeURIComponent(ecosystem.slug)}`}>{t('ecoApiLink')}</a>
      </p>
    </Layout>
  );
}

/** The label a cell shows on a narrow screen, where each row becomes a block. */
const cellLabel = (ctx: PageContext, text: string) => (ctx.locale === 'fr' ? `${text} : ` : `${text}: `);

function OrganizationLink({ ctx, organization }: { ctx: PageContext; organization: Group }) {
  return (
    <a href={href(ctx.locale, 'organization', { name: organization.name })}>
      <Text value={pickTitle(ctx.locale, organization.title)} />
    </a>
  );
}

function Governance({ ctx, view }: { ctx: PageContext; view: EcosystemView }) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="gouvernance">
      <h2 id="gouvernance">{t('ecoGovernance')}</h2>
      <p>{view.ecosystem.governance[locale]}</p>
      <ScrollRegion labelledBy="membres">
        <table class="quai-table quai-fields-table">
          <caption id="membres">{t('ecoMembers')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ecoOrganization')}</th>
              <th scope="col">{t('ecoRole')}</th>
              <th scope="col">{t('ecoMemberContact')}</th>
              <th scope="col">{t('ecoJoined')}</th>
            </tr>
          </thead>
          <tbody>
            {view.members.map((member) => (
              <tr key={member.organizationId}>
                <th scope="row">
                  <OrganizationLink ctx={ctx} organization={member.organization} />
                </th>
                <td data-label={cellLabel(ctx, t('ecoRole'))}>{t(MEMBER_ROLE_LABELS[member.role])}</td>
                <td data-label={cellLabel(ctx, t('ecoMemberContact'))} class="quai-break">
                  {member.contact ? (
                    <a href={`mailto:${member.contact}`}>{member.contact}</a>
                  ) : (
                    <span class="quai-missing">{t('ecoNoContact')}</span>
                  )}
                </td>
                <td data-label={cellLabel(ctx, t('ecoJoined'))}>{formatDate(locale, member.joinedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

function Schemas({ ctx, schemas }: { ctx: PageContext; schemas: SharedSchema[] }) {
  const { t, locale } = ctx;
  return (
    <section aria-labelledby="schemas">
      <h2 id="schemas">{t('ecoSchemas')}</h2>
      {schemas.length === 0 ? (
        <p>{t('ecoNoSchema')}</p>
      ) : (
        <>
          <p>{t('ecoSchemasLead')}</p>
          <ul>
            {schemas.map((schema) => (
              <li key={schema.name}>
                <a href={href(locale, 'schema', { name: schema.name })}>{schema.title[locale]}</a>
                {schema.versions[0]
                  ? ` (${t('ecoSchemaVersion', { version: schema.versions[0].version })})`
                  : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Verdict({
  ctx,
  valid,
  errorCount,
}: {
  ctx: PageContext;
  valid: boolean;
  errorCount: number | null;
}) {
  const { t, locale } = ctx;
  if (valid) return <span class="quai-badge quai-badge-current">{t('ecoValid')}</span>;
  const words =
    errorCount === null
      ? t('ecoNotValid')
      : errorCount === 1
        ? t('ecoErrorsOne')
        : t('ecoErrors', { count: formatNumber(locale, errorCount) });
  return <span class="quai-badge quai-badge-fictitious">{words}</span>;
}

function Files({ ctx, view }: { ctx: PageContext; view: EcosystemView }) {
  const { t, locale } = ctx;
  const schemaTitle = (name: string) => view.schemas.find((s) => s.name === name)?.title[locale] ?? name;
  return (
    <section aria-labelledby="fichiers">
      <h2 id="fichiers">{t('ecoFiles')}</h2>
      {view.files.length === 0 ? (
        <p>{t('ecoNoFiles')}</p>
      ) : (
        <ScrollRegion labelledBy="fichiers-membres">
          <table class="quai-table quai-fields-table">
            <caption id="fichiers-membres">{t('ecoFilesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ecoDataset')}</th>
                <th scope="col">{t('ecoOrganization')}</th>
                <th scope="col">{t('ecoSchema')}</th>
                <th scope="col">{t('ecoValidation')}</th>
              </tr>
            </thead>
            <tbody>
              {view.files.map(({ file, errorCount }) => {
                const title = pickTitle(locale, file.title);
                const report = `${href(locale, 'resource', { name: file.datasetName, id: file.resourceId })}#conformite`;
                return (
                  <tr key={file.resourceId}>
                    <th scope="row">
                      <a href={href(locale, 'dataset', { name: file.datasetName })}>
                        <Text value={title} />
                      </a>
                    </th>
                    <td data-label={cellLabel(ctx, t('ecoOrganization'))}>
                      <a href={href(locale, 'organization', { name: file.organization.name })}>
                        <Text value={pickTitle(locale, file.organization.title)} />
                      </a>
                    </td>
                    <td data-label={cellLabel(ctx, t('ecoSchema'))}>
                      <a href={href(locale, 'schema', { name: file.schema })}>{schemaTitle(file.schema)}</a>{' '}
                      {file.schemaVersion}
                    </td>
                    <td data-label={cellLabel(ctx, t('ecoValidation'))}>
                      <a href={report}>
                        <Verdict ctx={ctx} valid={file.valid} errorCount={errorCount} />
                        <span class="quai-visually-hidden"> — {t('ecoReportOf', { title: title.text })}</span>
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function Consolidations({ ctx, view }: { ctx: PageContext; view: EcosystemView }) {
  const { t, locale } = ctx;
  const schemaTitle = (name: string) => view.schemas.find((s) => s.name === name)?.title[locale] ?? name;
  return (
    <section aria-labelledby="tables-consolidees">
      <h2 id="tables-consolidees">{t('ecoConsolidations')}</h2>
      {view.consolidations.length === 0 ? (
        <p>{t('ecoNoConsolidation')}</p>
      ) : (
        <p>{t('ecoConsolidationsLead')}</p>
      )}
      {view.consolidations.map(({ consolidation, dataset, skipped }) => {
        const id = `table-${consolidation.schema}`;
        const schema = schemaTitle(consolidation.schema);
        return (
          <section key={consolidation.schema} aria-labelledby={id}>
            <h3 id={id}>{t('ecoConsolidationOf', { schema })}</h3>
            <dl class="quai-facts quai-facts-wide">
              <div>
                <dt>{t('ecoRows')}</dt>
                <dd>{formatNumber(locale, consolidation.rows)}</dd>
              </div>
              <div>
                <dt>{t('ecoFileCount')}</dt>
                <dd>{formatNumber(locale, consolidation.sources.length)}</dd>
              </div>
              <div>
                <dt>{t('ecoBuiltAt')}</dt>
                <dd>{formatDateTime(locale, new Date(consolidation.builtAt))}</dd>
              </div>
            </dl>
            {dataset ? (
              <p>
                <a class="qc-button qc-secondary" href={href(locale, 'dataset', { name: dataset.name })}>
                  {t('ecoOpenTable', { schema })}
                </a>
              </p>
            ) : null}
            <h4>{t('ecoSkipped')}</h4>
            {skipped.length === 0 ? (
              <p>{t('ecoSkippedNone')}</p>
            ) : (
              <ul>
                {skipped.map((entry) => (
                  <li key={entry.resourceId}>
                    {entry.dataset ? (
                      <a href={href(locale, 'dataset', { name: entry.dataset.name })}>
                        <Text value={pickTitle(locale, entry.dataset.title)} />
                      </a>
                    ) : (
                      t('ecoSkippedHidden')
                    )}
                    {locale === 'fr' ? ' : ' : ': '}
                    {entry.reason[locale]}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </section>
  );
}
