export const REQUEST_STATUSES = ['open', 'under_review', 'planned', 'published', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_SORTS = ['supported', 'newest', 'updated'] as const;
export type RequestSort = (typeof REQUEST_SORTS)[number];

/** Someone's request for data that is missing, as everyone may read it. */
export interface DataRequest {
  id: string;
  number: number;
  title: string;
  description: string;
  reason: string | null;
  organizationId: string | null;
  author: { id: string; name: string };
  status: RequestStatus;
  statusReason: string | null;
  /** The dataset that answers it (published), when the reader may see it. */
  datasetId: string | null;
  datasetName: string | null;
  supporters: number;
  created: Date;
  updated: Date;
}

/** One step of a request's history: asked, or an answer with the status it set. */
export interface RequestEvent {
  id: string;
  author: { id: string; name: string };
  /** Given for the organisation or the portal (a publisher's or an administrator's answer). */
  official: boolean;
  status: RequestStatus | null;
  message: string;
  datasetId: string | null;
  datasetName: string | null;
  created: Date;
}

export interface NewDataRequest {
  title: string;
  description: string;
  reason: string | null;
  /** The organisation that might hold the data (its name), if the author knows. */
  organization: string | null;
}

export interface RequestAnswer {
  status: RequestStatus;
  message: string;
  /** The dataset that answers the request (its name or id): needed for `published`. */
  dataset: string | null;
}
