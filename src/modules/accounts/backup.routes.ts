import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ForbiddenError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type { Platform } from '../../platform/module.js';
import { BackupError, writeBackup } from '../../platform/ops/backup.js';
import { isSysadmin } from './actor.js';

/**
 * GET /api/v1/backup: the embedded database and its files as one archive, while the portal runs
 * (administrators; `quai restore` reads it). On PostgreSQL the answer says to use pg_dump.
 */
export function backupRoutes(platform: Pick<Platform, 'db' | 'dataDir' | 'log'>): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/backup',
      {
        schema: {
          tags: ['Administration'],
          summary: 'A backup of the embedded database and its files (tar, gzip), taken while the portal runs',
        },
      },
      async (request, reply) => {
        if (!isSysadmin(request.actor))
          throw new ForbiddenError(
            localized('Réservé aux administrateurs du portail.', 'Portal administrators only.'),
          );
        if (platform.db.engine !== 'pglite')
          throw new ForbiddenError(
            localized(
              'Sur PostgreSQL, sauvegardez avec pg_dump et une copie des fichiers (docs/operations.md).',
              'On PostgreSQL, back up with pg_dump and a copy of the files (docs/operations.md).',
            ),
          );
        const out = new PassThrough();
        writeBackup(platform.db, platform.dataDir, out).catch((error: unknown) => {
          platform.log.error({ err: error }, error instanceof BackupError ? error.message : 'backup failed');
          out.destroy(error as Error);
        });
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        return reply
          .type('application/gzip')
          .header('content-disposition', `attachment; filename="quai-${stamp}.tar.gz"`)
          .header('cache-control', 'no-store')
          .send(out);
      },
    );
  };
}
