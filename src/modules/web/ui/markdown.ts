import MarkdownIt from 'markdown-it';

/**
 * Descriptions are Markdown written by publishers. Raw HTML is not allowed (it is shown as text),
 * links are checked by markdown-it (no `javascript:`), and headings start at level 3 so that a
 * description cannot break the page's outline.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

markdown.renderer.rules.heading_open = (tokens, index) => {
  const level = Math.min(6, Number((tokens[index]?.tag ?? 'h1').slice(1)) + 2);
  return `<h${level}>`;
};
markdown.renderer.rules.heading_close = (tokens, index) => {
  const level = Math.min(6, Number((tokens[index]?.tag ?? 'h1').slice(1)) + 2);
  return `</h${level}>\n`;
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}

/** The first words of a Markdown text as plain text, for summaries in lists. */
export function excerpt(text: string, maxLength = 220): string {
  const plain = markdown
    .renderInline(text.replace(/^\s*(#{1,6}|[-*+>]|\d+\.)\s+/gm, '').replace(/\s+/g, ' '))
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .trim();
  if (plain.length <= maxLength) return plain;
  const cut = plain.slice(0, maxLength);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxLength * 0.6))}…`;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/**
 * Messages written by the public (discussions, consultations): the same Markdown, plus links
 * marked `nofollow ugc` (no search-engine credit for spam) and opened without the page as
 * referrer; images are
 * left as plain links (no tracking pixels, no hot-linked pictures).
 */
const people = new MarkdownIt({ html: false, linkify: true, typographer: false }).disable('image');
people.renderer.rules.heading_open = markdown.renderer.rules.heading_open;
people.renderer.rules.heading_close = markdown.renderer.rules.heading_close;
people.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  token?.attrSet('rel', 'nofollow ugc noopener noreferrer');
  return self.renderToken(tokens, index, options);
};

export function renderUserMarkdown(text: string): string {
  return people.render(text);
}
