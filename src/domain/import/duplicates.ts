// Possible duplicates within one file (Kemungkinan Data Ganda): a different NIK with the same or
// a very similar name and the same birth date — often the same person with a mistyped NIK. These
// helpers only flag; a person decides.

import { nameSearchKey, nameTokens } from '../names.js';

/** Groups rows whose name keys (nameSearchKey) and birth dates are equal. */
export function duplicateKey(nameKey: string, birthDate: string): string {
  return `${birthDate}|${nameKey}`;
}

/** Trigrams as PostgreSQL's pg_trgm makes them: per word, padded with two spaces before, one after. */
export function trigrams(key: string): Set<string> {
  const out = new Set<string>();
  for (const word of nameTokens(key)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's similarity(): shared trigrams over all distinct trigrams of both. */
export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const t of small) if (large.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

/** pg_trgm's default similarity threshold. */
export const SIMILARITY_THRESHOLD = 0.6;

/**
 * True when two names may be the same person's: the same search key ("Moh. Rizki" / "Muhammad
 * Rizky"), trigram similarity of at least 0.6 ("Suparman" / "Suparmin"), or every word of one
 * found in the other, initials matching a word they start ("Siti Aminah" / "Siti Aminah Binti
 * Ahmad", "Budi S." / "Budi Santoso"). Accepts names or keys: nameSearchKey is idempotent.
 */
export function similarNames(a: string, b: string): boolean {
  return similarKeys(nameKeyInfo(nameSearchKey(a)), nameKeyInfo(nameSearchKey(b)));
}

/** A name key with its words and trigrams, computed once when a key is compared many times. */
export interface NameKeyInfo {
  key: string;
  tokens: readonly string[];
  trigrams: ReadonlySet<string>;
}

export function nameKeyInfo(key: string): NameKeyInfo {
  return { key, tokens: nameTokens(key), trigrams: trigrams(key) };
}

/** similarNames on prepared keys (the import compares each row with its birth-date neighbours). */
export function similarKeys(a: NameKeyInfo, b: NameKeyInfo): boolean {
  if (a.key === '' || b.key === '') return false;
  if (a.key === b.key) return true;
  const [ta, tb] = [a.tokens, b.tokens];
  if (ta.length <= tb.length ? containedIn(ta, tb) : containedIn(tb, ta)) return true;
  return trigramSimilarity(a.trigrams, b.trigrams) >= SIMILARITY_THRESHOLD;
}

// Every word of `few` appears in `many` (a one-letter word matches a word it starts), and at
// least one full word matches, so initials alone ("A. S.") never make a match.
function containedIn(few: readonly string[], many: readonly string[]): boolean {
  let fullMatches = 0;
  for (const word of few) {
    if (many.includes(word)) {
      if (word.length > 1) fullMatches++;
      continue;
    }
    if (word.length === 1 && many.some((m) => m.startsWith(word))) continue;
    return false;
  }
  return fullMatches > 0;
}
