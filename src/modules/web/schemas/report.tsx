import type { ComponentChild } from 'preact';
import type { StoredReport } from '../../schemas/index.js';
import { formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import type { PageContext } from '../shell/page-context.js';
import { ScrollRegion } from '../ui/scroll-region.js';

type Report = StoredReport['report'];

const ERROR_TYPES: Record<string, MessageKey> = {
  'type-error': 'errTypeError',
  'required-error': 'errRequiredError',
  'constraint-error': 'errConstraintError',
  'unique-error': 'errUniqueError',
  'primary-key': 'errPrimaryKey',
  'foreign-key': 'errForeignKey',
  'missing-label': 'errMissingLabel',
  'extra-label': 'errExtraLabel',
  'custom-error': 'errCustomError',
  'source-error': 'errSourceError',
};

/** Valid or not, in words (the colour only repeats it). */
export function ReportVerdict({ ctx, report }: { ctx: PageContext; report: Report }) {
  const { t, locale } = ctx;
  if (report.valid) return <p class="quai-report-verdict quai-report-valid">{t('repValid')}</p>;
  return (
    <p class="quai-report-verdict quai-report-invalid">
      {report.errorCount === 1
        ? t('repInvalidOne')
        : t('repInvalid', { count: formatNumber(locale, report.errorCount) })}
    </p>
  );
}

/**
 * A report's errors: counts by column and by type, then each error as a sentence in the page's
 * language with its first rows. `prefix` keeps ids unique when a page shows more than one.
 */
export function ReportErrors({
  ctx,
  report,
  level,
  prefix,
}: {
  ctx: PageContext;
  report: Report;
  /** The level of this part's headings (2 on the report's page, 3 inside a section). */
  level: 2 | 3;
  prefix: string;
}) {
  const { t, locale } = ctx;
  if (report.errors.length === 0) return null;
  const H = level === 2 ? 'h2' : 'h3';
  const byField = Object.entries(report.byField).sort((a, b) => b[1] - a[1]);
  const byType = Object.entries(report.byType).sort((a, b) => b[1] - a[1]);
  const counts = (
    id: string,
    title: string,
    head: string,
    rows: [string, number][],
    label: (name: string) => ComponentChild,
  ) => (
    <>
      <H id={id}>{title}</H>
      <ScrollRegion labelledBy={id}>
        <table class="quai-table">
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col" class="quai-number">
                {t('repCount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, count]) => (
              <tr key={name}>
                <th scope="row">{label(name)}</th>
                <td class="quai-number">{formatNumber(locale, count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
  return (
    <>
      {counts(`${prefix}-colonnes`, t('repByField'), t('repColumn'), byField, (name) =>
        name ? <code>{name}</code> : t('repWholeFile'),
      )}
      {counts(`${prefix}-types`, t('repByType'), t('repType'), byType, (type) => {
        const key = ERROR_TYPES[type];
        return key ? t(key) : <code>{type}</code>;
      })}
      <H id={`${prefix}-erreurs`}>{t('repDetails')}</H>
      <p>{t('repRowNote')}</p>
      <ol class="quai-report-errors">
        {report.errors.map((error, index) => {
          const id = `${prefix}-erreur-${index + 1}`;
          return (
            <li key={id}>
              <p>
                <strong>{error.message[locale]}</strong>
              </p>
              {error.samples.length > 0 ? (
                <ScrollRegion labelledBy={id}>
                  <table class="quai-table">
                    <caption id={id} class="quai-visually-hidden">
                      {t('repFirstRows', { field: error.field || t('repWholeFile') })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col" class="quai-number">
                          {t('repRow')}
                        </th>
                        <th scope="col">{t('repValue')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {error.samples.map((sample) => (
                        <tr key={sample.row}>
                          <td class="quai-number">{formatNumber(locale, sample.row)}</td>
                          <td>
                            {sample.value === null || sample.value === '' ? (
                              t('repEmpty')
                            ) : (
                              <code class="quai-break">{String(sample.value)}</code>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollRegion>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}
