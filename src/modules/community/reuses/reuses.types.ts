/** What a reuse is. */
export const REUSE_TYPES = ['application', 'visualization', 'article', 'api', 'other'] as const;
export type ReuseType = (typeof REUSE_TYPES)[number];
export const REUSE_STATES = ['pending', 'published', 'refused'] as const;
export type ReuseState = (typeof REUSE_STATES)[number];
export const CALL_KINDS = ['call', 'hackathon', 'webinar'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** A reuse as people see it: only the public datasets it uses are listed. */
export interface Reuse {
  id: string;
  name: string;
  title: string;
  description: string;
  type: ReuseType;
  url: string;
  /** Whether it has an image (served at /api/v1/reuses/<name>/image). */
  image: string | null;
  author: { id: string; name: string };
  topics: string[];
  call: { name: string; title: string } | null;
  datasets: { id: string; name: string; title: string }[];
  state: ReuseState;
  moderationReason: string | null;
  created: Date;
  publishedAt: Date | null;
}

export interface NewReuse {
  title: string;
  description: string;
  type: string;
  url: string;
  topics: string[];
  datasets: string[];
  call: string | null;
}

/** A call for projects, a hackathon or a webinar. */
export interface Call {
  id: string;
  name: string;
  kind: CallKind;
  title: string;
  description: string;
  participation: string;
  startsOn: string;
  endsOn: string;
  datasets: { id: string; name: string; title: string }[];
  /** Published reuses made for it. */
  reuseCount: number;
}

export interface NewCall {
  name: string;
  kind: string;
  title: string;
  description: string;
  participation: string;
  startsOn: string;
  endsOn: string;
  datasets: string[];
}
