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

/** A name key prepared for many comparisons: its number in the NameComparer that prepared it. */
export type PreparedName = number;

// Distinct trigrams given a code of their own; the rest share the codes above (never seen in names).
const CODES_MAX = 60_000;
// Keys remembered for reuse of their prepared name; forgotten when there are more.
const PREPARED_MAX = 100_000;
// Bits of a prepared name's signature: a code sets bit code % 60, in two 30-bit halves.
const SIGNATURE_BITS = 60;

/**
 * similarNames for a file's worth of names, compactly. The import compares every row with the earlier
 * rows of the same birth date and keeps one prepared name per row for the whole file (one per distinct
 * key among the last 100,000 prepared), so a prepared name is a number, and what it stands for lives in
 * typed arrays: its distinct trigrams as sorted 16-bit codes, compared by a merge, a 60-bit signature of
 * those codes, its word count, and its key (as Latin-1 bytes when it has no other characters): about
 * 85 bytes for a name of 25 letters and 20 trigrams. As an object and two strings such a name took
 * about 185 bytes, as a word list and a set of trigram strings about 1.6 KB. Each distinct trigram
 * gets a code; keys of Latin letters and digits have at most 37³ (50,653) distinct trigrams, so all
 * get codes of their own; only past 60,000 (other scripts) do further trigrams share codes by hash,
 * and comparisons with them become approximate.
 */
export class NameComparer {
  // Codes of trigrams of three Latin-1 characters, by c1·2¹⁶ + c2·2⁸ + c3 (no string made per
  // trigram), and of the others by their text; numbered together, in the order first seen.
  readonly #latinCodes = new Map<number, number>();
  readonly #otherCodes = new Map<string, number>();
  #assigned = 0;
  // A name's codes while it is prepared.
  #scratch = new Uint16Array(256);
  readonly #recent = new Map<string, PreparedName>();
  readonly #codesMax: number;
  #names = 0;
  // Per name: where its codes and its key start in the pools (the next name's start ends them), its
  // signature and its word count. A key with a character past U+00FF is kept as a string instead.
  #codeStart = new Int32Array(64);
  #keyStart = new Int32Array(64);
  #low = new Int32Array(64);
  #high = new Int32Array(64);
  #words = new Int32Array(64);
  #codePool = new Uint16Array(1024);
  #keyPool = new Uint8Array(1024);
  #codeEnd = 0;
  #keyEnd = 0;
  readonly #otherKeys = new Map<PreparedName, string>();

  /** `distinctCodes`: trigrams given a code of their own (60,000; smaller only in tests). */
  constructor(opts: { distinctCodes?: number } = {}) {
    this.#codesMax = opts.distinctCodes ?? CODES_MAX;
  }

  prepare(key: string): PreparedName {
    const known = this.#recent.get(key);
    if (known !== undefined) return known;
    // The trigrams of trigrams(key), as codes, without a string, a set or an array per name (the
    // import prepares a name per row): each word read as pg_trgm pads it, "  word ".
    if (this.#scratch.length < 2 * key.length + 2) this.#scratch = new Uint16Array(2 * key.length + 2);
    const scratch = this.#scratch;
    let found = 0;
    let c1 = SPACE;
    let c2 = SPACE;
    for (let i = 0; i <= key.length; i++) {
      const c3 = i < key.length ? key.charCodeAt(i) : SPACE;
      if (c3 === SPACE) {
        // The end of a word (none between two spaces: nameTokens drops empty words).
        if (c2 === SPACE) continue;
        scratch[found++] = this.#code(c1, c2, SPACE);
        c1 = SPACE;
        c2 = SPACE;
        continue;
      }
      scratch[found++] = this.#code(c1, c2, c3);
      c1 = c2;
      c2 = c3;
    }
    scratch.subarray(0, found).sort();
    let distinct = 0;
    for (let i = 0; i < found; i++) {
      if (i === 0 || scratch[i] !== scratch[i - 1]) scratch[distinct++] = scratch[i]!;
    }
    const codes = scratch.subarray(0, distinct);
    const n = this.#names++;
    if (n + 2 > this.#codeStart.length) {
      // All five grow together, to the same length.
      this.#codeStart = grown(this.#codeStart, n + 2);
      const length = this.#codeStart.length;
      this.#keyStart = grown(this.#keyStart, length);
      this.#low = grown(this.#low, length);
      this.#high = grown(this.#high, length);
      this.#words = grown(this.#words, length);
    }
    this.#codePool = grown(this.#codePool, this.#codeEnd + codes.length);
    let low = 0;
    let high = 0;
    for (const c of codes) {
      this.#codePool[this.#codeEnd++] = c;
      const bit = c % SIGNATURE_BITS;
      if (bit < 30) low |= 1 << bit;
      else high |= 1 << (bit - 30);
    }
    this.#low[n] = low;
    this.#high[n] = high;
    this.#words[n] = key === '' ? 0 : wordCount(key);
    if (!BEYOND_LATIN1.test(key)) {
      this.#keyPool = grown(this.#keyPool, this.#keyEnd + key.length);
      for (let i = 0; i < key.length; i++) this.#keyPool[this.#keyEnd++] = key.charCodeAt(i);
    } else {
      this.#otherKeys.set(n, key);
    }
    this.#codeStart[n + 1] = this.#codeEnd;
    this.#keyStart[n + 1] = this.#keyEnd;
    if (this.#recent.size >= PREPARED_MAX) this.#recent.clear();
    this.#recent.set(key, n);
    return n;
  }

  /** The key a name was prepared from. */
  key(name: PreparedName): string {
    const other = this.#otherKeys.get(name);
    if (other !== undefined) return other;
    let key = '';
    for (let i = this.#keyStart[name]!; i < this.#keyStart[name + 1]!; i++)
      key += String.fromCharCode(this.#keyPool[i]!);
    return key;
  }

  similar(a: PreparedName, b: PreparedName): boolean {
    const startA = this.#codeStart[a]!;
    const startB = this.#codeStart[b]!;
    const countA = this.#codeStart[a + 1]! - startA;
    const countB = this.#codeStart[b + 1]! - startB;
    // A key without words (none is made from a name) is like nothing; the same key, or keys with the
    // same trigrams, are alike.
    if (countA === 0 || countB === 0) return false;
    if (a === b) return true;
    // Most pairs (same birth date, another person) are told apart by their signatures alone: a bit of
    // one that the other lacks is a trigram it lacks, so `most` bounds the trigrams they share. Below
    // both the similarity threshold (8·shared ≥ 3·(nA + nB) is shared / (nA + nB − shared) ≥ 0.6) and
    // what containment needs (see below), they are not alike.
    const lowA = this.#low[a]!;
    const highA = this.#high[a]!;
    const lowB = this.#low[b]!;
    const highB = this.#high[b]!;
    const missingA = bitCount(lowA & ~lowB) + bitCount(highA & ~highB);
    const missingB = bitCount(lowB & ~lowA) + bitCount(highB & ~highA);
    const most = Math.min(countA - missingA, countB - missingB);
    const wordsA = this.#words[a]!;
    const wordsB = this.#words[b]!;
    if (8 * most < 3 * (countA + countB) && (most < 2 || (missingA > wordsA && missingB > wordsB))) {
      return false;
    }
    const shared = sharedCodes(this.#codePool, startA, countA, startB, countB);
    if (shared / (countA + countB - shared) >= SIMILARITY_THRESHOLD) return true;
    // One name's words all in the other's take a whole word in common, and a word of two or more
    // letters brings two trigrams ("  ab", " ab…"): below that, no need to split the keys into words.
    if (shared < 2) return false;
    // Nor when more trigrams of each name are missing from the other than it has words: every
    // trigram of a contained word is shared, and an initial ("s") misses only its last (" s ").
    if (countA - shared > wordsA && countB - shared > wordsB) return false;
    const [ta, tb] = [nameTokens(this.key(a)), nameTokens(this.key(b))];
    return ta.length <= tb.length ? containedIn(ta, tb) : containedIn(tb, ta);
  }

  /** The code of the trigram of these three UTF-16 units. */
  #code(c1: number, c2: number, c3: number): number {
    const latin = c1 < 256 && c2 < 256 && c3 < 256;
    const id = latin ? (c1 << 16) | (c2 << 8) | c3 : String.fromCharCode(c1, c2, c3);
    let c = latin ? this.#latinCodes.get(id as number) : this.#otherCodes.get(id as string);
    if (c === undefined) {
      if (this.#assigned < this.#codesMax) {
        c = ++this.#assigned;
        if (latin) this.#latinCodes.set(id as number, c);
        else this.#otherCodes.set(id as string, c);
      } else {
        const h = (((c1 * 31 + c2) >>> 0) * 31 + c3) >>> 0;
        c = this.#codesMax + 1 + (h % (0xffff - this.#codesMax));
      }
    }
    return c;
  }
}

const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/** The array, or a copy at least `length` long (half as long again, or more) when it is shorter. */
function grown<T extends Int32Array | Uint16Array | Uint8Array>(a: T, length: number): T {
  if (length <= a.length) return a;
  let n = Math.ceil(a.length * 1.5);
  while (n < length) n = Math.ceil(n * 1.5);
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

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

/** How many codes two names' sorted distinct codes (ranges of the pool) share. */
function sharedCodes(
  pool: Uint16Array,
  startA: number,
  countA: number,
  startB: number,
  countB: number,
): number {
  let shared = 0;
  let i = startA;
  let j = startB;
  const endA = startA + countA;
  const endB = startB + countB;
  while (i < endA && j < endB) {
    const x = pool[i]!;
    const y = pool[j]!;
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
