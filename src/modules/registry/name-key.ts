/**
 * A name folded for search: accents and case removed, punctuation and legal-form words' dots
 * turned to spaces ("Électricité Côté & Fils inc." → "electricite cote fils inc"). The same
 * function folds the names when an edition loads and the words people type.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
