import type { Locale } from '../../../platform/i18n/index.js';
import type { Dataset } from '../../catalog/index.js';
import { pick, pickTitle } from '../components/localized.js';
import { excerpt } from '../components/markdown.js';
import { href } from '../i18n/paths.js';
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

/** An Atom 1.0 feed (RFC 4287) of datasets, newest change first. */
export function atomFeed(feed: AtomFeed): string {
  const { locale, baseUrl } = feed;
  const updated = feed.datasets[0]?.metadataModified ?? new Date(0);
  const entries = feed.datasets.map((dataset) => {
    const title = pickTitle(locale, dataset.title);
    const notes = pick(locale, dataset.notes);
    const link = `${baseUrl}${href(locale, 'dataset', { name: dataset.name })}`;
    const publisher = pickTitle(locale, dataset.organization.title);
    return [
      '  <entry>',
      `    <id>urn:uuid:${dataset.id}</id>`,
      `    <title${title.lang ? ` xml:lang="${title.lang}"` : ''}>${xml(title.text)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(link)}"/>`,
      `    <published>${dataset.metadataCreated.toISOString()}</published>`,
      `    <updated>${dataset.metadataModified.toISOString()}</updated>`,
      `    <author><name>${xml(publisher.text)}</name></author>`,
      ...(notes
        ? [
            `    <summary${notes.lang ? ` xml:lang="${notes.lang}"` : ''}>${xml(excerpt(notes.text, 500))}</summary>`,
          ]
        : []),
      ...dataset.tags.map((tag) => `    <category term="${xml(tag)}"/>`),
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">`,
    `  <id>${xml(feed.self)}</id>`,
    `  <title>${xml(feed.title)}</title>`,
    `  <updated>${updated.toISOString()}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(feed.self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(feed.alternate)}"/>`,
    '  <generator>Quai</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
