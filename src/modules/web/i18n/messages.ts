import type { Locale } from '../../../platform/i18n/index.js';
import { BROWSE } from './messages/browse.js';
import { DATA } from './messages/data.js';
import { FORMS } from './messages/forms.js';
import { LAYOUT } from './messages/layout.js';
import { PROCUREMENT } from './messages/procurement.js';
import { REGISTRY } from './messages/registry.js';
import type { Text } from './messages/text.js';
import { WORKSPACE } from './messages/workspace.js';

/** Every string of the interface, in French and in English. `{name}` marks a value to fill in. */
export const MESSAGES = {
  ...LAYOUT,
  ...BROWSE,
  ...WORKSPACE,
  ...FORMS,
  ...DATA,
  ...PROCUREMENT,
  ...REGISTRY,
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
