/**
 * The API console's requests: which calls may be tried from the documentation page (GET calls of
 * the REST API, read-only CKAN actions), and the address a filled form asks for. Shared by the
 * server (the form without JavaScript) and the page's script (the same call, shown inline).
 */

/** CKAN actions that only read, tried from the documentation page. */
export const CKAN_TRY_ACTIONS = [
  'status_show',
  'package_search',
  'package_show',
  'package_list',
  'organization_list',
  'organization_show',
  'group_list',
  'group_show',
  'tag_list',
  'resource_show',
  'datastore_search',
] as const;

export const CKAN_TRY_PATH = '/api/3/action/{action}';
/** A form field carrying a parameter: `p.<name>`; `p.query` is free text for CKAN's parameters. */
export const PARAMETER_PREFIX = 'p.';
const MAX_PARAMETERS = 30;

/**
 * The address a tried call asks for: `{name}` in the path replaced by its field, the other
 * fields as the query string (empty ones left out); `query` is appended as typed ("q=eau&rows=5").
 */
export function tryUrl(path: string, fields: Iterable<[string, string]>): string {
  const values = new Map<string, string>();
  for (const [key, value] of fields) {
    if (key.startsWith(PARAMETER_PREFIX) && values.size < MAX_PARAMETERS)
      values.set(key.slice(PARAMETER_PREFIX.length), value.trim());
  }
  const used = new Set<string>();
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    used.add(name);
    return encodeURIComponent(values.get(name) ?? '');
  });
  const query = new URLSearchParams();
  for (const [name, value] of values) {
    if (used.has(name) || value === '' || name === 'query') continue;
    query.append(name, value);
  }
  for (const [name, value] of new URLSearchParams(values.get('query') ?? '')) query.append(name, value);
  const search = query.toString();
  return search ? `${filled}?${search}` : filled;
}
