import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';

/**
 * The process's structured logger (JSON lines, pino): the HTTP server logs through it, and every
 * module is given it, so that a job's messages sit beside the requests that queued the job.
 */
export type Logger = FastifyBaseLogger;

export function createLogger(level: string): Logger {
  return pino({ level });
}
