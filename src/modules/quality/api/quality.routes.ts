import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { QualityService } from '../quality.service.js';
import { presentDatasetQuality, presentOrganizationQuality } from './quality.present.js';
import {
  DatasetQualityOut,
  OrganizationQualityOut,
  OrganizationQualityQuery,
  problemResponses,
  RefParams,
} from './quality.schemas.js';

const tags = ['Quality'];

/** /api/v1/datasets/{ref}/quality and /api/v1/organizations/{ref}/quality. */
export function qualityRoutes(deps: { quality: QualityService }): FastifyPluginAsyncTypebox {
  const { quality } = deps;
  return async (app) => {
    app.get(
      '/datasets/:ref/quality',
      {
        schema: {
          tags,
          summary:
            'A dataset’s metadata quality score (0–100), each criterion with its verdict, why it matters and how to fix it; its link checks for those who may edit it',
          params: RefParams,
          response: { 200: DatasetQualityOut, ...problemResponses },
        },
      },
      async (request) => presentDatasetQuality(await quality.report(request.actor, request.params.ref)),
    );

    app.get(
      '/organizations/:ref/quality',
      {
        schema: {
          tags,
          summary:
            'An organisation’s quality dashboard: the average score, and its datasets worst first with their failed criteria (private ones for its members, drafts for its editors)',
          params: RefParams,
          querystring: OrganizationQualityQuery,
          response: { 200: OrganizationQualityOut, ...problemResponses },
        },
      },
      async (request) => {
        const page = { limit: request.query.limit ?? 100, offset: request.query.offset ?? 0 };
        const found = await quality.organization(request.actor, request.params.ref, page);
        return presentOrganizationQuality(found, page);
      },
    );
  };
}
