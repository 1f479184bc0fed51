import { IssueCollector } from '../../platform/http/errors.js';
import { type Localized, localized } from '../../platform/i18n/index.js';
import { COLUMN_TYPE_LABELS } from './column-type-labels.js';
import type { Column, ColumnType } from './datastore.types.js';

/** What a chart adds up per category or per x: the rows, or a number column's sum or mean. */
export interface Measure {
  fn: 'count' | 'sum' | 'avg';
  /** null for a count of rows. */
  column: string | null;
}

/** A bar per category (a text column), largest first. */
export interface BarSpec {
  kind: 'bar';
  category: string;
  measure: Measure;
}

/** A line along a date or number column (dates grouped by day, month or year). */
export interface LineSpec {
  kind: 'line';
  x: string;
  measure: Measure;
}

/** One dot per row (a sample of the rows when there are many) for two number columns. */
export interface ScatterSpec {
  kind: 'scatter';
  x: string;
  y: string;
}

/** The rows on a map: the geometry column (GeoJSON), or points from latitude and longitude columns. */
export interface MapSpec {
  kind: 'map';
  latitude: string | null;
  longitude: string | null;
}

export type ChartSpec = BarSpec | LineSpec | ScatterSpec;
export type ViewSpec = ChartSpec | MapSpec;
export const VIEW_KINDS = ['bar', 'line', 'scatter', 'map'] as const;

export interface SavedView {
  id: string;
  resourceId: string;
  title: Localized;
  spec: ViewSpec;
  createdAt: Date;
}

export const GEOMETRY_COLUMN = 'geometry';
const NUMBER: ColumnType[] = ['integer', 'decimal'];
const TIME: ColumnType[] = ['date', 'timestamp'];
const LATITUDE = /^(lat|latitude|y_?lat|coord_?y|wgs84_?lat|latitude_?wgs84)$/i;
const LONGITUDE = /^(lon|lng|long|longitude|x_?lon|coord_?x|wgs84_?lon|longitude_?wgs84)$/i;

/** Columns that name a unit, a code or an identifier: never a chart's categories (« par unité »). */
const NOT_CATEGORY =
  /^(unit[eé]s?|units?|unite_mesure|devise|currency|code|codes?_.*|.*_code|id|identifiant|uuid|numero|no)$/i;
/** Columns whose sum says something (amounts, counts, areas); identifiers and coordinates never. */
const AMOUNT =
  /(montant|total|somme|budget|d[ée]pense|co[uû]t|prix|superficie|population|nombre|quantit|amount|cost|price|count|area)/i;
/** A column saying what each value measures (a unit, a parameter): values of different kinds, never summed. */
const MIXED_VALUES =
  /^(unit[eé]s?|units?|unite_mesure|param[eè]tre|parameter|indicateur|indicator|variable|mesure)$/i;
const NOT_MEASURE = /^(_id|id|numero|no|code|annee|year|lat|lon|lng|latitude|longitude|x|y)$/i;

/** The column worth summing: an amount by its name, else the first decimal column; null for none. */
function amountColumn(columns: Column[]): Column | null {
  if (columns.some((column) => MIXED_VALUES.test(column.id))) return null;
  const numbers = columns.filter(
    (column) =>
      NUMBER.includes(column.type) &&
      !NOT_MEASURE.test(column.id) &&
      !LATITUDE.test(column.id) &&
      !LONGITUDE.test(column.id),
  );
  return (
    numbers.find((column) => AMOUNT.test(column.id) || AMOUNT.test(column.label?.fr ?? '')) ??
    numbers.find((column) => column.type === 'decimal') ??
    null
  );
}

/**
 * The chart a table suggests from its columns: an amount (by its name, or the first decimal
 * column) summed along the first date, or by the text column with the fewest distinct values
 * from 3 to 60 (a yes/no column only when there is nothing else; never a unit or a code); else
 * rows counted the same ways; else the first two number columns against each other.
 */
export function suggestChart(columns: Column[], distinct: Map<string, number>): ChartSpec | null {
  const rank = (count: number) => (count >= 3 ? 0 : 1);
  const category = columns
    .filter(
      (column) => (column.type === 'text' || column.type === 'boolean') && !NOT_CATEGORY.test(column.id),
    )
    .map((column) => ({ column, count: distinct.get(column.id) ?? 0 }))
    .filter(({ count }) => count >= 2 && count <= 60)
    .sort((a, b) => rank(a.count) - rank(b.count) || a.count - b.count)[0]?.column;
  const time = columns.find((column) => TIME.includes(column.type));
  const amount = amountColumn(columns);
  const measure: Measure = amount ? { fn: 'sum', column: amount.id } : { fn: 'count', column: null };
  if (amount && time) return { kind: 'line', x: time.id, measure };
  if (category) return { kind: 'bar', category: category.id, measure };
  if (time) return { kind: 'line', x: time.id, measure };
  const numbers = columns.filter((column) => NUMBER.includes(column.type) && column.id !== '_id');
  const [x, y] = numbers;
  if (x && y) return { kind: 'scatter', x: x.id, y: y.id };
  return null;
}

/** The map a table suggests: its geometry, or its latitude and longitude columns (by their names). */
export function suggestMap(columns: Column[]): MapSpec | null {
  if (columns.some((column) => column.id === GEOMETRY_COLUMN))
    return { kind: 'map', latitude: null, longitude: null };
  const numeric = columns.filter((column) => NUMBER.includes(column.type));
  const latitude = numeric.find((column) => LATITUDE.test(column.id));
  const longitude = numeric.find((column) => LONGITUDE.test(column.id));
  return latitude && longitude ? { kind: 'map', latitude: latitude.id, longitude: longitude.id } : null;
}

/**
 * A view as a publisher sent it (form or API), checked against the table's columns: every
 * problem is named by its field, in French and English.
 */
export function checkView(
  columns: Column[],
  input: { title?: unknown; spec?: unknown },
): { title: Localized; spec: ViewSpec } {
  const issues = new IssueCollector();
  const title = (input.title ?? {}) as Partial<Record<'fr' | 'en', unknown>>;
  const titleFr = typeof title.fr === 'string' ? title.fr.trim() : '';
  const titleEn = typeof title.en === 'string' ? title.en.trim() : '';
  if (!titleFr) issues.add('title.fr', 'required', localized('titre requis', 'title required'));
  if (titleFr.length > 200 || titleEn.length > 200)
    issues.add('title', 'too_long', localized('200 caractères au plus', '200 characters at most'));
  const raw = (input.spec ?? {}) as Record<string, unknown>;
  const kind = raw.kind as ViewSpec['kind'];
  const column = (
    field: string,
    types: ColumnType[] | null,
    required = true,
    value = typeof raw[field] === 'string' ? (raw[field] as string) : '',
  ): string | null => {
    if (!value) {
      if (required) issues.add(`spec.${field}`, 'required', localized('colonne requise', 'column required'));
      return null;
    }
    const found = columns.find((candidate) => candidate.id === value);
    if (!found) {
      issues.add(
        `spec.${field}`,
        'unknown',
        localized(`colonne inconnue : ${value}`, `unknown column: ${value}`),
      );
    } else if (types && !types.includes(found.type)) {
      issues.add(
        `spec.${field}`,
        'type',
        localized(
          `la colonne « ${found.label?.fr || value} » contient du ${COLUMN_TYPE_LABELS[found.type].fr} ; il faut une colonne de type ${types.map((type) => COLUMN_TYPE_LABELS[type].fr).join(' ou ')}`,
          `column “${found.label?.en || value}” holds ${COLUMN_TYPE_LABELS[found.type].en}; a column of ${types.map((type) => COLUMN_TYPE_LABELS[type].en).join(' or ')} is needed`,
        ),
      );
    }
    return value;
  };
  const measure = (): Measure => {
    const given = (raw.measure ?? {}) as Partial<Record<'fn' | 'column', unknown>>;
    const fn = (given.fn ?? 'count') as Measure['fn'];
    if (!['count', 'sum', 'avg'].includes(fn)) {
      issues.add(
        'spec.measure.fn',
        'invalid',
        localized('mesure : count, sum ou avg', 'measure: count, sum or avg'),
      );
    }
    const of = typeof given.column === 'string' ? given.column : '';
    return { fn, column: fn === 'count' ? null : column('measure.column', NUMBER, true, of) };
  };
  let spec: ViewSpec | null = null;
  if (kind === 'bar')
    spec = {
      kind,
      category: column('category', ['text', 'boolean', 'integer', 'date']) ?? '',
      measure: measure(),
    };
  else if (kind === 'line') spec = { kind, x: column('x', [...NUMBER, ...TIME]) ?? '', measure: measure() };
  else if (kind === 'scatter') spec = { kind, x: column('x', NUMBER) ?? '', y: column('y', NUMBER) ?? '' };
  else if (kind === 'map') {
    const latitude = column('latitude', NUMBER, false);
    const longitude = column('longitude', NUMBER, false);
    if (!latitude !== !longitude) {
      issues.add(
        latitude ? 'spec.longitude' : 'spec.latitude',
        'required',
        localized('latitude et longitude vont ensemble', 'latitude and longitude go together'),
      );
    }
    if (!latitude && !longitude && !columns.some((candidate) => candidate.id === GEOMETRY_COLUMN)) {
      issues.add(
        'spec.latitude',
        'required',
        localized(
          'cette table n’a pas de géométrie : choisissez ses colonnes de latitude et de longitude',
          'this table has no geometry: choose its latitude and longitude columns',
        ),
      );
    }
    spec = { kind, latitude, longitude };
  } else {
    issues.add(
      'spec.kind',
      'invalid',
      localized(`type de vue : ${VIEW_KINDS.join(', ')}`, `view kind: ${VIEW_KINDS.join(', ')}`),
    );
  }
  issues.throwIfAny();
  return { title: { fr: titleFr, en: titleEn || titleFr }, spec: spec as ViewSpec };
}
