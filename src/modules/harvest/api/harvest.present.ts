import type { HarvestRun, HarvestSource, RunItem } from '../harvest.types.js';

const iso = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString());

export function presentSource(source: HarvestSource) {
  return {
    id: source.id,
    name: source.name,
    title: source.title,
    organization_id: source.organizationId,
    kind: source.kind,
    url: source.url,
    schedule: source.schedule,
    filters: source.filters,
    license_default: source.licenseDefault,
    mirror: source.mirror,
    next_run_at: iso(source.nextRunAt),
    since: source.since,
    created: iso(source.created) as string,
    modified: iso(source.modified) as string,
  };
}

export function presentRun(run: HarvestRun) {
  return {
    id: run.id,
    source_id: run.sourceId,
    dry_run: run.dryRun,
    status: run.status,
    phase: run.phase,
    pages: run.pages,
    requests: run.requests,
    total: run.total,
    incremental_since: run.since,
    error: run.error,
    counts: run.counts,
    created: iso(run.created) as string,
    started: iso(run.started),
    finished: iso(run.finished),
  };
}

export function presentItem(item: RunItem) {
  return {
    upstream_id: item.upstreamId,
    action: item.action,
    reason: item.reason,
    dataset_id: item.datasetId,
    upstream_record: item.action === 'error' ? item.raw : null,
  };
}
