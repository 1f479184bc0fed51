import type { Db } from '../../platform/db/index.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { ProcurementLinks } from './links.js';
import type { JsonObject } from './ocds/json.js';
import type { Merger } from './ocds/merge.js';
import { CC_BY_4, type PackageMetadata, packageJson } from './packages.js';
import { createProcurementRepo, type TenderFilters } from './procurement.repo.js';

export interface PageRequest {
  /** Opaque cursor from the previous page's `links.next` (empty for the first page). */
  after?: string;
  limit: number;
  from?: string;
  to?: string;
}

/** Reading side: releases, records, packages and tender search. Everything here is public. */
export function createPublicationService({
  db,
  merger,
  links,
  publisherName,
}: {
  db: Db;
  merger: Merger;
  links: ProcurementLinks;
  publisherName: string;
}) {
  const repo = createProcurementRepo(db);
  const metadata = (uri: string, publishedDate: string): PackageMetadata => ({
    uri,
    publishedDate,
    publisher: { name: publisherName },
    license: CC_BY_4,
    publicationPolicy: links.publicationPolicy,
  });
  const linkedReleases = (ocid: string, releases: { id: string; date: string; tags: string[] }[]) =>
    releases.map((release) => ({
      url: `${links.release(ocid, release.id)}#${release.id}`,
      date: release.date,
      tag: release.tags,
    }));

  /**
   * Records as package items, from stored compiled releases (their text copied, never parsed),
   * with their linked releases: one query for the whole batch.
   */
  async function recordsJson(rows: readonly { ocid: string; compiled: string }[]) {
    const index = await repo.releaseIndex(rows.map((row) => row.ocid));
    const records = rows.map(
      (row) =>
        `{"ocid":${JSON.stringify(row.ocid)},"releases":${JSON.stringify(linkedReleases(row.ocid, index.get(row.ocid) ?? []))},"compiledRelease":${row.compiled}}`,
    );
    const dates = [...index.values()].flatMap((releases) => releases.map((release) => release.date));
    return { records, dates };
  }

  return {
    /** A release package of releases in import order; `next` continues after the last one. */
    async releasePackage(page: PageRequest & { ocid?: string }, selfUri: (after: string) => string) {
      // One row more than the page says whether another page exists: `next` never leads to an empty one.
      const fetched = await repo.releasePage({
        ...page,
        limit: page.limit + 1,
        afterSeq: Number(page.after || 0),
      });
      const rows = fetched.slice(0, page.limit);
      const last = fetched.length > page.limit ? rows[rows.length - 1]?.seq : undefined;
      const next = last ? selfUri(last) : undefined;
      return packageJson(
        'releases',
        metadata(selfUri(page.after ?? ''), newest(rows.map((row) => row.date))),
        rows.map((row) => row.body),
        {
          links: { next },
        },
      );
    },

    async release(ocid: string, releaseId: string): Promise<string> {
      const body = await repo.release(ocid, releaseId);
      if (!body) throw new NotFoundError('release', `${ocid}/${releaseId}`);
      const date = (JSON.parse(body) as JsonObject).date;
      return packageJson('releases', metadata(links.release(ocid, releaseId), newest([String(date)])), [
        body,
      ]);
    },

    /** One process's record: linked releases, compiled release and versioned release. */
    async record(ocid: string): Promise<string> {
      const rows = await repo.releasePage({ afterSeq: 0, limit: 100_000, ocid });
      if (rows.length === 0) throw new NotFoundError('record', ocid);
      const releases = rows.map((row) => JSON.parse(row.body) as JsonObject);
      const index = rows
        .map((row) => ({ id: row.releaseId, date: row.date, tags: row.tags }))
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      const record = {
        ocid,
        releases: linkedReleases(ocid, index),
        compiledRelease: merger.compiled(releases),
        versionedRelease: merger.versioned(releases),
      };
      return packageJson(
        'records',
        metadata(links.record(ocid), newest(rows.map((row) => row.date))),
        [JSON.stringify(record)],
        {
          packages: [...new Set(index.map((release) => links.release(ocid, release.id)))],
        },
      );
    },

    /** A record package (compiled releases, linked releases) of records by ocid. */
    async recordPackage(page: PageRequest, selfUri: (after: string) => string) {
      const fetched = await repo.recordPage({ ...page, limit: page.limit + 1, afterOcid: page.after ?? '' });
      const rows = fetched.slice(0, page.limit);
      const { records, dates } = await recordsJson(rows);
      const last = fetched.length > page.limit ? rows[rows.length - 1]?.ocid : undefined;
      return packageJson('records', metadata(selfUri(page.after ?? ''), newest(dates)), records, {
        links: { next: last ? selfUri(last) : undefined },
      });
    },

    recordsJson,

    async compiledRelease(ocid: string): Promise<JsonObject> {
      const record = await repo.record(ocid);
      if (!record) throw new NotFoundError('record', ocid);
      return JSON.parse(record.compiled) as JsonObject;
    },

    async releaseIndex(ocid: string) {
      return (await repo.releaseIndex([ocid])).get(ocid) ?? [];
    },

    searchTenders: (filters: TenderFilters, page: { limit: number; offset: number }) =>
      repo.searchTenders(filters, page),
    buyers: () => repo.buyers(),
    /** The release log read by others (alerts): tenders opened after a position, and its end. */
    tendersOpenedAfter: (after: number, limit: number) => repo.tendersOpenedAfter(after, limit),
    lastReleaseSeq: () => repo.lastReleaseSeq(),
    counts: () => repo.counts(),
    periods: (kind: 'month' | 'week') => repo.periods(kind),
    metadata,
  };
}

export type PublicationService = ReturnType<typeof createPublicationService>;

/** The newest of some release dates, as RFC 3339 (now when there is none). */
function newest(dates: readonly string[]): string {
  const times = dates.map((date) => Date.parse(date)).filter((time) => !Number.isNaN(time));
  return new Date(times.length > 0 ? Math.max(...times) : Date.now()).toISOString().replace('.000Z', 'Z');
}
