/**
 * Text or attribute value safe inside XML 1.0: the characters XML cannot carry (C0 controls other
 * than tab and line ends, lone surrogates, U+FFFE/FFFF) are dropped, and markup is escaped.
 */
export function escapeXml(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
