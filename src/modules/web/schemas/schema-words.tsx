import type { TableSchema } from '../../schemas/index.js';
import type { MessageKey, Translate } from '../i18n/messages.js';
import { href } from '../i18n/paths.js';
import type { PageContext } from '../shell/page-context.js';

type Field = TableSchema['fields'][number];
type ForeignKey = NonNullable<TableSchema['foreignKeys']>[number];

const TYPES: Record<string, MessageKey> = {
  string: 'schTypeString',
  number: 'schTypeNumber',
  integer: 'schTypeInteger',
  boolean: 'schTypeBoolean',
  date: 'schTypeDate',
  time: 'schTypeTime',
  datetime: 'schTypeDatetime',
  year: 'schTypeYear',
  yearmonth: 'schTypeYearmonth',
  duration: 'schTypeDuration',
  geopoint: 'schTypeGeopoint',
  geojson: 'schTypeGeojson',
  object: 'schTypeObject',
  array: 'schTypeArray',
  list: 'schTypeList',
  any: 'schTypeAny',
};

const FORMATS: Record<string, MessageKey> = { email: 'formatEmail', uri: 'formatUri', uuid: 'formatUuid' };

export const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** A field's type and format in words: "texte (adresse courriel)". */
export function typeInWords(t: Translate, field: Field): string {
  const type = t(TYPES[field.type ?? 'string'] ?? 'schTypeAny');
  const format = field.format && field.format !== 'default' ? field.format : null;
  if (!format) return type;
  const key = FORMATS[format];
  return `${type} (${key ? t(key) : t('formatOther', { format })})`;
}

/** A field's constraints, each in words. */
export function constraintsInWords(t: Translate, field: Field): string[] {
  const c = field.constraints ?? {};
  const words: string[] = [];
  if (c.required) words.push(t('conRequired'));
  if (c.unique) words.push(t('conUnique'));
  if (c.minLength !== undefined) words.push(t('conMinLength', { value: c.minLength }));
  if (c.maxLength !== undefined) words.push(t('conMaxLength', { value: c.maxLength }));
  if (c.minimum !== undefined) words.push(t('conMinimum', { value: c.minimum }));
  if (c.maximum !== undefined) words.push(t('conMaximum', { value: c.maximum }));
  if (c.exclusiveMinimum !== undefined) words.push(t('conExclusiveMinimum', { value: c.exclusiveMinimum }));
  if (c.exclusiveMaximum !== undefined) words.push(t('conExclusiveMaximum', { value: c.exclusiveMaximum }));
  if (c.pattern !== undefined) words.push(t('conPattern', { value: c.pattern }));
  if (c.enum) words.push(t('conEnum', { value: c.enum.join(', ') }));
  return words;
}

/** The foreign keys that start at a field. */
export function keysOf(schema: TableSchema, field: string): ForeignKey[] {
  return (schema.foreignKeys ?? []).filter((key) => asList(key.fields).includes(field));
}

/** A foreign key in words, the reference set linked to its page. */
export function ForeignKeyText({ ctx, fk }: { ctx: PageContext; fk: ForeignKey }) {
  const { t, locale } = ctx;
  const set = fk.reference.resource;
  if (!set) return <>{t('fkSame', { fields: asList(fk.reference.fields).join(', ') })}</>;
  const text = fk.reference.asOfField
    ? t('fkSetAt', { set, date: fk.reference.asOfField })
    : t('fkSet', { set });
  return <a href={href(locale, 'referenceSet', { set })}>{text}</a>;
}
