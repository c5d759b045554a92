import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameSearchKey, nameTokens, normalizeName } from './names.js';

function assertSameKey(names: string[], expected?: string): void {
  const keys = names.map(nameSearchKey);
  for (const [i, key] of keys.entries()) {
    assert.equal(key, expected ?? keys[0], `${JSON.stringify(names[i])} → ${JSON.stringify(key)}`);
  }
}

describe('normalizeName', () => {
  it('trims and collapses whitespace', () => {
    assert.equal(normalizeName('  Siti   Aminah \t'), 'Siti Aminah');
    assert.equal(normalizeName('Siti\u00A0\nAminah'), 'Siti Aminah');
  });

  it('keeps capitalisation, punctuation and spelling as typed', () => {
    assert.equal(normalizeName('MOH. rizki'), 'MOH. rizki');
    assert.equal(normalizeName("Ni Luh Putu Ayu'"), "Ni Luh Putu Ayu'");
    assert.equal(normalizeName('Soekarno'), 'Soekarno');
    assert.equal(normalizeName(''), '');
  });
});

describe('nameSearchKey', () => {
  it('matches the Muhammad variants', () => {
    assertSameKey(['Muhammad Rizki', 'MUHAMAD  RIZKI', 'Moh. Rizki', 'M. Rizki'], 'muhammad rizki');
    assertSameKey(
      [
        'Muhammad',
        'Muhamad',
        'Muhammmad',
        'Mohammad',
        'Mohamad',
        'Mochammad',
        'Mochamad',
        'Muhamat',
        'Moh',
        'Moh.',
        'Muh',
        'Muh.',
        'Mhd.',
      ].map((m) => `${m} Yusuf`),
      'muhammad yusuf',
    );
  });

  it('reads M. as Muhammad only when it opens a longer name', () => {
    assert.equal(nameSearchKey('M.Rizki'), 'muhammad rizki');
    assert.equal(nameSearchKey('M'), 'm');
    assert.equal(nameSearchKey('Rizki M.'), 'rizki m');
  });

  it('matches the Siti variants', () => {
    assertSameKey(['Siti Aminah', 'Sity Aminah', 'Sitti Aminah', ' siti   aminah '], 'siti aminah');
  });

  it('folds Noor into Nur but keeps Nurul apart', () => {
    assertSameKey(['Nur Hasanah', 'Noor Hasanah'], 'nur hasanah');
    assert.equal(nameSearchKey('Nurul Hasanah'), 'nurul hasanah');
  });

  it('gives accented and plain spellings the same key, and keeps digits and runs of digits', () => {
    assertSameKey(['José Sitì', 'Jose Siti', 'JOSÉ  SITI'], 'jose siti');
    assertSameKey(['Aaa-Bb', 'Ââ bb'], 'a b');
    assert.equal(nameSearchKey('Budi 1100'), 'budi 1100');
  });

  it('treats words that name properties of plain objects as plain words', () => {
    assert.equal(nameSearchKey('Constructor Tostring'), 'constructor tostring');
    assert.equal(nameSearchKey('__proto__'), 'proto');
  });

  it('reads old spelling as new', () => {
    assertSameKey(['Soekarno', 'Sukarno'], 'sukarno');
    assertSameKey(['Djoko', 'Joko'], 'joko');
    assertSameKey(['Tjahjo Koemolo', 'Cahyo Kumolo'], 'cahyo kumolo');
    assertSameKey(['Soedjono', 'Sujono']);
    assertSameKey(['Sjahrir', 'Syahrir']);
    assertSameKey(['Njoman', 'Nyoman']);
    assertSameKey(['Djojohadikusumo', 'Joyohadikusumo']);
  });

  it('leaves modern j and mid-word nj alone', () => {
    assert.equal(nameSearchKey('Panji Sanjaya'), 'panji sanjaya');
    assert.equal(nameSearchKey('Joko Wijaya'), 'joko wijaya');
  });

  it('matches Ahmad, Achmad and Akhmad (and Chairul/Khairul/Hairul)', () => {
    assertSameKey(['Ahmad', 'Achmad', 'Akhmad', 'Ahmat'], 'ahmad');
    assertSameKey(['Chairul', 'Khairul', 'Hairul']);
  });

  it('collapses doubled letters and a final y', () => {
    assertSameKey(['Anna', 'Ana']);
    assertSameKey(['Rizky', 'Rizki']);
    assertSameKey(['Dedy', 'Deddy', 'Dedi']);
  });

  it('strips diacritics, punctuation and case', () => {
    assert.equal(nameSearchKey('  René  O’Neil, S.Pd. '), 'rene o neil s pd');
    assert.equal(nameSearchKey('Abdul-Rahman`s'), 'abdul rahman s');
    assert.equal(nameSearchKey(''), '');
    assert.equal(nameSearchKey(' . , '), '');
  });

  it('keeps different names different', () => {
    assert.notEqual(nameSearchKey('Siti Aminah'), nameSearchKey('Siti Aisyah'));
    assert.notEqual(nameSearchKey('Muhammad Rizki'), nameSearchKey('Ahmad Rizki'));
    assert.notEqual(nameSearchKey('Nur'), nameSearchKey('Nurul'));
  });

  it('is idempotent, so stored keys and query keys agree', () => {
    for (const name of [
      'Muhammad Rizki',
      'M. Rizki',
      'Sitti Aminah',
      'Soekarno',
      'Tjahjo Koemolo',
      'Achmad Dhani',
      'Noor',
      'Rizky',
      'Sjahrir',
    ]) {
      const key = nameSearchKey(name);
      assert.equal(nameSearchKey(key), key, name);
    }
  });
});

describe('nameTokens', () => {
  it('splits a key into tokens', () => {
    assert.deepEqual(nameTokens(nameSearchKey('Moh.  Rizki Pratama')), ['muhammad', 'rizki', 'pratama']);
    assert.deepEqual(nameTokens(''), []);
    assert.deepEqual(nameTokens(' a  b '), ['a', 'b']);
  });
});
