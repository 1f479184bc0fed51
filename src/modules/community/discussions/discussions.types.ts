/** A message in a thread or a consultation, as its reader may see it. */
export interface Post {
  id: string;
  author: { id: string; name: string };
  /** Markdown as written; null when a moderator hid it and the reader does not moderate. */
  body: string | null;
  /** Written for the dataset's organisation (a publisher) or the portal (an administrator). */
  official: boolean;
  /** Waiting for a moderator (seen by its author and moderators only). */
  held: boolean;
  /** Why a moderator hid it. */
  hiddenReason: string | null;
  /** Open reports (moderators only; 0 for others). */
  reports: number;
  /** The consultation's theme it comments on. */
  themeId: string | null;
  created: Date;
}

/** A discussion on a dataset. */
export interface Thread {
  id: string;
  datasetId: string;
  title: string;
  author: { id: string; name: string };
  closed: { at: Date; by: string } | null;
  created: Date;
  lastPostAt: Date;
  /** Messages everyone sees. */
  posts: number;
  /** A publisher or an administrator answered in it. */
  answered: boolean;
}

/** A thread with its messages and what the reader may do. */
export interface ThreadDetail {
  thread: Thread;
  dataset: { id: string; name: string; organizationId: string };
  posts: Post[];
  /** The reader writes for the organisation (a publisher's answer is marked). */
  official: boolean;
  mayReply: boolean;
  mayClose: boolean;
  mayModerate: boolean;
}

export interface NewThread {
  title: string;
  body: string;
  website?: string | null;
}
