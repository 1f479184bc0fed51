import { stringify } from 'csv-stringify/sync';
import { escapeXml } from '../../platform/xml.js';
import type { Column } from '../datastore/index.js';
import { fieldOf } from './datastore-fields.js';

/**
 * CKAN's /datastore/dump writers (ckanext/datastore/writer.py, CKAN 2.10): CSV and TSV with a
 * header row, JSON as {"fields": […], "records": [[…], …]}, XML as <data><row _id="…">…</row></data>.
 * The rows arrive in batches and leave as they come.
 */
export const DUMP_FORMATS = ['csv', 'tsv', 'json', 'xml'] as const;
export type DumpFormat = (typeof DUMP_FORMATS)[number];

export const DUMP_CONTENT_TYPES: Record<DumpFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const BOM = '\ufeff';

/** A cell as text: objects as JSON, booleans as true/false, nothing as an empty cell. */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

async function* delimited(
  columns: Column[],
  batches: AsyncIterable<unknown[][]>,
  delimiter: string,
): AsyncGenerator<string> {
  const options = { delimiter, record_delimiter: '\r\n' } as const;
  yield stringify([columns.map((column) => column.id)], options);
  for await (const rows of batches)
    yield stringify(
      rows.map((row) => row.map(cell)),
      options,
    );
}

async function* json(columns: Column[], batches: AsyncIterable<unknown[][]>): AsyncGenerator<string> {
  yield `{\n  "fields": ${JSON.stringify(columns.map(fieldOf))},\n  "records": [`;
  let first = true;
  for await (const rows of batches) {
    let text = '';
    for (const row of rows) {
      text += `${first ? '\n    ' : ',\n    '}${JSON.stringify(row)}`;
      first = false;
    }
    yield text;
  }
  yield '\n]}\n';
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;
/** One value as CKAN's XML writer nests it: lists and objects as <value key="…"> children. */
function xmlNode(tag: string, value: unknown, key?: string): string {
  // A column whose name is not an XML name is written as <value key="name">.
  const [name, keyAttribute] = XML_NAME.test(tag) ? [tag, key] : ['value', tag];
  const keyText = keyAttribute === undefined ? '' : ` key="${escapeXml(keyAttribute)}"`;
  if (value === null || value === undefined) return `<${name}${keyText} xsi:nil="true" />`;
  if (typeof value !== 'object') return `<${name}${keyText}>${escapeXml(String(value))}</${name}>`;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value as Record<string, unknown>);
  return `<${name}${keyText}>${entries.map(([childKey, child]) => xmlNode('value', child, childKey)).join('')}</${name}>`;
}

async function* xml(columns: Column[], batches: AsyncIterable<unknown[][]>): AsyncGenerator<string> {
  yield '<data xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n';
  const idIndex = columns.findIndex((column) => column.id === '_id');
  for await (const rows of batches) {
    let text = '';
    for (const row of rows) {
      const id = idIndex >= 0 ? ` _id="${escapeXml(String(row[idIndex]))}"` : '';
      const cells = columns
        .map((column, index) => (index === idIndex ? '' : xmlNode(column.id, row[index])))
        .join('');
      text += `<row${id}>${cells}</row>\n`;
    }
    yield text;
  }
  yield '</data>\n';
}

/** The dump of a table in a format, with a byte order mark first when asked (bom=true). */
export async function* dumpRows(
  format: DumpFormat,
  columns: Column[],
  batches: AsyncIterable<unknown[][]>,
  bom: boolean,
): AsyncGenerator<string> {
  if (bom) yield BOM;
  if (format === 'csv') yield* delimited(columns, batches, ',');
  else if (format === 'tsv') yield* delimited(columns, batches, '\t');
  else if (format === 'json') yield* json(columns, batches);
  else yield* xml(columns, batches);
}
