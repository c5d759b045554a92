import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Region } from '../../contracts/regions.js';
import { buildCatalog, regionCatalog } from '../../modules/regions/index.js';
import { createDomicileResolver, type DomicileResult, resolveDomicile } from './regions.js';

const catalog = regionCatalog();
const oganIlir = createDomicileResolver(catalog, '16.10');
const palembang = createDomicileResolver(catalog, '16.71');
const sumsel = createDomicileResolver(catalog, '16');

function code(r: DomicileResult): string {
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  return r.code;
}
function okWithWarning(r: DomicileResult, warning: string): string {
  assert.ok(r.ok, r.ok ? '' : `${r.code}: ${r.message}`);
  assert.deepEqual(
    r.warnings.map((w) => w.code),
    [warning],
  );
  return r.code;
}
function failure(r: DomicileResult): { field: string; code: string; message: string } {
  assert.ok(!r.ok, `expected a failure, got ${JSON.stringify(r)}`);
  assert.match(r.message, /\b(periksa|perbaiki|isi|tulis)\b/i);
  return r;
}

describe('createDomicileResolver — by name', () => {
  it('finds district and village ignoring case, spacing and prefixes', () => {
    const inputs = [
      { district: 'Indralaya', village: 'Tanjung Gelam' },
      { district: 'INDRALAYA', village: 'TANJUNG GELAM' },
      { district: 'Kec. Indralaya', village: 'Desa Tanjung Gelam' },
      { district: 'Kecamatan  Indralaya ', village: 'Ds. Tanjung-Gelam' },
      { district: 'kec indralaya', village: 'Kel. Tanjunggelam' },
    ];
    for (const input of inputs) assert.equal(code(oganIlir(input)), '16.10.04.2006', JSON.stringify(input));
  });

  it('reads numbers as words, digits or Roman numerals', () => {
    assert.equal(code(palembang({ district: 'Ilir Barat II', village: '35 Ilir' })), '16.71.01.1001');
    assert.equal(
      code(palembang({ district: 'Ilir Barat 2', village: 'Tiga Puluh Lima Ilir' })),
      '16.71.01.1001',
    );
    assert.equal(code(palembang({ district: 'Ilir Barat I', village: '26 Ilir I' })), '16.71.04.1003');
    assert.equal(code(palembang({ district: 'Seberang Ulu I', village: '3-4 Ulu' })), '16.71.02.1004');
    assert.equal(code(palembang({ district: 'Jakabaring', village: '9/10 Ulu' })), '16.71.17.1002');
  });

  it('accepts a district code in the district column', () => {
    assert.equal(code(oganIlir({ district: '16.10.04', village: 'Tanjung Gelam' })), '16.10.04.2006');
    assert.equal(code(oganIlir({ district: '161004', village: 'Tanjung Gelam' })), '16.10.04.2006');
    assert.equal(failure(oganIlir({ district: '16.71.01' })).code, 'DOMICILE_OUT_OF_REGION');
    assert.equal(failure(oganIlir({ district: '16.10.99' })).code, 'DISTRICT_NOT_FOUND');
  });

  it('looks in the whole province when the scope is a province', () => {
    assert.equal(code(sumsel({ district: 'Indralaya', village: 'Tanjung Gelam' })), '16.10.04.2006');
    assert.equal(code(sumsel({ district: 'Sukarami', village: '' })), '16.71.07');
  });

  it('accepts a known district with an unknown village, with a warning and suggestions', () => {
    const r = oganIlir({ district: 'Indralaya', village: 'Tanjung Gelem' });
    assert.equal(okWithWarning(r, 'VILLAGE_NOT_FOUND'), '16.10.04');
    assert.ok(r.ok);
    assert.equal(r.warnings[0]?.field, 'village');
    assert.match(r.warnings[0]?.message ?? '', /Mungkin maksudnya: Tanjung Gelam/);
    assert.match(r.warnings[0]?.message ?? '', /Kecamatan Indralaya/);
  });

  it('accepts a district without a village, with a warning', () => {
    assert.equal(okWithWarning(oganIlir({ district: 'Indralaya' }), 'VILLAGE_MISSING'), '16.10.04');
    assert.equal(
      okWithWarning(oganIlir({ district: 'Indralaya', village: '-' }), 'VILLAGE_MISSING'),
      '16.10.04',
    );
  });

  it('rejects a district not in the region, naming the region and close names', () => {
    const r = failure(oganIlir({ district: 'Indralya', village: 'Tanjung Gelam' }));
    assert.equal(r.code, 'DISTRICT_NOT_FOUND');
    assert.equal(r.field, 'district');
    assert.match(r.message, /"Indralya" tidak ditemukan di Kabupaten Ogan Ilir/);
    assert.match(r.message, /Mungkin maksudnya: Indralaya/);
  });

  it('says where a district of another regency of the province is', () => {
    const r = failure(oganIlir({ district: 'Sukarami', village: 'Talang Betutu' }));
    assert.equal(r.code, 'DISTRICT_NOT_FOUND');
    assert.match(r.message, /Kota Palembang, di luar Kabupaten Ogan Ilir/);
  });

  it('finds the district from a village name that is unique in the region', () => {
    assert.equal(code(oganIlir({ village: 'Tanjung Gelam' })), '16.10.04.2006');
  });

  it('asks for the district when the village name alone is not enough', () => {
    const ambiguous = failure(oganIlir({ village: 'Sukananti' }));
    assert.equal(ambiguous.code, 'DISTRICT_MISSING');
    assert.match(ambiguous.message, /beberapa kecamatan/);
    assert.equal(failure(oganIlir({ village: 'Antah Berantah' })).code, 'DISTRICT_MISSING');
    assert.equal(failure(oganIlir({})).code, 'DISTRICT_MISSING');
  });
});

describe('createDomicileResolver — by village code', () => {
  it('takes the code in any usual form', () => {
    assert.equal(code(oganIlir({ villageCode: '16.10.04.2006' })), '16.10.04.2006');
    assert.equal(code(oganIlir({ villageCode: '1610042006' })), '16.10.04.2006');
    assert.equal(code(oganIlir({ villageCode: 1610042006 })), '16.10.04.2006');
  });

  it('lets the code win over names', () => {
    assert.equal(
      code(oganIlir({ villageCode: '16.10.04.2006', district: 'Salah', village: 'Salah' })),
      '16.10.04.2006',
    );
  });

  it('narrows a district code by the village name', () => {
    assert.equal(code(oganIlir({ villageCode: '16.10.04', village: 'Tanjung Gelam' })), '16.10.04.2006');
    assert.equal(okWithWarning(oganIlir({ villageCode: '16.10.04' }), 'VILLAGE_MISSING'), '16.10.04');
  });

  it('rejects a code outside the region', () => {
    const r = failure(oganIlir({ villageCode: '16.71.01.1001' }));
    assert.equal(r.code, 'DOMICILE_OUT_OF_REGION');
    assert.equal(r.field, 'villageCode');
    assert.match(r.message, /Tiga-puluh-lima Ilir, Kecamatan Ilir Barat Dua, Kota Palembang/);
    assert.match(r.message, /di luar wilayah Kabupaten Ogan Ilir/);
    assert.match(
      failure(oganIlir({ villageCode: '16.71.01' })).message,
      /\(Kecamatan Ilir Barat Dua, Kota Palembang\)/,
    );
  });

  it('rejects unknown and malformed codes', () => {
    assert.equal(failure(oganIlir({ villageCode: '16.10.04.9999' })).code, 'VILLAGE_CODE_NOT_FOUND');
    assert.equal(failure(oganIlir({ villageCode: 'desa 12' })).code, 'VILLAGE_CODE_INVALID');
    assert.equal(failure(oganIlir({ villageCode: '16.10' })).code, 'VILLAGE_CODE_INVALID');
  });
});

describe('createDomicileResolver — ambiguous district names', () => {
  const r = (code: string, name: string, level: Region['level'], parentCode: string | null): Region => ({
    code,
    name,
    level,
    parentCode,
  });
  const fake = buildCatalog(
    [
      r('99', 'Uji', 'province', null),
      r('99.01', 'Kabupaten Hulu', 'regency', '99'),
      r('99.02', 'Kabupaten Hilir', 'regency', '99'),
      r('99.01.01', 'Kuala', 'district', '99.01'),
      r('99.02.01', 'Kuala', 'district', '99.02'),
      r('99.01.01.2001', 'Desa Baru', 'village', '99.01.01'),
      r('99.01.01.2002', 'Baru', 'village', '99.01.01'),
      r('99.02.01.2001', 'Pasir', 'village', '99.02.01'),
      r('99.01.01.2003', 'Pasir', 'village', '99.01.01'),
      r('99.02.01.2002', 'Lumut', 'village', '99.02.01'),
    ],
    'test',
    '1',
  );
  const province = createDomicileResolver(fake, '99');

  it('says so when the name is in two regencies and nothing settles it', () => {
    const e = failure(province({ district: 'Kuala', village: 'Pasir' }));
    assert.equal(e.code, 'DISTRICT_AMBIGUOUS');
    assert.match(e.message, /Kabupaten Hulu, Kabupaten Hilir/);
    assert.match(e.message, /Provinsi Uji/);
  });

  it('lets a village found in only one of them settle it', () => {
    assert.equal(code(province({ district: 'Kuala', village: 'Lumut' })), '99.02.01.2002');
  });

  it('is not ambiguous inside one regency', () => {
    assert.equal(
      code(createDomicileResolver(fake, '99.01')({ district: 'Kuala', village: 'Pasir' })),
      '99.01.01.2003',
    );
  });

  it('tells a village named "Desa Baru" from one named "Baru"', () => {
    const hulu = createDomicileResolver(fake, '99.01');
    assert.equal(code(hulu({ district: 'Kuala', village: 'Desa Baru' })), '99.01.01.2001');
    assert.equal(code(hulu({ district: 'Kuala', village: 'Baru' })), '99.01.01.2002');
  });

  it('refuses a scope that is not a province, regency or district', () => {
    assert.throws(() => createDomicileResolver(fake, '98'));
    assert.throws(() => createDomicileResolver(fake, '99.01.01.2001'));
  });
});

describe('resolveDomicile', () => {
  it('resolves with a resolver kept per catalog and region', () => {
    const a = resolveDomicile(
      { district: 'Indralaya', village: 'Tanjung Gelam' },
      { regionCode: '16.10' },
      catalog,
    );
    const b = resolveDomicile(
      { district: 'Indralaya', village: 'Tanjung Gelam' },
      { regionCode: '16.10' },
      catalog,
    );
    assert.equal(code(a), '16.10.04.2006');
    assert.equal(a, b);
  });

  it('returns frozen results, since they are shared', () => {
    const res = oganIlir({ district: 'Indralaya', village: 'Nowhere' });
    assert.ok(Object.isFrozen(res));
    assert.ok(res.ok && Object.isFrozen(res.warnings));
  });
});
