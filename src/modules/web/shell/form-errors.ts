import type { FieldIssue } from '../../../platform/http/errors.js';
import type { Locale } from '../../../platform/i18n/index.js';
import type { FieldErrors } from '../ui/form-fields.js';

/**
 * Issues reported by a service, as messages next to the form's fields. `aliases` maps a service's
 * path to a field name; an issue about no field of the form goes under "form", shown in the summary.
 */
export function fieldErrorsOf(
  issues: readonly FieldIssue[],
  locale: Locale,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const mapped = aliases[issue.path] ?? issue.path;
    const field = fields.includes(mapped) ? mapped : 'form';
    errors[field] = errors[field] ? `${errors[field]} ${issue.message[locale]}` : issue.message[locale];
  }
  return errors;
}
