import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import { ForbiddenError, IssueCollector, NotFoundError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { type Actor, isSysadmin } from '../../accounts/index.js';
import type { CatalogService } from '../../catalog/index.js';
import { publicDatasetLookups } from './public-datasets.js';
import { type CallRow, createReusesRepo } from './reuses.repo.js';
import { CALL_KINDS, type Call, type CallKind, type NewCall } from './reuses.types.js';

const MAX_DATASETS = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) => DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** Calls for projects, hackathons and webinars (plan measure 3): opened by administrators. */
export function createCallsService(deps: { db: Db; catalog: CatalogService }) {
  const repo = createReusesRepo(deps.db);
  const { publicDatasets, datasetIds } = publicDatasetLookups(deps.catalog);

  const present = async (row: CallRow): Promise<Call> => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    title: row.title,
    description: row.description,
    participation: row.participation,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    datasets: await publicDatasets(row.datasets),
    reuseCount: row.reuse_count,
  });

  return {
    async create(actor: Actor, input: NewCall): Promise<Call> {
      if (!isSysadmin(actor))
        throw new ForbiddenError(
          localized('Seuls les administrateurs ouvrent un appel.', 'Only administrators open a call.'),
        );
      const issues = new IssueCollector();
      const name = input.name.trim();
      if (!/^[a-z0-9][a-z0-9-]{1,99}$/.test(name))
        issues.add(
          'name',
          'invalid',
          localized('Minuscules, chiffres et tirets.', 'Lowercase, digits and dashes.'),
        );
      else if (await repo.getCall(name))
        issues.add('name', 'taken', localized('Ce nom est déjà pris.', 'That name is taken.'));
      if (!(CALL_KINDS as readonly string[]).includes(input.kind))
        issues.add(
          'kind',
          'invalid',
          localized(`Types : ${CALL_KINDS.join(', ')}.`, `Kinds: ${CALL_KINDS.join(', ')}.`),
        );
      for (const [field, value, max] of [
        ['title', input.title, 200],
        ['description', input.description, 10_000],
        ['participation', input.participation, 10_000],
      ] as const)
        if (!value.trim() || value.length > max)
          issues.add(
            field,
            'length',
            localized(`Requis, ${max} caractères au plus.`, `Required, ${max} characters at most.`),
          );
      if (!isDay(input.startsOn))
        issues.add('startsOn', 'date', localized('Une date AAAA-MM-JJ.', 'A date YYYY-MM-DD.'));
      if (!isDay(input.endsOn) || (isDay(input.startsOn) && input.endsOn < input.startsOn))
        issues.add(
          'endsOn',
          'date',
          localized('Une date AAAA-MM-JJ, après le début.', 'A date YYYY-MM-DD, after the start.'),
        );
      const ids = await datasetIds(input.datasets.slice(0, MAX_DATASETS), issues);
      issues.throwIfAny();
      const id = randomUUID();
      await repo.insertCall({
        id,
        name,
        kind: input.kind as CallKind,
        title: input.title.trim(),
        description: input.description.trim(),
        participation: input.participation.trim(),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        datasetIds: ids,
      });
      return present((await repo.getCall(id)) as CallRow);
    },

    list: async (): Promise<Call[]> => Promise.all((await repo.listCalls()).map(present)),

    async get(reference: string): Promise<Call> {
      const row = reference.length <= 100 ? await repo.getCall(reference) : null;
      if (!row) throw new NotFoundError('call', reference, localized('Appel introuvable', 'Call not found'));
      return present(row);
    },
  };
}

export type CallsService = ReturnType<typeof createCallsService>;
