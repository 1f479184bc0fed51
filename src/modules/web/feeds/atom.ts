import type { FastifyReply } from 'fastify';
import type { Locale } from '../../../platform/i18n/index.js';
import type { Dataset } from '../../catalog/index.js';
import { href } from '../i18n/paths.js';
import { pick, pickTitle } from '../ui/localized.js';
import { excerpt } from '../ui/markdown.js';
import { xml } from './xml.js';

export interface AtomFeed {
  /** The feed's own URL (also its id). */
  self: string;
  /** The page the feed follows. */
  alternate: string;
  title: string;
  locale: Locale;
  baseUrl: string;
  datasets: Dataset[];
}

/** One entry of an Atom feed; texts are escaped here. */
export interface AtomEntry {
  id: string;
  title: { text: string; lang?: string | undefined };
  link: string;
  published: Date;
  updated: Date;
  author: string;
  summary?: { text: string; lang?: string | undefined } | null | undefined;
  categories?: readonly string[];
}

/** An Atom 1.0 feed (RFC 4287) of datasets, newest change first. */
export function atomFeed(feed: AtomFeed): string {
  const { locale, baseUrl } = feed;
  const entries = feed.datasets.map((dataset): AtomEntry => {
    const notes = pick(locale, dataset.notes);
    return {
      id: `urn:uuid:${dataset.id}`,
      title: pickTitle(locale, dataset.title),
      link: `${baseUrl}${href(locale, 'dataset', { name: dataset.name })}`,
      published: dataset.metadataCreated,
      updated: dataset.metadataModified,
      author: pickTitle(locale, dataset.organization.title).text,
      summary: notes ? { text: excerpt(notes.text, 500), lang: notes.lang } : null,
      categories: dataset.tags,
    };
  });
  return atomDocument({ ...feed, updated: feed.datasets[0]?.metadataModified ?? new Date(0) }, entries);
}

/** The Atom document around entries (newest first). */
export function atomDocument(
  feed: { self: string; alternate: string; title: string; locale: Locale; updated: Date },
  entries: readonly AtomEntry[],
): string {
  const lang = (value: { lang?: string | undefined }) => (value.lang ? ` xml:lang="${value.lang}"` : '');
  const body = entries.map((entry) =>
    [
      '  <entry>',
      `    <id>${xml(entry.id)}</id>`,
      `    <title${lang(entry.title)}>${xml(entry.title.text)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(entry.link)}"/>`,
      `    <published>${entry.published.toISOString()}</published>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      `    <author><name>${xml(entry.author)}</name></author>`,
      ...(entry.summary ? [`    <summary${lang(entry.summary)}>${xml(entry.summary.text)}</summary>`] : []),
      ...(entry.categories ?? []).map((term) => `    <category term="${xml(term)}"/>`),
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.locale}">`,
    `  <id>${xml(feed.self)}</id>`,
    `  <title>${xml(feed.title)}</title>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(feed.alternate)}"/>`,
    '  <generator>Quai</generator>',
    ...body,
    '</feed>',
    '',
  ].join('\n');
}

/** Sends an Atom document, cacheable for five minutes by browsers and proxies. */
export function sendAtom(reply: FastifyReply, body: string): FastifyReply {
  return reply
    .type('application/atom+xml; charset=utf-8')
    .header('Cache-Control', 'public, max-age=300')
    .send(body);
}
