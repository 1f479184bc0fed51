import type { SwaggerOptions } from '@fastify/swagger';
import type { Config } from './config.js';

/** The OpenAPI 3.1 document of /api/v1, generated from the routes' TypeBox schemas. */
export function openApiDocument(config: Config): SwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Quai — API REST',
        version: '1',
        description:
          'API du catalogue de données ouvertes. Les erreurs suivent RFC 9457 (application/problem+json), en anglais ou en français selon Accept-Language. ' +
          'The open-data catalogue API. Errors follow RFC 9457 (application/problem+json), in English or French per Accept-Language. ' +
          'CKAN clients can use the CKAN Action API v3 at /api/3/action/ instead.',
      },
      servers: [{ url: config.baseUrl }],
      components: {
        securitySchemes: {
          apiToken: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description:
              'An API token, raw or as "Bearer <token>". Create one with POST /api/v1/tokens or `quai token create`.',
          },
          password: {
            type: 'http',
            scheme: 'basic',
            description: 'Name (or email) and password: only to create a token with POST /api/v1/tokens.',
          },
        },
      },
      security: [{}, { apiToken: [] }],
    },
    hideUntagged: true,
  };
}
