import type { FetchText } from '../fetch.js';
import type { HarvestedDataset, HarvestSource } from '../harvest.types.js';

/** One upstream dataset as a page lists it. */
export interface UpstreamEntry {
  id: string;
  /** Its modification date upstream, as written there. */
  modified: string | null;
  /** Mapped to the portal's fields; null when only listed (unchanged since the last run). */
  dataset: HarvestedDataset | null;
  /** Why it could not be mapped, with an excerpt of what was read. */
  error?: string;
  raw?: string;
}

export interface ReaderPage {
  entries: UpstreamEntry[];
  /** Where the next page starts; null after the last. */
  next: string | null;
  /** How many datasets the source announces, when it says. */
  total?: number | null;
}

/** Reads a source page by page; a cursor is opaque text kept in the run (so a run resumes). */
export interface Reader {
  page(cursor: string | null): Promise<ReaderPage>;
  /** One dataset by its upstream id, for a listed one that was never read whole. */
  fetchOne?(id: string): Promise<HarvestedDataset>;
}

export interface ReaderContext {
  source: HarvestSource;
  /** The newest modification date the last complete run saw (incremental sources read from it). */
  since: string | null;
  fetch: FetchText;
}
