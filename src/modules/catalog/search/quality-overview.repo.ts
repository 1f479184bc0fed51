import type { Queryable } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import type { DatasetState, TitleText } from '../catalog.types.js';
import { QUALITY_BANDS, type QualityBand } from './quality-bands.js';
import { type Visibility, visibilitySql } from './visibility.js';

/** A dataset as a publisher's quality dashboard lists it. */
export interface ScoredDataset {
  id: string;
  name: string;
  title: TitleText;
  state: DatasetState;
  private: boolean;
  /** Null until the quality module has computed it. */
  qualityScore: number | null;
}

/** An organisation's datasets the caller may see, by quality score: the totals, and one page worst first. */
export interface QualityOverview {
  count: number;
  /** How many have a score. */
  scored: number;
  /** The mean score of those, to one decimal; null when none has one. */
  average: number | null;
  bands: Record<QualityBand, number>;
  datasets: ScoredDataset[];
}

interface Totals {
  count: number;
  scored: number;
  average: number | string | null;
  high: number;
  medium: number;
  low: number;
}

interface Row {
  id: string;
  name: string;
  title_fr: string;
  title_en: string | null;
  state: DatasetState;
  private: boolean;
  quality_score: number | null;
}

export async function qualityOverview(
  db: Queryable,
  visibility: Visibility,
  organizationId: string,
  page: { limit: number; offset: number },
): Promise<QualityOverview> {
  const params = new SqlParams();
  const where = `${visibilitySql(visibility, params)} AND d.owner_org = ${params.add(organizationId)}`;
  const bands = QUALITY_BANDS.map(({ band, min }, index) => {
    const above = QUALITY_BANDS[index - 1];
    const upper = above ? ` AND d.quality_score < ${above.min}` : '';
    return `count(*) FILTER (WHERE d.quality_score >= ${min}${upper})::int AS ${band}`;
  });
  const [totals] = await db.query<Totals>(
    `SELECT count(*)::int AS count, count(d.quality_score)::int AS scored,
       round(avg(d.quality_score), 1)::float8 AS average, ${bands.join(', ')}
     FROM catalog.datasets d WHERE ${where}`,
    params.values,
  );
  const rows = await db.query<Row>(
    `SELECT d.id, d.name, d.title_fr, d.title_en, d.state, d.private, d.quality_score
     FROM catalog.datasets d WHERE ${where}
     ORDER BY d.quality_score ASC NULLS LAST, d.title_sort, d.id
     LIMIT ${params.add(page.limit)} OFFSET ${params.add(page.offset)}`,
    params.values,
  );
  return {
    count: totals?.count ?? 0,
    scored: totals?.scored ?? 0,
    average: totals?.average === null || totals?.average === undefined ? null : Number(totals.average),
    bands: { high: totals?.high ?? 0, medium: totals?.medium ?? 0, low: totals?.low ?? 0 },
    datasets: rows.map((row) => ({
      id: row.id,
      name: row.name,
      title: { fr: row.title_fr, en: row.title_en },
      state: row.state,
      private: row.private,
      qualityScore: row.quality_score,
    })),
  };
}
