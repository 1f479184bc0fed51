import type { Locale } from '../../../platform/i18n/index.js';
import { WORKSPACE } from '../account/account.messages.js';
import { BROWSE } from '../catalog/catalog.messages.js';
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

/** Every string of the interface, in French and in English. `{name}` marks a value to fill in. */
export const MESSAGES = {
  ...LAYOUT,
  ...BROWSE,
  ...WORKSPACE,
  ...FORMS,
  ...DATA,
  ...PROCUREMENT,
  ...REGISTRY,
  ...REFERENCE,
  ...SCHEMAS,
  ...ECOSYSTEMS,
  ...QUALITY,
  ...HARVEST,
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The translator of one language: `t('resultCount', { count: 3 })`. */
export function translator(locale: Locale): Translate {
  return (key, values) => {
    const text = MESSAGES[key][locale];
    return values ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? '')) : text;
  };
}
