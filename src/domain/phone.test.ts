import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizePhone, type PhoneResult } from './phone.js';

function acceptedValue(result: PhoneResult): string {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.value;
}
function rejectionMessage(result: PhoneResult): string {
  assert.equal(result.ok, false, `expected PHONE_INVALID, got ${result.ok ? result.value : ''}`);
  if (result.ok) return '';
  assert.equal(result.code, 'PHONE_INVALID');
  assert.ok(result.messageEn.length > 20);
  return result.message;
}

describe('normalizePhone — accepted forms', () => {
  it('turns every way of writing a mobile number into +62…', () => {
    for (const input of [
      '081234567890',
      '0812-3456-7890',
      '0812 3456 7890',
      '0812.3456.7890',
      '62812 3456 7890',
      '6281234567890',
      '+62 812-3456-7890',
      '+6281234567890',
      '(+62) 812 3456 7890',
      '0062 812 3456 7890',
      '81234567890',
      ' 0812\u00A03456\u200B7890 ',
      '0812–3456–7890',
    ]) {
      assert.equal(acceptedValue(normalizePhone(input)), '+6281234567890', JSON.stringify(input));
    }
  });

  it('accepts landlines with an area code', () => {
    assert.equal(acceptedValue(normalizePhone('(0711) 123456')), '+62711123456');
    assert.equal(acceptedValue(normalizePhone('021-5551234')), '+62215551234');
    assert.equal(acceptedValue(normalizePhone('+62 21 5551 2345')), '+622155512345');
  });

  it('accepts 8 to 12 digits after +62', () => {
    assert.equal(acceptedValue(normalizePhone('081234567')), '+6281234567');
    assert.equal(acceptedValue(normalizePhone('0711 12345')), '+6271112345');
    assert.equal(acceptedValue(normalizePhone('0812 3456 7890 1')), '+62812345678901');
  });
});

describe('normalizePhone — rejected forms', () => {
  it('rejects an empty value', () => {
    assert.match(rejectionMessage(normalizePhone('')), /kosong/);
    assert.match(rejectionMessage(normalizePhone(' - ')), /kosong/);
  });

  it('rejects letters and other characters', () => {
    assert.match(rejectionMessage(normalizePhone('0812-3456-789O')), /hanya boleh berisi angka/);
    assert.match(rejectionMessage(normalizePhone('0812345678 / 0813456789')), /dua nomor/);
    assert.match(rejectionMessage(normalizePhone('0812+3456')), /hanya boleh berisi angka/);
  });

  it('rejects a 0 after the country code', () => {
    assert.match(rejectionMessage(normalizePhone('+62 0812-3456-7890')), /jangan tulis angka 0/);
    assert.match(rejectionMessage(normalizePhone('+62 (0)812 3456 7890')), /jangan tulis angka 0/);
    assert.match(rejectionMessage(normalizePhone('6208123456789')), /jangan tulis angka 0/);
  });

  it('rejects more than one leading 0', () => {
    assert.match(rejectionMessage(normalizePhone('00812345678')), /lebih dari satu angka 0/);
    assert.match(rejectionMessage(normalizePhone('0 0812345678')), /lebih dari satu angka 0/);
  });

  it('rejects foreign numbers', () => {
    assert.match(rejectionMessage(normalizePhone('+60 12-345 6789')), /Hanya nomor Indonesia/);
    assert.match(rejectionMessage(normalizePhone('+1 202 555 0100')), /Hanya nomor Indonesia/);
  });

  it('rejects numbers with no 0, 62 or mobile 8 in front', () => {
    assert.match(rejectionMessage(normalizePhone('123456')), /kode area/);
    assert.match(rejectionMessage(normalizePhone('711123456')), /diawali 0, 62 atau \+62/);
  });

  it('rejects too short and too long numbers and says how many digits were given', () => {
    assert.match(rejectionMessage(normalizePhone('0812345')), /terlalu pendek: 7 angka/);
    assert.match(rejectionMessage(normalizePhone('+62 812 345')), /terlalu pendek/);
    assert.match(rejectionMessage(normalizePhone('0812345678901234')), /terlalu panjang: 16 angka/);
    assert.match(rejectionMessage(normalizePhone('08123456789080812345')), /dua nomor tergabung/);
  });
});
