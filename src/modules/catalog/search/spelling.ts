/**
 * Spelling correction for "did you mean": each word of the query is replaced by the closest word
 * of the candidate titles when it is close enough. Similarity is pg_trgm's: shared trigrams over
 * all trigrams of the two space-padded, accent-folded words.
 */
export function correctQuery(
  query: string,
  candidateTitles: readonly string[],
  minimum = 0.45,
): string | null {
  const vocabulary = new Map<string, string>();
  for (const title of candidateTitles) {
    for (const word of words(title)) {
      const key = fold(word);
      if (key.length > 2 && !vocabulary.has(key)) vocabulary.set(key, word.toLowerCase());
    }
  }
  let changed = false;
  const corrected = words(query).map((word) => {
    const key = fold(word);
    if (key.length <= 2 || vocabulary.has(key)) return word;
    let best: { word: string; score: number } | null = null;
    for (const [candidateKey, candidate] of vocabulary) {
      const score = trigramSimilarity(key, candidateKey);
      if (score >= minimum && (!best || score > best.score)) best = { word: candidate, score };
    }
    if (!best) return word;
    changed = true;
    return best.word;
  });
  return changed ? corrected.join(' ') : null;
}

function words(text: string): string[] {
  return text.split(/[^\p{L}\p{N}'’-]+/u).filter((word) => word !== '');
}

export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const result = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3));
  return result;
}

export function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = trigrams(b);
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return shared / (left.size + right.size - shared);
}
