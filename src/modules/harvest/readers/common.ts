import { type Bbox, type BilingualText, FREQUENCIES, LICENSES } from '../../catalog/index.js';
import type { HarvestedDataset } from '../harvest.types.js';

/** A trimmed text, or null when empty or not a text. */
export function text(value: unknown, max = 100_000): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.slice(0, max);
}

export function bilingual(fr: unknown, en: unknown, max?: number): BilingualText {
  return { fr: text(fr, max), en: text(en, max) };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An address from a text or a mailto: link; null when it is not one (it is dropped, not refused). */
export function email(value: unknown): string | null {
  const raw = text(value)?.replace(/^mailto:/i, '') ?? null;
  return raw !== null && EMAIL.test(raw) && raw.length <= 320 ? raw : null;
}

/** An http(s) link, or null. */
export function link(value: unknown): string | null {
  const raw = text(value, 2000);
  if (raw === null) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const TAG_PATTERN = /[^\p{L}\p{N} \-_.'’]+/gu;

/** Keywords as the catalogue takes them: allowed characters only, 2 to 100 long, no repeats, at most 100. */
export function keywords(values: readonly unknown[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const cleaned = (text(value) ?? '').replace(TAG_PATTERN, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
    if (cleaned.length >= 2) out.add(cleaned);
    if (out.size >= 100) break;
  }
  return [...out];
}

const normalUrl = (url: string) =>
  url
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');

/** A licence of the portal's list matching an upstream id, URL or title; null when none does. */
export function matchLicense(value: string | null): string | null {
  if (value === null) return null;
  const wanted = value.trim();
  const lower = wanted.toLowerCase();
  const found =
    LICENSES.find((license) => license.id.toLowerCase() === lower) ??
    LICENSES.find((license) => license.url !== '' && normalUrl(license.url) === normalUrl(wanted)) ??
    LICENSES.find(
      (license) => license.title.fr.toLowerCase() === lower || license.title.en.toLowerCase() === lower,
    ) ??
    (lower.includes('creativecommons.org/licenses/by/4.0') ? LICENSES.find((l) => l.id === 'cc-by') : null);
  return found?.id ?? null;
}

/** A frequency code of the portal's list from a code, an EU authority IRI or an ISO 8601 period. */
export function matchFrequency(value: string | null): string | null {
  if (value === null) return null;
  const raw = value.trim();
  const tail = raw.split('/').pop()?.toUpperCase() ?? '';
  const iso: Record<string, string> = {
    'R/P1D': 'daily',
    'R/P1W': 'weekly',
    'R/P2W': 'biweekly',
    'R/P1M': 'monthly',
    'R/P3M': 'quarterly',
    'R/P6M': 'biannual',
    'R/P1Y': 'annual',
    'R/PT1S': 'continual',
    IRREGULAR: 'irregular',
  };
  return (
    FREQUENCIES.find((frequency) => frequency.code === raw.toLowerCase())?.code ??
    FREQUENCIES.find((frequency) => frequency.euCode === tail)?.code ??
    iso[raw.toUpperCase()] ??
    null
  );
}

/** A date (YYYY-MM-DD) from an ISO date or date-time; null otherwise. */
export function day(value: unknown): string | null {
  const raw = text(value);
  const match = raw?.match(/^(\d{4}-\d{2}-\d{2})/);
  return match?.[1] ?? null;
}

/** The bounding box of a GeoJSON geometry (an object or its text); null when there is none. */
export function bboxOfGeoJson(value: unknown): Bbox | null {
  let geometry = value;
  if (typeof value === 'string') {
    try {
      geometry = JSON.parse(value);
    } catch {
      return null;
    }
  }
  const points: number[][] = [];
  const walk = (node: unknown, depth: number) => {
    if (!Array.isArray(node) || depth > 6) return;
    if (node.length >= 2 && typeof node[0] === 'number' && typeof node[1] === 'number') points.push(node);
    else for (const child of node) walk(child, depth + 1);
  };
  walk((geometry as { coordinates?: unknown } | null)?.coordinates, 0);
  if (points.length === 0) return null;
  const xs = points.map((p) => p[0] as number);
  const ys = points.map((p) => p[1] as number);
  const box = {
    west: Math.min(...xs),
    south: Math.min(...ys),
    east: Math.max(...xs),
    north: Math.max(...ys),
  };
  const valid =
    box.west >= -180 && box.east <= 180 && box.south >= -90 && box.north <= 90 && box.west <= box.east;
  return valid && box.south <= box.north ? box : null;
}

/** A harvested dataset with every optional field empty: readers fill what they know. */
export function emptyDataset(identifier: string): HarvestedDataset {
  return {
    identifier,
    upstreamUrl: null,
    name: null,
    title: { fr: null, en: null },
    notes: { fr: null, en: null },
    tags: [],
    keywordsEn: [],
    license: null,
    landingPage: null,
    author: null,
    authorEmail: null,
    maintainer: null,
    maintainerEmail: null,
    version: null,
    updateFrequency: null,
    temporalStart: null,
    temporalEnd: null,
    bbox: null,
    languages: [],
    groups: [],
    extras: {},
    resources: [],
  };
}

/** Extra keys as the catalogue takes them. */
export function extraKey(key: string): string | null {
  const cleaned = key.replace(/[^\p{L}\p{N}_\-.:]/gu, '_').slice(0, 100);
  return cleaned === '' ? null : cleaned;
}
