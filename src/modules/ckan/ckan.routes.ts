import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { refuseNul } from '../../platform/validation.js';
import { ANONYMOUS, refuseRejectedToken } from '../accounts/index.js';
import type { UploadedFile } from '../catalog/index.js';
import type { ActionTable, CkanDeps } from './actions/action.js';
import { datastoreActions } from './actions/datastore.actions.js';
import { datastoreWriteActions } from './actions/datastore-write.actions.js';
import { organizationActions } from './actions/group.actions.js';
import { lookupActions } from './actions/lookup.actions.js';
import { memberActions } from './actions/member.actions.js';
import { packageActions } from './actions/package.actions.js';
import { resourceActions } from './actions/resource.actions.js';
import { helpAction, siteActions } from './actions/site.actions.js';
import { viewActions } from './actions/view.actions.js';
import { dumpRoutes } from './dump.routes.js';
import { ckanError, errorEnvelope, successEnvelope } from './envelope.js';
import { type CkanData, readString } from './params.js';
import { BadCkanRequest, readRequestData } from './request-data.js';

const actions: ActionTable = {
  ...siteActions,
  ...packageActions,
  ...resourceActions,
  ...organizationActions,
  ...datastoreActions,
  ...datastoreWriteActions,
  ...lookupActions,
  ...memberActions,
  ...viewActions(),
};
actions.help_show = helpAction(actions);

const JSON_TYPE = 'application/json;charset=utf-8';
const JSONP_CALLBACK = /^[A-Za-z_$][\w$.]{0,99}$/;

export type CkanRouteDeps = CkanDeps;

/** The CKAN Action API v3 at /api/3/action/<name> and /api/action/<name>, as CKAN 2.9/2.10 answer it. */
export function ckanRoutes(deps: CkanRouteDeps) {
  return async (app: FastifyInstance) => {
    // CKAN reads bodies itself (JSON whatever the content type, empty bodies as {}).
    app.removeContentTypeParser(['application/json']);
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    app.get('/api', { schema: { hide: true } }, async (_request, reply) =>
      reply.type(JSON_TYPE).send({ version: 1 }),
    );
    app.get<{ Params: { version: string } }>(
      '/api/:version',
      { schema: { hide: true } },
      async (request, reply) => {
        if (!['1', '2', '3'].includes(request.params.version)) return reply.callNotFound();
        return reply.type(JSON_TYPE).send({ version: Number(request.params.version) });
      },
    );
    await app.register(dumpRoutes({ datastore: deps.datastore }));
    for (const url of ['/api/action/:name', '/api/3/action/:name']) {
      app.route<{ Params: { name: string }; Querystring: CkanData }>({
        method: ['GET', 'POST'],
        url,
        schema: { hide: true },
        handler: (request, reply) => handleAction(request, reply, deps),
      });
    }
  };
}

async function handleAction(
  request: FastifyRequest<{ Params: { name: string }; Querystring: CkanData }>,
  reply: FastifyReply,
  deps: CkanRouteDeps,
) {
  const name = request.params.name;
  const help = `${deps.baseUrl}/api/3/action/help_show?name=${encodeURIComponent(name)}`;
  const action = actions[name];
  if (!action) return badRequest(reply, `Action name not known: ${name}`);
  if (request.method === 'GET' && !action.sideEffectFree) {
    return badRequest(reply, 'JSON Error: Invalid request. Please use POST method for your request');
  }
  try {
    // A token that is unknown, revoked or expired is an authorisation error (not anonymous
    // access): a script learns at once that its token is wrong, before any byte is stored.
    await refuseRejectedToken(request);
    const received = await readRequestData(request, {
      sideEffectFree: action.sideEffectFree,
      uploads: deps.catalog.uploads,
      allowFile: (fields) => checkUploadAllowed(name, fields, request, deps),
    });
    const data = received.data;
    // JSONP runs as anonymous, as in CKAN: a page of another site must not act with the user's cookies.
    const jsonp: { callback: string | null } = { callback: null };
    const run = async (file: UploadedFile | null) => {
      refuseNul(data);
      jsonp.callback = request.method === 'GET' ? readString(data, 'callback') : null;
      delete data.callback;
      const actor = jsonp.callback === null ? request.actor : ANONYMOUS;
      return action.run({ actor, data, file, deps, userAgent: request.headers['user-agent'] });
    };
    // A file sent with the action stays only if the action gave it to a resource.
    const result = received.upload
      ? await deps.catalog.uploads.settle(received.upload, run)
      : await run(null);
    const body = successEnvelope(help, result);
    const { callback } = jsonp;
    if (callback !== null && JSONP_CALLBACK.test(callback)) {
      return reply.type('application/javascript;charset=utf-8').send(`${callback}(${JSON.stringify(body)});`);
    }
    return reply.type(JSON_TYPE).send(body);
  } catch (error) {
    if (error instanceof BadCkanRequest) return badRequest(reply, error.message);
    const mapped = ckanError(error, request.log);
    if (typeof mapped.error.retry_after === 'number')
      reply.header('Retry-After', String(mapped.error.retry_after));
    return reply.code(mapped.status).type(JSON_TYPE).send(errorEnvelope(help, mapped.error));
  }
}

/** Unknown actions and malformed bodies get a bare JSON string, not an envelope (CKAN's quirk). */
function badRequest(reply: FastifyReply, message: string) {
  return reply
    .code(400)
    .type(JSON_TYPE)
    .send(JSON.stringify(`Bad request - ${message}`));
}

/** Refuses an upload before any byte is stored when the fields sent first already tell who it is for. */
async function checkUploadAllowed(
  action: string,
  fields: Record<string, unknown>,
  request: FastifyRequest,
  deps: CkanRouteDeps,
) {
  const actor = request.actor;
  if (action === 'resource_create' && typeof fields.package_id === 'string') {
    await deps.catalog.datasets.editableRef(actor, fields.package_id);
  } else if ((action === 'resource_update' || action === 'resource_patch') && typeof fields.id === 'string') {
    const { dataset } = await deps.catalog.resources.get(actor, fields.id);
    await deps.catalog.datasets.editableRef(actor, dataset.id);
  }
}
