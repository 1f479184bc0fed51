import type { Static } from 'typebox';
import { linkReason } from '../link-check.js';
import type { CriterionResult, LinkCheck, OrganizationQuality, QualityReport } from '../quality.types.js';
import type {
  CriterionOut,
  DatasetQualityOut,
  LinkCheckOut,
  OrganizationQualityOut,
} from './quality.schemas.js';

export function presentCriterion(criterion: CriterionResult): Static<typeof CriterionOut> {
  const { id, weight, status, title, why, fix, evidence } = criterion;
  return { id, weight, status, title, why, fix, evidence };
}

export function presentLinkCheck(check: LinkCheck): Static<typeof LinkCheckOut> {
  const message = linkReason(check);
  return {
    resource_id: check.resourceId,
    url: check.url,
    ok: check.ok,
    status: check.status,
    content_type: check.contentType,
    size: check.size,
    duration_ms: check.durationMs,
    error: check.error && message ? { ...check.error, message } : null,
    checked_at: check.checkedAt.toISOString(),
    failing_since: check.failingSince?.toISOString() ?? null,
  };
}

export function presentDatasetQuality(
  report: QualityReport & { links: LinkCheck[] | null },
): Static<typeof DatasetQualityOut> {
  return {
    dataset_id: report.datasetId,
    score: report.score,
    band: report.band,
    computed_at: report.computedAt.toISOString(),
    criteria: report.criteria.map(presentCriterion),
    ...(report.links ? { links: report.links.map(presentLinkCheck) } : {}),
  };
}

export function presentOrganizationQuality(
  quality: OrganizationQuality,
  page: { limit: number; offset: number },
): Static<typeof OrganizationQualityOut> {
  return {
    organization: quality.organization,
    count: quality.count,
    scored: quality.scored,
    average: quality.average,
    bands: quality.bands,
    limit: page.limit,
    offset: page.offset,
    datasets: quality.datasets.map((dataset) => ({
      id: dataset.id,
      name: dataset.name,
      title: dataset.title,
      state: dataset.state,
      private: dataset.private,
      score: dataset.score,
      band: dataset.band,
      computed_at: dataset.computedAt?.toISOString() ?? null,
      failed: [...dataset.failed].sort((a, b) => b.weight - a.weight).map(presentCriterion),
    })),
  };
}
