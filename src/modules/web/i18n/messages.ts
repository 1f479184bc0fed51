import type { Locale } from '../../../platform/i18n/index.js';
import { WORKSPACE } from '../account/account.messages.js';
import { SELF_SERVICE } from '../account/self-service.messages.js';
import { BROWSE } from '../catalog/catalog.messages.js';
import { PUBLISHING } from '../catalog/publishing.messages.js';
import { ALERTS } from '../community/alerts.messages.js';
import { COMMUNITY } from '../community/community.messages.js';
import { CONSULTATIONS } from '../community/consultations.messages.js';
import { DISCUSSIONS } from '../community/discussions.messages.js';
import { REUSES } from '../community/reuses.messages.js';
import { DATA } from '../datastore/datastore.messages.js';
import { ECOSYSTEMS } from '../ecosystems/ecosystems.messages.js';
import { HARVEST } from '../harvest/harvest.messages.js';
import { PROCUREMENT } from '../procurement/procurement.messages.js';
import { QUALITY } from '../quality/quality.messages.js';
import { REFERENCE } from '../reference/reference.messages.js';
import { REGISTRY } from '../registry/registry.messages.js';
import { SCHEMAS } from '../schemas/schemas.messages.js';
import { FORMS } from './forms.messages.js';
import { LAYOUT } from './layout.messages.js';
import type { Text } from './text.js';

/** The groups of strings, each of a part of the portal (no two may define the same key). */
export const MESSAGE_GROUPS = {
  LAYOUT,
  BROWSE,
  WORKSPACE,
  SELF_SERVICE,
  FORMS,
  DATA,
  PROCUREMENT,
  REGISTRY,
  REFERENCE,
  SCHEMAS,
  ECOSYSTEMS,
  QUALITY,
  HARVEST,
  PUBLISHING,
  COMMUNITY,
  ALERTS,
  REUSES,
  DISCUSSIONS,
  CONSULTATIONS,
};

/** Every string of the interface, in French and in English. `{name}` marks a value to fill in. */
export const MESSAGES = {
  ...LAYOUT,
  ...BROWSE,
  ...WORKSPACE,
  ...SELF_SERVICE,
  ...FORMS,
  ...DATA,
  ...PROCUREMENT,
  ...REGISTRY,
  ...REFERENCE,
  ...SCHEMAS,
  ...ECOSYSTEMS,
  ...QUALITY,
  ...HARVEST,
  ...PUBLISHING,
  ...COMMUNITY,
  ...ALERTS,
  ...REUSES,
  ...DISCUSSIONS,
  ...CONSULTATIONS,
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

const PLURAL_RULES: Record<Locale, Intl.PluralRules> = {
  fr: new Intl.PluralRules('fr-CA'),
  en: new Intl.PluralRules('en-CA'),
};

/** A count as the message was given it: a number, or a number already written ("1 234", "2,5"). */
function countOf(value: string | number | undefined): number | null {
  if (value === undefined) return null;
  if (typeof value === 'number') return value;
  const number = Number(value.replace(/[\s\u00a0\u202f,]/g, (c) => (c === ',' ? '.' : '')));
  return Number.isFinite(number) ? number : null;
}

/**
 * The translator of one language: `t('resultCount', { count: 3 })`. A message may hold
 * `[singular|plural]`, chosen by `count` as the language counts (French: 0 and 1 are singular).
 */
export function translator(locale: Locale): Translate {
  return (key, values) => {
    let text: string = MESSAGES[key][locale];
    const count = countOf(values?.count);
    if (count !== null)
      text = text.replace(/\[([^|\]]*)\|([^\]]*)\]/g, (_, one: string, other: string) =>
        PLURAL_RULES[locale].select(count) === 'one' ? one : other,
      );
    return values ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? '')) : text;
  };
}
