import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Sends a body that is not the route's JSON answer: a file or stream (a download), or JSON
 * already written out (a large page of cells, which `JSON.stringify` writes four times faster
 * than the schema's serializer). The route's response schema still describes the JSON answer
 * for OpenAPI; the type provider only knows that answer, hence this one untyped call.
 */
export function sendRaw(reply: FastifyReply, type: string, body: Readable | string): FastifyReply {
  return (reply as FastifyReply).type(type).send(body);
}
