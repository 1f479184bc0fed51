import type { EditionRow } from '../edition.repo.js';

/** An edition as /registry/editions lists it (its timings stay with the import's report). */
export function presentEdition(edition: EditionRow) {
  return {
    id: edition.id,
    published_on: edition.publishedOn,
    state: edition.state,
    current: edition.isCurrent,
    step: edition.step,
    counts: edition.counts,
    error: edition.error,
    started: edition.startedAt.toISOString(),
    finished: edition.finishedAt?.toISOString() ?? null,
  };
}
