import type { RecordSummary } from './record-summary.js';

/** A call for tenders as the tender search lists it: its record's summary, and when it opened. */
export type Tender = Omit<RecordSummary, 'searchText'> & { ocid: string; openedAt: string | null };
