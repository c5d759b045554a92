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

/**
 * A name key's distinct trigram count and a 64-bit signature of its trigrams (each trigram sets one
 * bit: its three character codes c1·33² + c2·33 + c3, modulo 64), as migration 0014's
 * payung_name_trigrams() computes them in SQL from pg_trgm's show_trgm(). The registry's
 * possible-duplicate query skips pairs whose signatures prove a similarity below the threshold,
 * before pg_trgm compares them (imports.repo.ts). Null where pg_trgm's trigrams could differ from
 * these (a key with other than a–z, 0–9 and single spaces): the database computes those itself.
 * The signature is a signed 64-bit integer in decimal, as PostgreSQL's bigint reads it.
 */
export function trigramSignature(key: string): { signature: string; count: number } | null {
  if (key.length === 0 || key.length >= SIGNED_KEY_MAX || !PLAIN_KEY.test(key)) return null;
  // Trigrams as numbers (three 7-bit codes), distinct by a scan of the few seen so far: the same
  // set as trigrams(key), without a string and a Set per trigram (the import does this per row).
  let count = 0;
  let low = 0;
  let high = 0;
  let c1 = SPACE;
  let c2 = SPACE;
  for (let i = 0; i <= key.length; i++) {
    // Each word is read as pg_trgm pads it: "  word ", its last trigram ending at the space after it.
    const c3 = i < key.length ? key.charCodeAt(i) : SPACE;
    const id = (c1 << 14) | (c2 << 7) | c3;
    let seen = false;
    for (let j = 0; j < count; j++) {
      if (SEEN[j] === id) {
        seen = true;
        break;
      }
    }
    if (!seen) {
      SEEN[count++] = id;
      const bit = (c1 * 1089 + c2 * 33 + c3) % 64;
      if (bit < 32) low |= 1 << bit;
      else high |= 1 << (bit - 32);
    }
    if (c3 === SPACE) {
      c1 = SPACE;
      c2 = SPACE;
    } else {
      c1 = c2;
      c2 = c3;
    }
  }
  const signature = BigInt.asIntN(64, (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)).toString();
  return { signature, count };
}

const SPACE = 32;
// Longer keys (no name is) are left to the database rather than given a larger buffer.
const SIGNED_KEY_MAX = 256;
const SEEN = new Int32Array(SIGNED_KEY_MAX + 1);
const PLAIN_KEY = /^[a-z0-9]+( [a-z0-9]+)*$/;

/** pg_trgm's default similarity threshold. */
export const SIMILARITY_THRESHOLD = 0.6;

/**
 * True when two names may be the same person's: the same search key ("Moh. Rizki" / "Muhammad
 * Rizky"), trigram similarity of at least 0.6 ("Suparman" / "Suparmin"), or every word of one
 * found in the other, initials matching a word they start ("Siti Aminah" / "Siti Aminah Binti
 * Ahmad", "Budi S." / "Budi Santoso"). Accepts names or keys: nameSearchKey is idempotent.
 */
export function similarNames(a: string, b: string): boolean {
  const names = new NameComparer();
  return names.similar(names.prepare(nameSearchKey(a)), names.prepare(nameSearchKey(b)));
}

/**
 * A name key prepared for many comparisons: its distinct trigrams as one string of sorted codes, a
 * 60-bit signature of those codes (code modulo 60, in two 30-bit halves, which V8 keeps unboxed), and
 * its word count.
 */
export interface PreparedName {
  readonly key: string;
  readonly trigrams: string;
  readonly low: number;
  readonly high: number;
  readonly words: number;
}

// Distinct trigrams given a code of their own; the rest share the codes above (never seen in names).
const CODES_MAX = 60_000;
// Prepared keys remembered for reuse; cleared when it grows past this.
const PREPARED_MAX = 100_000;

/**
 * similarNames for a file's worth of names, compactly. The import compares every row with the earlier
 * rows of the same birth date and keeps one prepared name per row for the whole file, so a prepared
 * name is two short strings and three small numbers (a million different names: about 110 MB; as word
 * lists and trigram sets they took 1.6 GB). Each distinct trigram gets a 16-bit code, and a name's trigrams are the string of
 * its sorted distinct codes, compared by a merge. Keys of Latin letters and digits have at most 37³
 * (50,653) distinct trigrams, so all get codes; only past 60,000 (other scripts) do further trigrams
 * share codes by hash, and comparisons with them become approximate.
 */
export class NameComparer {
  readonly #codes = new Map<string, number>();
  readonly #prepared = new Map<string, PreparedName>();
  readonly #codesMax: number;

  /** `distinctCodes`: trigrams given a code of their own (60,000; smaller only in tests). */
  constructor(opts: { distinctCodes?: number } = {}) {
    this.#codesMax = opts.distinctCodes ?? CODES_MAX;
  }

  prepare(key: string): PreparedName {
    let p = this.#prepared.get(key);
    if (p) return p;
    const codes = [...trigrams(key)].map((t) => this.#code(t)).sort((x, y) => x - y);
    const distinct = codes.filter((c, i) => i === 0 || c !== codes[i - 1]);
    let low = 0;
    let high = 0;
    for (const c of distinct) {
      const bit = c % SIGNATURE_BITS;
      if (bit < 30) low |= 1 << bit;
      else high |= 1 << (bit - 30);
    }
    p = {
      key,
      trigrams: String.fromCharCode(...distinct),
      low,
      high,
      words: key === '' ? 0 : wordCount(key),
    };
    if (this.#prepared.size >= PREPARED_MAX) this.#prepared.clear();
    this.#prepared.set(key, p);
    return p;
  }

  similar(a: PreparedName, b: PreparedName): boolean {
    if (a.key === '' || b.key === '') return false;
    if (a.key === b.key) return true;
    // Most pairs (same birth date, another person) are told apart by their signatures alone: a bit of
    // one that the other lacks is a trigram it lacks, so `most` bounds the trigrams they share. Below
    // both the similarity threshold (8·shared ≥ 3·(nA + nB) is shared / (nA + nB − shared) ≥ 0.6) and
    // what containment needs (see below), they are not alike.
    const missingA = bitCount(a.low & ~b.low) + bitCount(a.high & ~b.high);
    const missingB = bitCount(b.low & ~a.low) + bitCount(b.high & ~a.high);
    const most = Math.min(a.trigrams.length - missingA, b.trigrams.length - missingB);
    if (
      8 * most < 3 * (a.trigrams.length + b.trigrams.length) &&
      (most < 2 || (missingA > a.words && missingB > b.words))
    ) {
      return false;
    }
    const shared = sharedCodes(a.trigrams, b.trigrams);
    if (shared / (a.trigrams.length + b.trigrams.length - shared) >= SIMILARITY_THRESHOLD) return true;
    // One name's words all in the other's take a whole word in common, and a word of two or more
    // letters brings two trigrams ("  ab", " ab…"): below that, no need to split the keys into words.
    if (shared < 2) return false;
    // Nor when more trigrams of each name are missing from the other than it has words: every
    // trigram of a contained word is shared, and an initial ("s") misses only its last (" s ").
    if (a.trigrams.length - shared > a.words && b.trigrams.length - shared > b.words) {
      return false;
    }
    const [ta, tb] = [nameTokens(a.key), nameTokens(b.key)];
    return ta.length <= tb.length ? containedIn(ta, tb) : containedIn(tb, ta);
  }

  #code(trigram: string): number {
    let c = this.#codes.get(trigram);
    if (c === undefined) {
      if (this.#codes.size < this.#codesMax) {
        c = this.#codes.size + 1;
        this.#codes.set(trigram, c);
      } else {
        let h = 0;
        for (let i = 0; i < trigram.length; i++) h = (h * 31 + trigram.charCodeAt(i)) >>> 0;
        c = this.#codesMax + 1 + (h % (0xffff - this.#codesMax));
      }
    }
    return c;
  }
}

const SIGNATURE_BITS = 60;

/** Set bits of a 32-bit integer. */
function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Words of a name key (single spaces between words). */
function wordCount(key: string): number {
  let n = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) n++;
  return n;
}

/** How many codes two sorted strings of distinct codes share. */
function sharedCodes(a: string, b: string): number {
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
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
