import type { Column } from './datastore.repo.js';

/** A chart of a table: categories (a text column) with a measure (a count, or the sum of a number column). */
export interface ChartSpec {
  kind: 'bar';
  category: string;
  measure: { fn: 'count' | 'sum'; column: string | null };
}

export interface ChartData extends ChartSpec {
  points: { label: string; value: number }[];
  /** Categories beyond the ones shown (the chart keeps the largest). */
  others: number;
}

export const CHART_POINTS = 20;

/**
 * The chart a table suggests from its column types: the number of rows by its text column with
 * the fewest distinct values from 3 to 60 (a yes/no column only when there is nothing else).
 * Counting is always meaningful; a sum may add values of different units.
 */
export function suggestChart(columns: Column[], distinct: Map<string, number>): ChartSpec | null {
  const rank = (count: number) => (count >= 3 ? 0 : 1);
  const categories = columns
    .filter((column) => column.type === 'text' || column.type === 'boolean')
    .map((column) => ({ column, count: distinct.get(column.id) ?? 0 }))
    .filter(({ count }) => count >= 2 && count <= 60)
    .sort((a, b) => rank(a.count) - rank(b.count) || a.count - b.count);
  const category = categories[0]?.column;
  if (!category) return null;
  return { kind: 'bar', category: category.id, measure: { fn: 'count', column: null } };
}
