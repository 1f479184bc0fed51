import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ValidationError } from '../../../platform/http/errors.js';
import { sendRaw } from '../../../platform/http/send.js';
import { localized } from '../../../platform/i18n/index.js';
import { isUuid } from '../../../platform/validation.js';
import type { SchemaCatalogue } from '../schemas.service.js';
import { withValidatorUpload } from '../upload.js';
import type { ValidationService } from '../validation.service.js';
import { VALIDATE_MAX_BYTES } from '../validation.service.js';
import { presentReport, presentSchema } from './present.js';
import { PublishBody, problemResponses, RefusedOut, ReportOut, SchemaOut } from './schemas.schemas.js';

const tags = ['Schemas'];
const NameParams = Type.Object({ name: Type.String({ maxLength: 61 }) });
const VersionParams = Type.Object({
  name: Type.String({ maxLength: 61 }),
  version: Type.String({ maxLength: 40 }),
});

/** /api/v1/schemas, /api/v1/validate and the resources' reports (under /api/v1). */
export function schemasApi(deps: {
  catalogue: SchemaCatalogue;
  validation: ValidationService;
  baseUrl: string;
}): FastifyPluginAsyncTypebox {
  const { catalogue, validation, baseUrl } = deps;
  return async (app) => {
    app.get(
      '/schemas',
      {
        schema: {
          tags,
          summary: 'The shared schemas and their versions',
          response: { 200: Type.Array(SchemaOut), ...problemResponses },
        },
      },
      async () => (await catalogue.list()).map((schema) => presentSchema(schema, baseUrl)),
    );
    app.get(
      '/schemas/:name',
      {
        schema: {
          tags,
          summary: 'One schema and its versions',
          params: NameParams,
          response: { 200: SchemaOut, ...problemResponses },
        },
      },
      async (request) => presentSchema(await catalogue.get(request.params.name), baseUrl),
    );
    app.post(
      '/schemas',
      {
        schema: {
          tags,
          summary:
            'Publish a version of a schema (sysadmins): checked against the official Table Schema profile; `version` must equal the descriptor’s and follow the latest; the example must validate',
          body: PublishBody,
          response: { 201: SchemaOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        await catalogue.publish(request.actor, request.body);
        return reply.code(201).send(presentSchema(await catalogue.get(request.body.name), baseUrl));
      },
    );

    app.post(
      '/validate',
      {
        schema: {
          tags,
          summary:
            'The public validator: a CSV file (multipart `file`, with a `schema` field: name@version) or JSON {url, schema}; nothing is published, the report is kept a day. Links to internal addresses are refused.',
          response: { 201: ReportOut, ...problemResponses },
        },
      },
      async (request, reply) => {
        const stored = await (async () => {
          if (request.isMultipart()) {
            return withValidatorUpload(
              request,
              { directory: validation.work, maxBytes: VALIDATE_MAX_BYTES },
              async (upload) => {
                if (upload.tooLarge)
                  throw new ValidationError([
                    {
                      path: 'file',
                      code: 'too_large',
                      message: localized('200 Mo au plus', '200 MB at most'),
                    },
                  ]);
                if (!upload.file)
                  throw new ValidationError([
                    { path: 'file', code: 'required', message: localized('un fichier CSV', 'a CSV file') },
                  ]);
                return validation.validateFile(
                  upload.file.path,
                  upload.fields.schema ?? '',
                  upload.file.name,
                );
              },
            );
          }
          const body = (request.body ?? {}) as { url?: unknown; schema?: unknown };
          if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url))
            throw new ValidationError([
              { path: 'url', code: 'invalid', message: localized('un lien http(s)', 'an http(s) link') },
            ]);
          return validation.validateUrl(body.url, typeof body.schema === 'string' ? body.schema : '');
        })();
        return reply
          .code(201)
          .header('Location', `${baseUrl}/api/v1/validate/${stored.id}`)
          .send(presentReport(stored, baseUrl));
      },
    );
    app.get(
      '/validate/:id',
      {
        schema: {
          tags,
          summary: 'A report of the public validator (kept a day)',
          params: Type.Object({ id: Type.String({ maxLength: 40 }) }),
          response: { 200: ReportOut, ...problemResponses },
        },
      },
      async (request) => {
        if (!isUuid(request.params.id))
          throw new ValidationError([
            { path: 'id', code: 'invalid', message: localized('un identifiant de rapport', 'a report id') },
          ]);
        return presentReport(await validation.report(request.params.id), baseUrl);
      },
    );
    app.get(
      '/resources/:id/validation',
      {
        schema: {
          tags,
          summary:
            'The validation report of the resource’s latest file against the schema it declares (`schema` in its extras: name@version); null when it declares none or is not checked yet',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Type.Union([ReportOut, Type.Null()]), ...problemResponses },
        },
      },
      async (request) => {
        const stored = await validation.resourceReport(request.actor, request.params.id);
        return stored ? presentReport(stored, baseUrl) : null;
      },
    );
    const presentRefused = (entries: Awaited<ReturnType<ValidationService['refusedVersions']>>) =>
      entries.map((entry) => ({
        refusedAt: entry.refusedAt,
        resourceId: entry.resourceId,
        filename: entry.filename,
        sha256: entry.sha256,
        keptSha256: entry.keptSha256,
        report: entry.report ? presentReport(entry.report, baseUrl) : null,
      }));
    const refusedSummary =
      'files refused because they failed the schema (`schema_refuse_invalid: "true"` in a resource’s extras), newest first, each with its report and the earlier valid file kept (null: none, the resource was removed)';
    app.get(
      '/resources/:id/refused-versions',
      {
        schema: {
          tags,
          summary: `The resource’s ${refusedSummary}`,
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Type.Array(RefusedOut), ...problemResponses },
        },
      },
      async (request) =>
        presentRefused(await validation.refusedVersions(request.actor, { resourceId: request.params.id })),
    );
    app.get(
      '/datasets/:id/refused-versions',
      {
        schema: {
          tags,
          summary: `The dataset’s ${refusedSummary}`,
          params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
          response: { 200: Type.Array(RefusedOut), ...problemResponses },
        },
      },
      async (request) =>
        presentRefused(await validation.refusedVersions(request.actor, { datasetId: request.params.id })),
    );
  };
}

/** The descriptors at their permanent URLs: /schemas/<name>/<version|latest>/schema.json. */
export function schemaFiles(deps: { catalogue: SchemaCatalogue }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/schemas/:name/:version/schema.json',
      { schema: { hide: true, params: VersionParams } },
      async (request, reply) => {
        const version = await deps.catalogue.version(request.params.name, request.params.version);
        reply.header(
          'Cache-Control',
          request.params.version === 'latest' ? 'public, max-age=300' : 'public, max-age=31536000, immutable',
        );
        reply.header('Access-Control-Allow-Origin', '*');
        return sendRaw(
          reply,
          'application/json; charset=utf-8',
          `${JSON.stringify(version.descriptor, null, 2)}\n`,
        );
      },
    );
    app.get(
      '/schemas/:name/:version/example.csv',
      { schema: { hide: true, params: VersionParams } },
      async (request, reply) => {
        const version = await deps.catalogue.version(request.params.name, request.params.version);
        return sendRaw(reply, 'text/csv; charset=utf-8', version.example);
      },
    );
  };
}
