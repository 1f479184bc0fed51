import type { ComponentChild } from 'preact';
import type { Locale } from '../../../platform/i18n/index.js';
import type {
  AttributeDefinition,
  AttributeValue,
  EntityView,
  SetDefinition,
  Version,
} from '../../reference/index.js';
import { formatDate, formatNumber, formatSize } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';
import type { Picked } from '../ui/localized.js';
import { Text } from '../ui/localized.js';
import { ScrollRegion } from '../ui/scroll-region.js';
import { REFERENCE } from './reference.messages.js';

/** The bulk files every version of a set kept here has, in the order the pages list them. */
export const BULK_FILE_NAMES = ['entities.csv', 'entities.json', 'entities.parquet', 'datapackage.json'];

/** A day ("2018-01-01") or a moment (ISO) as the other pages show dates; '' for none. */
export function day(locale: Locale, value: string | null): string {
  return value ? formatDate(locale, value) : '';
}

/** The permanent address of a version's bulk file (the API's). */
export function fileUrl(version: Version, name: string): string {
  return `/api/v1/reference/${encodeURIComponent(version.set)}/versions/${encodeURIComponent(version.label)}/files/${name}`;
}

/**
 * A code's name in the page's language: the English name on English pages when there is one;
 * otherwise the name as the source gives it, which is French (marked, WCAG 3.1.2).
 */
export function entityName(locale: Locale, entity: { name: string; nameEn?: string | null }): Picked {
  if (locale === 'en' && entity.nameEn) return { text: entity.nameEn, lang: undefined };
  return { text: entity.name, lang: locale === 'en' ? 'fr' : undefined };
}

/** A source value in words ("Municipalité") is French; codes ("MÉ", "CAN", "2446") have no language. */
export function valueLang(locale: Locale, value: AttributeValue): 'fr' | undefined {
  return locale === 'en' && typeof value === 'string' && /\p{Ll}/u.test(value) ? 'fr' : undefined;
}

/** What a lineage event or a period's reason is called ("regroupement" → "merger"). */
export function eventName(ctx: PageContext, event: string | null): string {
  if (!event) return '';
  const key = `refEvent_${event}`;
  return key in REFERENCE ? ctx.t(key as MessageKey) : event;
}

export function FictitiousBadge({ ctx }: { ctx: PageContext }) {
  return <span class="quai-badge quai-badge-fictitious"> {ctx.t('refFictitious')}</span>;
}

/** A link to a code's page, named by its code and name ("46027 — Pike River-Stanbridge"). */
export function CodeLink({
  ctx,
  set,
  code,
  name,
  asOf,
}: {
  ctx: PageContext;
  set: string;
  code: string;
  name?: Picked | null;
  asOf?: string | null;
}) {
  const link = href(ctx.locale, 'referenceEntity', { set, code }, asOf ? `asOf=${asOf}` : undefined);
  return (
    <a href={link}>
      <span class="quai-code">{code}</span>
      {name ? (
        <>
          {' — '}
          <Text value={name} />
        </>
      ) : null}
    </a>
  );
}

/** Names of the codes of linked sets, by set then code. */
export type LinkedNames = Map<string, Map<string, EntityView>>;

/**
 * An attribute's value: a linked code as a link to its page with its name; a missing value with
 * the short "not given" (its explanation is given once, as a note); a text marked French when it is.
 */
export function AttributeCell({
  ctx,
  attribute,
  value,
  names,
  long = false,
}: {
  ctx: PageContext;
  attribute: AttributeDefinition;
  value: AttributeValue | undefined;
  names: LinkedNames;
  /** On a code's own page the missing text is said in full (it is said once there). */
  long?: boolean;
}): ComponentChild {
  if (value === null || value === undefined || value === '') {
    if (!attribute.missing) return '';
    return long ? (
      attribute.missing[ctx.locale]
    ) : (
      <span class="quai-missing">{ctx.t('refMissingShort')}</span>
    );
  }
  if (attribute.link) {
    const linked = names.get(attribute.link)?.get(String(value));
    return (
      <CodeLink
        ctx={ctx}
        set={attribute.link}
        code={String(value)}
        name={linked ? entityName(ctx.locale, linked) : null}
      />
    );
  }
  const lang = valueLang(ctx.locale, value);
  return lang ? (
    <span lang={lang}>{value}</span>
  ) : typeof value === 'number' ? (
    formatNumber(ctx.locale, value)
  ) : (
    value
  );
}

/** A table in a scroll region, named by its caption (visible or for screen readers only). */
export function DataTable({
  id,
  caption,
  hiddenCaption = false,
  head,
  rows,
  numeric = [],
}: {
  id: string;
  caption: string;
  hiddenCaption?: boolean;
  head: string[];
  rows: { key: string; cells: ComponentChild[] }[];
  numeric?: boolean[];
}) {
  return (
    <ScrollRegion labelledBy={`${id}-legende`}>
      <table class="quai-table" id={id}>
        <caption id={`${id}-legende`} class={hiddenCaption ? 'quai-visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {head.map((label, index) => (
              <th key={label} scope="col" class={numeric[index] ? 'quai-number' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, index) => (
                <td key={index} class={numeric[index] ? 'quai-number' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** A version's bulk files as download links that say what they download (WCAG 2.4.4). */
export function VersionFiles({ ctx, version }: { ctx: PageContext; version: Version }) {
  const names = BULK_FILE_NAMES.filter((name) => version.files[name]);
  if (names.length === 0) return null;
  return (
    <ul class="quai-inline-list quai-file-list">
      {names.map((name) => (
        <li key={name}>
          <a
            href={fileUrl(version, name)}
            aria-label={ctx.t('refDownload', {
              file: name,
              label: version.label,
              size: formatSize(ctx.locale, version.files[name]?.bytes ?? 0),
            })}
          >
            {name}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Every version of a set, newest first: dates, counts, badge, files, a link to its changes. */
export function VersionHistory({
  ctx,
  set,
  versions,
}: {
  ctx: PageContext;
  set: SetDefinition;
  versions: Version[];
}) {
  const { t, locale } = ctx;
  const head = [
    t('refVersion'),
    t('refReferenceDate'),
    t('refPublishedAt'),
    t('refRows'),
    // The registry's editions have no change log nor files here.
    ...(set.external ? [] : [t('refChanges'), t('refFiles')]),
  ];
  return (
    <DataTable
      id="versions"
      caption={t('refVersions')}
      hiddenCaption
      head={head}
      numeric={[false, false, false, true, true, false]}
      rows={versions.map((version) => ({
        key: version.id,
        cells: [
          <>
            {set.external ? (
              version.label
            ) : (
              <a href={href(locale, 'referenceVersion', { set: set.id, label: version.label })}>
                {version.label}
              </a>
            )}
            {version.fictitious ? <FictitiousBadge ctx={ctx} /> : null}
          </>,
          day(locale, version.referenceDate),
          day(locale, version.publishedAt),
          formatNumber(locale, version.rowCount),
          ...(set.external
            ? []
            : [formatNumber(locale, version.changeCount), <VersionFiles ctx={ctx} version={version} />]),
        ],
      }))}
    />
  );
}
