import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { type Static, Type } from 'typebox';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { toRfc3339 } from '../events/quebec-time.js';
import type { ImportReport } from '../import.service.js';
import { isObject } from '../ocds/json.js';
import { validateRecordPackage, validateRelease, validateReleasePackage } from '../ocds/validate.js';
import type { ProcurementService } from '../procurement.service.js';
import type { Tender } from '../procurement.types.js';
import {
  ImportReportOut,
  PageQuery,
  problemResponses,
  ReleasesQuery,
  TenderPage,
  TenderQuery,
  ValidationReportOut,
} from './procurement.schemas.js';

const tags = ['Marchés publics / Procurement (OCDS)'];
const OCDS_JSON = 'application/json; charset=utf-8';
const MAX_IMPORT_BYTES = 1024 ** 3;
const packageResponse = { 200: { description: 'An OCDS 1.1 package (JSON)', type: 'object' } };

/** /api/v1/procurement: OCDS releases, records and packages; tender search; imports. */
export function procurementRoutes({
  procurement,
}: {
  procurement: ProcurementService;
}): FastifyPluginAsyncTypebox {
  const { publication, imports, links } = procurement;
  const sendPackage = (reply: FastifyReply, json: string) =>
    reply.type(OCDS_JSON).header('Cache-Control', 'public, max-age=60').send(json);

  return async (app) => {
    app.get(
      '/procurement/releases',
      {
        schema: {
          tags,
          summary: 'Release package of every release, in publication order, paged',
          querystring: ReleasesQuery,
          response: packageResponse,
        },
      },
      async (request, reply) => {
        const { limit = 100, after, ocid } = request.query;
        const range = rangeOf(request.query);
        const self = (cursor: string) =>
          withQuery(links.releases, { ...request.query, limit, after: cursor });
        return sendPackage(reply, await publication.releasePackage({ limit, after, ocid, ...range }, self));
      },
    );

    app.get(
      '/procurement/releases/:ocid/:id',
      {
        schema: {
          tags,
          summary: 'One release, in a release package',
          params: Type.Object({ ocid: Type.String(), id: Type.String() }),
          response: packageResponse,
        },
      },
      async (request, reply) =>
        sendPackage(reply, await publication.release(request.params.ocid, request.params.id)),
    );

    app.get(
      '/procurement/records',
      {
        schema: {
          tags,
          summary: 'Record package (compiled releases and linked releases), paged by ocid',
          querystring: PageQuery,
          response: packageResponse,
        },
      },
      async (request, reply) => {
        const { limit = 100, after } = request.query;
        const self = (cursor: string) => withQuery(links.records, { ...request.query, limit, after: cursor });
        return sendPackage(
          reply,
          await publication.recordPackage({ limit, after, ...rangeOf(request.query) }, self),
        );
      },
    );

    app.get(
      '/procurement/records/:ocid',
      {
        schema: {
          tags,
          summary: 'One contracting process: record with compiled and versioned releases',
          params: Type.Object({ ocid: Type.String() }),
          response: packageResponse,
        },
      },
      async (request, reply) => sendPackage(reply, await publication.record(request.params.ocid)),
    );

    app.get(
      '/procurement/tenders',
      {
        schema: {
          tags,
          summary: 'Search tenders: open now, by buyer, category, method, value, date, words',
          querystring: TenderQuery,
          response: { 200: TenderPage, ...problemResponses },
        },
      },
      async (request) => {
        const query = request.query;
        const { count, rows } = await publication.searchTenders(
          {
            q: query.q?.trim() || undefined,
            openAt: query.open ? new Date().toISOString() : undefined,
            buyerId: query.buyer,
            category: query.category,
            method: query.method,
            status: query.status,
            minValue: query.min_value,
            maxValue: query.max_value,
            publishedFrom: dateParam('published_from', query.published_from),
            publishedTo: dateParam('published_to', query.published_to),
          },
          { limit: query.limit ?? 20, offset: query.offset ?? 0 },
        );
        return { count, results: rows.map((row) => presentTender(row, links.record(row.ocid))) };
      },
    );

    app.get(
      '/procurement/buyers',
      {
        schema: {
          tags,
          summary: 'Buyers with their number of contracting processes',
          response: {
            200: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.Union([Type.String(), Type.Null()]),
                count: Type.Integer(),
              }),
            ),
          },
        },
      },
      async () => publication.buyers(),
    );

    app.get(
      '/procurement/bulk/:period/:file',
      {
        schema: {
          tags,
          summary:
            'Bulk files: per month (2026-03) or ISO week (2026-W09) releases.json.gz, records.json.gz, releases.jsonl.gz, flat.xlsx; per table (all/tenders.csv…)',
          params: Type.Object({
            period: Type.String({ maxLength: 20 }),
            file: Type.String({ maxLength: 40 }),
          }),
        },
      },
      async (request, reply) => {
        const { period, file } = request.params;
        const bulk =
          period === 'all'
            ? procurement.bulk.tableFile(file.replace(/\.csv$/, ''))
            : procurement.bulk.periodFile(period, file);
        return reply
          .type(bulk.contentType)
          .header('Content-Disposition', `attachment; filename="${bulk.fileName}"`)
          .header('Cache-Control', 'public, max-age=300')
          .send(bulk.stream);
      },
    );

    // Imports and validation read the request body as text (files can be large).
    await app.register(async (plain) => {
      const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser(
        ['application/json', 'text/csv', 'application/x-ndjson', 'application/jsonl', 'text/plain'],
        { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES },
        (_request, body, done) => done(null, body),
      );
      const textBody = Type.String({ description: 'The file itself (CSV, JSON or JSON Lines)' });

      scope.post(
        '/procurement/events',
        {
          bodyLimit: MAX_IMPORT_BYTES,
          schema: {
            tags,
            summary: 'Import SEAO-style events (text/csv or application/json; sysadmins)',
            body: textBody,
            response: { 200: ImportReportOut, ...problemResponses },
          },
        },
        async (request) => {
          const format = String(request.headers['content-type']).startsWith('text/csv') ? 'csv' : 'json';
          return presentReport(await imports.importEvents(request.actor, request.body, format));
        },
      );

      scope.post(
        '/procurement/releases',
        {
          bodyLimit: MAX_IMPORT_BYTES,
          schema: {
            tags,
            summary: 'Import OCDS as published (release/record package, releases, JSON Lines; sysadmins)',
            body: textBody,
            response: { 200: ImportReportOut, ...problemResponses },
          },
        },
        async (request) => presentReport(await imports.importOcds(request.actor, request.body)),
      );

      scope.post(
        '/procurement/validate',
        {
          bodyLimit: MAX_IMPORT_BYTES,
          schema: {
            tags,
            summary: 'Validate a release, release package or record package against OCDS 1.1.5',
            body: textBody,
            response: { 200: ValidationReportOut, ...problemResponses },
          },
        },
        async (request) => {
          let document: unknown;
          try {
            document = JSON.parse(request.body.replace(/^\uFEFF/, ''));
          } catch (error) {
            throw new ValidationError([
              {
                path: 'body',
                code: 'json',
                message: localized(
                  `JSON illisible : ${(error as Error).message}`,
                  `Unreadable JSON: ${(error as Error).message}`,
                ),
              },
            ]);
          }
          if (isObject(document) && Array.isArray(document.records)) return validateRecordPackage(document);
          if (isObject(document) && Array.isArray(document.releases)) return validateReleasePackage(document);
          return validateRelease(document);
        },
      );
    });
  };
}

function presentTender(row: Tender, recordUrl: string) {
  return {
    ocid: row.ocid,
    title: row.title,
    title_en: row.titleEn,
    buyer: row.buyerId ? { id: row.buyerId, name: row.buyerName } : null,
    status: row.tenderStatus,
    procurement_method: row.procurementMethod,
    main_category: row.mainCategory,
    value_cad: row.valueAmount,
    tender_period: { start: isoOf(row.tenderStart), end: isoOf(row.tenderEnd) },
    record_url: recordUrl,
  };
}

function isoOf(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

function rangeOf(query: { from?: string; to?: string }) {
  return { from: dateParam('from', query.from), to: dateParam('to', query.to) };
}

function dateParam(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = toRfc3339(value);
  if (date) return date;
  throw new ValidationError([
    {
      path: name,
      code: 'invalid',
      message: localized(`« ${value} » n’est pas une date`, `"${value}" is not a date`),
    },
  ]);
}

function withQuery(base: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

function presentReport(report: ImportReport): Static<typeof ImportReportOut> {
  const { errorCount, warningCount, ...rest } = report;
  return { ...rest, error_count: errorCount, warning_count: warningCount };
}
