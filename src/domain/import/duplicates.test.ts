import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameSearchKey } from '../names.js';
import {
  duplicateKey,
  NameComparer,
  SIMILARITY_THRESHOLD,
  similarNames,
  trigramSignature,
  trigramSimilarity,
  trigrams,
} from './duplicates.js';

describe('duplicateKey', () => {
  it('is equal for the same name key and birth date only', () => {
    const a = duplicateKey(nameSearchKey('Moh. Rizki'), '1990-01-01');
    assert.equal(a, duplicateKey(nameSearchKey('Muhammad Rizky'), '1990-01-01'));
    assert.notEqual(a, duplicateKey(nameSearchKey('Muhammad Rizky'), '1990-01-02'));
    assert.notEqual(a, duplicateKey(nameSearchKey('Ahmad Rizki'), '1990-01-01'));
  });
});

describe('trigrams', () => {
  it('pads each word like pg_trgm', () => {
    assert.deepEqual([...trigrams('cat')].sort(), ['  c', ' ca', 'at ', 'cat']);
    assert.deepEqual([...trigrams('')], []);
  });

  it('gives pg_trgm’s similarity', () => {
    // SELECT similarity('word', 'two words') = 0.363636
    assert.equal(trigramSimilarity(trigrams('word'), trigrams('two words')).toFixed(6), '0.363636');
    assert.equal(trigramSimilarity(trigrams('budi'), trigrams('budi')), 1);
    assert.equal(trigramSimilarity(trigrams(''), trigrams('budi')), 0);
  });
});

describe('trigramSignature', () => {
  it("counts pg_trgm's distinct trigrams and sets one bit for each", () => {
    for (const key of ['a', 'ab', 'a b', 'anana', 'abababab', 'siti siti', 'budi 1100', 'muhammad rizki']) {
      const set = trigrams(key);
      let bits = 0n;
      for (const t of set)
        bits |= 1n << BigInt((t.charCodeAt(0) * 1089 + t.charCodeAt(1) * 33 + t.charCodeAt(2)) % 64);
      assert.deepEqual(
        trigramSignature(key),
        { signature: BigInt.asIntN(64, bits).toString(), count: set.size },
        key,
      );
    }
  });

  it('leaves keys pg_trgm might read otherwise to the database', () => {
    for (const key of ['', 'a  b', ' a', 'a ', 'A', 'jeanne-marie', 'жанна', 'x'.repeat(300)]) {
      assert.equal(trigramSignature(key), null, key);
    }
  });
});

describe('similarNames', () => {
  it('matches spelling variants through the search key', () => {
    assert.ok(similarNames('Moh. Rizki', 'Muhammad Rizky'));
    assert.ok(similarNames('Soekarno', 'Sukarno'));
    assert.ok(similarNames('ACHMAD DJOKO', 'ahmad joko'));
  });

  it('matches close spellings by trigram similarity', () => {
    assert.ok(similarNames('Suparman Hadi', 'Suparmanto Hadi'));
    assert.ok(similarNames('Sri Wahyuningsih', 'Sri Wahyuningsi'));
  });

  it('matches when one name’s words are all in the other', () => {
    assert.ok(similarNames('Siti Aminah', 'Siti Aminah Binti Ahmad'));
    assert.ok(similarNames('Aminah Siti', 'Siti Aminah'));
    assert.ok(similarNames('Budi S.', 'Budi Santoso'));
  });

  it('does not match different people', () => {
    assert.ok(!similarNames('Budi Santoso', 'Agus Salim'));
    assert.ok(!similarNames('Siti Aminah', 'Siti Rahmawati'));
    assert.ok(!similarNames('A. S.', 'Agus Salim'));
    assert.ok(!similarNames('', 'Budi'));
  });
});

// The rule as written in words (similarNames' comment), on plain word lists and trigram sets.
function reference(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const contained = (few: string[], many: string[]) =>
    few.every((w) => many.includes(w) || (w.length === 1 && many.some((m) => m.startsWith(w)))) &&
    few.some((w) => w.length > 1 && many.includes(w));
  const [ta, tb] = [a.split(' '), b.split(' ')];
  if (ta.length <= tb.length ? contained(ta, tb) : contained(tb, ta)) return true;
  return trigramSimilarity(trigrams(a), trigrams(b)) >= SIMILARITY_THRESHOLD;
}

describe('NameComparer', () => {
  // Names of the same birth date as a regency's list has them: shared first names, variants, initials.
  const WORDS = [
    'siti',
    'aminah',
    'amina',
    'muhammad',
    'rizki',
    'riski',
    'budi',
    'b',
    'santoso',
    'nur',
    'nurul',
    'sri',
    'wahyuni',
    'wahyu',
    'a',
    'hadi',
    'suparman',
    'suparmin',
  ];
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const name = () =>
    Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => WORDS[Math.floor(random() * WORDS.length)]!,
    ).join(' ');

  it('agrees with the rule on thousands of pairs, with and without codes shared by hash', () => {
    const pairs = Array.from({ length: 5_000 }, () => [name(), name()] as const);
    const full = new NameComparer();
    let similar = 0;
    for (const [a, b] of pairs) {
      const expected = reference(a, b);
      if (expected) similar++;
      assert.equal(full.similar(full.prepare(a), full.prepare(b)), expected, `${a} / ${b}`);
    }
    assert.ok(similar > 200 && similar < 4_800, `the sample has both outcomes (${similar} similar)`);
  });

  it('agrees with the rule on unrelated and mistyped names, most told apart by their signatures alone', () => {
    // Names from syllables, as people's names vary: most pairs share little, some a word or a spelling.
    const SYLLABLES = [
      'su',
      'par',
      'man',
      'ti',
      'ni',
      'ah',
      'ri',
      'zki',
      'bu',
      'di',
      'san',
      'to',
      'so',
      'wa',
      'hyu',
    ];
    const word = () =>
      Array.from(
        { length: 1 + Math.floor(random() * 3) },
        () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]!,
      ).join('');
    const person = () => Array.from({ length: 1 + Math.floor(random() * 3) }, word).join(' ');
    // Or the same name mistyped: a letter dropped or changed, near the similarity threshold.
    const mistyped = (n: string) => {
      const at = Math.floor(random() * n.length);
      return (
        n.slice(0, at) +
        (random() < 0.5 ? '' : 'aiueo'[Math.floor(random() * 5)]) +
        n.slice(at + 1)
      ).trim();
    };
    const names = new NameComparer();
    let similar = 0;
    for (let i = 0; i < 40_000; i++) {
      const a = person();
      const b = random() < 0.5 ? person() : mistyped(a);
      const expected = reference(a, b);
      if (expected) similar++;
      assert.equal(names.similar(names.prepare(a), names.prepare(b)), expected, `${a} / ${b}`);
    }
    assert.ok(similar > 400 && similar < 39_000, `the sample has both outcomes (${similar} similar)`);
  });

  it('still compares, approximately, past the trigrams it has codes for', () => {
    // Room for 8 trigrams only: the rest share codes by hash.
    const tiny = new NameComparer({ distinctCodes: 8 });
    let agree = 0;
    for (let i = 0; i < 2_000; i++) {
      const [a, b] = [name(), name()];
      if (tiny.similar(tiny.prepare(a), tiny.prepare(b)) === reference(a, b)) agree++;
      assert.ok(tiny.similar(tiny.prepare(a), tiny.prepare(a)), 'a name is always like itself');
    }
    assert.ok(agree > 1_800, `${agree} of 2,000 pairs as the rule says`);
  });

  it('prepares a key once while it is recent, and gives every key back as it was', () => {
    const names = new NameComparer();
    const keys = ['siti aminah', 'budi santoso', 'siti aminah binti ahmad', 'jeanne-marie ñ', 'жанна', ''];
    const prepared = keys.map((k) => names.prepare(k));
    assert.deepEqual(
      keys.map((k) => names.prepare(k)),
      prepared,
    );
    assert.equal(new Set(prepared).size, keys.length);
    assert.deepEqual(
      prepared.map((n) => names.key(n)),
      keys,
    );
    // Past the last 100,000 keys a key is prepared again, as another name that is just as alike.
    for (let i = 0; i < 100_000; i++) names.prepare(`nama ${i}`);
    const again = names.prepare('siti aminah');
    assert.notEqual(again, prepared[0]);
    assert.ok(names.similar(again, prepared[0]!));
    assert.ok(names.similar(names.prepare('jeanne-marie ñ'), prepared[3]!));
  });
});
