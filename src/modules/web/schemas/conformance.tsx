import type { StoredReport } from '../../schemas/index.js';
import { formatDateTime, formatNumber } from '../i18n/format.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import { ReportErrors, ReportVerdict } from './report.js';

export interface ConformanceModel {
  /** As the resource declares it: name@version, or name for the latest. */
  declared: string;
  report: StoredReport | null;
  /** The files this resource refused (when it refuses versions that fail), newest first. */
  refused: { filename: string; refusedAt: string; errors: number }[];
  strict: boolean;
}

/** On a resource's page: the schema it declares and how its latest file conforms to it. */
export function SchemaConformance({ ctx, model }: { ctx: PageContext; model: ConformanceModel }) {
  const { t, locale } = ctx;
  const [name = '', version = ''] = model.declared.split('@');
  const report = model.report;
  return (
    <section aria-labelledby="conformite">
      <h2 id="conformite">{t('confTitle')}</h2>
      <dl class="quai-metadata">
        <div>
          <dt>{t('confSchema')}</dt>
          <dd>
            <a href={href(locale, 'schema', { name })}>{name}</a> {report?.schema.version ?? version}
          </dd>
        </div>
        <div>
          <dt>{t('confResult')}</dt>
          <dd>{report ? <ReportVerdict ctx={ctx} report={report.report} /> : t('confNotYet')}</dd>
        </div>
        {report ? (
          <>
            <div>
              <dt>{t('repRows')}</dt>
              <dd>{formatNumber(locale, report.report.rows)}</dd>
            </div>
            <div>
              <dt>{t('repErrors')}</dt>
              <dd>{formatNumber(locale, report.report.errorCount)}</dd>
            </div>
            <div>
              <dt>{t('repCheckedOn')}</dt>
              <dd>{formatDateTime(locale, new Date(report.createdAt))}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {report ? <ReportErrors ctx={ctx} report={report.report} level={3} prefix="conformite" /> : null}
      {model.strict || model.refused.length > 0 ? (
        <>
          <h3>{t('confRefused')}</h3>
          <p>{t('confRefusedLead')}</p>
          {model.refused.length > 0 ? (
            <ul>
              {model.refused.map((entry) => (
                <li key={entry.refusedAt}>
                  {t('confRefusedItem', {
                    file: entry.filename,
                    date: formatDateTime(locale, new Date(entry.refusedAt)),
                    count: formatNumber(locale, entry.errors),
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
