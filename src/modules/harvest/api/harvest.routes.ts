import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import type { HarvestServices } from '../harvest.service.js';
import type { SourceInput } from '../harvest.types.js';
import { presentItem, presentRun, presentSource } from './harvest.present.js';
import {
  MergedOut,
  problemResponses,
  RefParams,
  ReportQuery,
  RunOut,
  RunParams,
  RunReportOut,
  SourceIn,
  SourceOut,
} from './harvest.schemas.js';

const tags = ['Harvest'];

function sourceInput(body: Static<typeof SourceIn>): SourceInput {
  return {
    name: body.name,
    title: body.title,
    organization: body.organization,
    kind: body.kind,
    url: body.url.trim(),
    schedule: body.schedule?.trim() || null,
    filters: body.filters ?? {},
    licenseDefault: body.license_default ?? null,
    mirror: body.mirror ?? false,
  };
}

/** /api/v1/harvest/…: sources, test runs, runs and their reports (sysadmins and the organisation's admins). */
export function harvestRoutes({ harvest }: { harvest: HarvestServices }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/harvest/sources',
      {
        schema: {
          tags,
          summary: 'The harvest sources the caller manages',
          response: { 200: Type.Array(SourceOut), ...problemResponses },
        },
      },
      async (request) => (await harvest.sources.list(request.actor)).map(presentSource),
    );
    app.post(
      '/harvest/sources',
      {
        schema: {
          tags,
          summary: 'Add a harvest source (CKAN, DCAT, data.json or Opendatasoft) to an organisation',
          body: SourceIn,
          response: { 201: SourceOut, ...problemResponses },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(presentSource(await harvest.sources.create(request.actor, sourceInput(request.body)))),
    );
    app.get(
      '/harvest/sources/:ref',
      {
        schema: {
          tags,
          summary: 'A harvest source',
          params: RefParams,
          response: { 200: SourceOut, ...problemResponses },
        },
      },
      async (request) => presentSource(await harvest.sources.manageable(request.actor, request.params.ref)),
    );
    app.put(
      '/harvest/sources/:ref',
      {
        schema: {
          tags,
          summary: 'Change a harvest source',
          params: RefParams,
          body: SourceIn,
          response: { 200: SourceOut, ...problemResponses },
        },
      },
      async (request) =>
        presentSource(
          await harvest.sources.update(request.actor, request.params.ref, sourceInput(request.body)),
        ),
    );
    app.delete(
      '/harvest/sources/:ref',
      {
        schema: {
          tags,
          summary: 'Remove a harvest source (its datasets stay, no longer harvested)',
          params: RefParams,
          response: { 204: Type.Null(), ...problemResponses },
        },
      },
      async (request, reply) => {
        await harvest.sources.delete(request.actor, request.params.ref);
        return reply.code(204).send(null);
      },
    );
    for (const [path, dryRun, summary] of [
      [
        'test',
        true,
        'Test the source: read it all and report what would be created, updated and withdrawn, writing nothing',
      ],
      ['run', false, 'Run the source now'],
    ] as const) {
      app.post(
        `/harvest/sources/:ref/${path}`,
        {
          schema: {
            tags,
            summary: `${summary} (202; one run at a time per source: 409 while one is under way)`,
            params: RefParams,
            response: { 202: RunOut, ...problemResponses },
          },
        },
        async (request, reply) =>
          reply
            .code(202)
            .send(presentRun(await harvest.startRun(request.actor, request.params.ref, { dryRun }))),
      );
    }
    app.get(
      '/harvest/sources/:ref/runs',
      {
        schema: {
          tags,
          summary: 'The source’s latest runs, newest first',
          params: RefParams,
          response: { 200: Type.Array(RunOut), ...problemResponses },
        },
      },
      async (request) => (await harvest.runs(request.actor, request.params.ref)).map(presentRun),
    );
    app.get(
      '/harvest/sources/:ref/merged',
      {
        schema: {
          tags,
          summary:
            'Datasets this source reaches that another source brought first (merged into one), with why',
          params: RefParams,
          response: { 200: MergedOut, ...problemResponses },
        },
      },
      async (request) =>
        (await harvest.merged(request.actor, request.params.ref)).map((row) => ({
          upstream_id: row.upstreamId,
          dataset_id: row.datasetId,
          reason: row.reason,
        })),
    );
    app.get(
      '/harvest/runs/:id',
      {
        schema: {
          tags,
          summary:
            'A run’s progress and report: counts, and each upstream dataset with what was done and why',
          params: RunParams,
          querystring: ReportQuery,
          response: { 200: RunReportOut, ...problemResponses },
        },
      },
      async (request) => {
        const { run, items } = await harvest.report(request.actor, request.params.id, {
          action: request.query.action ?? null,
          limit: request.query.limit ?? 100,
          offset: request.query.offset ?? 0,
        });
        return { run: presentRun(run), items: items.map(presentItem) };
      },
    );
  };
}
