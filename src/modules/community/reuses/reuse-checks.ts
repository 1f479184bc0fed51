import { IssueCollector } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { publicDatasetLookups } from './public-datasets.js';
import type { ReusesRepo } from './reuses.repo.js';
import { type NewReuse, REUSE_TYPES, type ReuseType } from './reuses.types.js';

const MAX_DATASETS = 20;
const MAX_TOPICS = 10;

/** A reuse's fields as checked: each problem named by its field, all at once. */
export interface CheckedReuse {
  title: string;
  description: string;
  type: ReuseType;
  url: string;
  topics: string[];
  datasetIds: string[];
  callId: string | null;
}

/** Checks a reuse as submitted or edited: lengths, type, address, topics, public datasets, call. */
export async function checkReuse(
  input: NewReuse,
  repo: ReusesRepo,
  datasetIds: ReturnType<typeof publicDatasetLookups>['datasetIds'],
): Promise<CheckedReuse> {
  const issues = new IssueCollector();
  const title = input.title.trim();
  const description = input.description.trim();
  if (title.length < 3 || title.length > 200)
    issues.add('title', 'length', localized('De 3 à 200 caractères.', 'From 3 to 200 characters.'));
  if (description.length < 20 || description.length > 5000)
    issues.add(
      'description',
      'length',
      localized('De 20 à 5 000 caractères.', 'From 20 to 5,000 characters.'),
    );
  if (!(REUSE_TYPES as readonly string[]).includes(input.type))
    issues.add(
      'type',
      'invalid',
      localized(`Types : ${REUSE_TYPES.join(', ')}.`, `Types: ${REUSE_TYPES.join(', ')}.`),
    );
  let url: URL | null = null;
  try {
    url = new URL(input.url.trim());
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || input.url.length > 2000)
    issues.add('url', 'url', localized('Une adresse http(s) complète.', 'A complete http(s) address.'));
  const topics = [...new Set(input.topics.map((topic) => topic.trim().toLowerCase()).filter(Boolean))];
  if (topics.length > MAX_TOPICS || topics.some((topic) => topic.length > 40))
    issues.add(
      'topics',
      'invalid',
      localized(
        `Au plus ${MAX_TOPICS} sujets de 40 caractères.`,
        `At most ${MAX_TOPICS} topics of 40 characters.`,
      ),
    );
  if (input.datasets.length === 0 || input.datasets.length > MAX_DATASETS)
    issues.add(
      'datasets',
      'count',
      localized(
        `De 1 à ${MAX_DATASETS} jeux de données utilisés.`,
        `From 1 to ${MAX_DATASETS} datasets used.`,
      ),
    );
  const ids = input.datasets.length <= MAX_DATASETS ? await datasetIds(input.datasets, issues) : [];
  let callId: string | null = null;
  if (input.call) {
    const call = await repo.getCall(input.call.trim());
    if (!call) issues.add('call', 'unknown', localized('Appel inconnu.', 'Unknown call.'));
    callId = call?.id ?? null;
  }
  issues.throwIfAny();
  return {
    title,
    description,
    type: input.type as ReuseType,
    url: (url as URL).toString(),
    topics,
    datasetIds: ids,
    callId,
  };
}
