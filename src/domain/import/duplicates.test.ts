import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameSearchKey } from '../names.js';
import { duplicateKey, similarNames, trigramSimilarity, trigrams } from './duplicates.js';

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
