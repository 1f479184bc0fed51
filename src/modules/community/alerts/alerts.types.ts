/** What people follow. */
export const FOLLOW_KINDS = [
  'dataset',
  'organization',
  'theme',
  'search',
  'buyer',
  'category',
  'enterprise',
] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

/** How often digests are mailed; `never` keeps the private feed only. */
export const FREQUENCIES = ['immediate', 'daily', 'weekly', 'never'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** OCDS's main procurement categories (a follow of tenders by category). */
export const TENDER_CATEGORIES = ['goods', 'works', 'services'] as const;

/** Events people who follow something are told about (digests, private feed). */
export const ALERT_EVENTS = [
  'dataset.created',
  'dataset.updated',
  'tender.published',
  'enterprise.changed',
  'request.answered',
  'discussion.answered',
] as const;
export type AlertEventType = (typeof ALERT_EVENTS)[number];

/**
 * Events webhooks receive: the same, except that a registry edition is one event pointing at
 * the change feed (an edition may hold 100,000 changes).
 */
export const WEBHOOK_EVENTS = [
  'dataset.created',
  'dataset.updated',
  'tender.published',
  'registry.edition-published',
  'request.answered',
  'discussion.answered',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

export interface Follow {
  id: string;
  kind: FollowKind;
  /** The followed thing's key: an id, the search's words, a buyer's id, a category, a NEQ. */
  target: string;
  /** What the person sees. */
  label: string;
  created: Date;
}

/** Something that changed, as a person's digest and feed tell it. */
export interface AlertEvent {
  id: number;
  type: string;
  title: { fr: string; en: string };
  url: string;
  occurred: Date;
}

export interface AlertSettings {
  frequency: Frequency;
  /** The private Atom feed's address (a secret: whoever has it reads the feed). */
  feedUrl: string;
  lastDigest: Date | null;
}
