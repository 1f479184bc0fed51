import { slugify } from '../../platform/validation.js';
import { SYSTEM } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';

/** The EU's data-theme vocabulary (DCAT-AP's dcat:theme): its code is the URI's last segment. */
const EU_THEME = /^https?:\/\/publications\.europa\.eu\/resource\/authority\/data-theme\/([A-Z_]+)$/;

/** How an upstream theme is matched here: an EU data-theme code, or a slug of its name. */
export function themeKeys(value: string): string[] {
  const trimmed = value.trim();
  const eu = EU_THEME.exec(trimmed);
  if (eu?.[1]) return [`eu:${eu[1]}`];
  // Another URI: its last segment is the theme's name (a CKAN group's page, a SKOS concept).
  const name = /^https?:\/\//.test(trimmed)
    ? decodeURIComponent(
        trimmed
          .replace(/[/#]+$/, '')
          .split(/[/#]/)
          .pop() ?? '',
      )
    : trimmed;
  const slug = slugify(name);
  return slug ? [slug] : [];
}

/** The portal's themes by every key an upstream theme may match: name, titles' slugs, EU code. */
export type ThemeIndex = Map<string, string>;

export async function themeIndex(catalog: CatalogService): Promise<ThemeIndex> {
  const listings = await catalog.groups.list(SYSTEM, 'group', {
    names: null,
    sort: 'name',
    direction: 'asc',
    limit: null,
    offset: 0,
  });
  const index: ThemeIndex = new Map();
  for (const { group } of listings) {
    const keys = [group.name, slugify(group.title.fr), group.title.en ? slugify(group.title.en) : ''];
    if (group.euTheme) keys.push(`eu:${group.euTheme}`);
    for (const key of keys) if (key && !index.has(key)) index.set(key, group.id);
  }
  return index;
}

/** The themes here that an upstream dataset's themes or groups name (unknown ones are left out). */
export function mappedThemes(index: ThemeIndex, upstream: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const value of upstream.slice(0, 100))
    for (const key of themeKeys(value)) {
      const id = index.get(key);
      if (id) ids.add(id);
    }
  return [...ids];
}
