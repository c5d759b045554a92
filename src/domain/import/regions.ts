// Where a listed worker lives, from what the list says: a village code, or district and village
// names as people write them ("Kec. Indralaya Utara", "Ds. Tanjung Gelam", "Ilir Barat II").
// The lookups are built once per import and answers are remembered, because a million rows name
// a few thousand villages.

import type { Region, RegionCatalog } from '../../contracts/regions.js';
import { cellText, editDistance, quote, words } from './cells.js';

export interface DomicileInput {
  district?: unknown;
  village?: unknown;
  villageCode?: unknown;
}

export interface DomicileIssue {
  field: 'district' | 'village' | 'villageCode';
  code: string;
  message: string;
}

export type DomicileResult =
  | { ok: true; code: string; warnings: readonly DomicileIssue[] }
  | ({ ok: false } & DomicileIssue);

/** Resolves one row's domicile. Results are shared and frozen: copy before changing. */
export type DomicileResolver = (input: DomicileInput) => DomicileResult;

const DISTRICT_PREFIXES = new Set(['kecamatan', 'kec', 'kac']);
const VILLAGE_PREFIXES = new Set(['desa', 'kelurahan', 'kel', 'ds', 'kelurahandesa', 'desakelurahan']);
// Numbers in names are written as words, digits or Roman numerals: "Ilir Barat Dua" = "Ilir
// Barat II" = "Ilir Barat 2"; Palembang's "Dua-puluh-enam Ilir Satu" is "26 Ilir I".
const numbered = (names: readonly string[]) => new Map(names.map((w, i) => [w, i + 1] as const));
const UNITS = numbered(['satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan']);
const ROMAN = numbered(['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x']);
const TENS = new Map([
  ['sepuluh', 10],
  ['sebelas', 11],
]);

const WHITESPACE = /\s+/g;
const CODE = /^(\d{2})\.?(\d{2})(?:\.?(\d{2})(?:\.?(\d{4}))?)?$/;
const MEMO_LIMIT = 50_000;
const SUGGESTIONS = 3;

interface NameIndex {
  full: Map<string, Region[]>;
  stripped: Map<string, Region[]>;
}

/** Comparison keys: whole name, and without a leading "Kecamatan"/"Desa"/… (same when none). */
function nameKeys(name: string, prefixes: ReadonlySet<string>): [string, string] {
  const tokens = numbersAsDigits(words(name).split(' '));
  let start = 0;
  while (start < tokens.length - 1 && prefixes.has(tokens[start]!)) start++;
  return [tokens.join(''), tokens.slice(start).join('')];
}

function numbersAsDigits(input: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const t = input[i]!;
    const unit = UNITS.get(t);
    if (unit !== undefined) {
      const next = input[i + 1];
      if (next === 'belas') {
        out.push(String(10 + unit));
        i++;
      } else if (next === 'puluh') {
        const ones = UNITS.get(input[i + 2] ?? '');
        out.push(String(unit * 10 + (ones ?? 0)));
        i += ones === undefined ? 1 : 2;
      } else out.push(String(unit));
      continue;
    }
    const n = TENS.get(t) ?? ROMAN.get(t);
    out.push(n === undefined ? t : String(n));
  }
  return out;
}

function buildIndex(regions: readonly Region[], prefixes: ReadonlySet<string>): NameIndex {
  const index: NameIndex = { full: new Map(), stripped: new Map() };
  const add = (map: Map<string, Region[]>, key: string, r: Region) => {
    const list = map.get(key);
    if (!list) map.set(key, [r]);
    else if (!list.includes(r)) list.push(r);
  };
  for (const r of regions) {
    const [full, stripped] = nameKeys(r.name, prefixes);
    add(index.full, full, r);
    add(index.stripped, stripped, r);
  }
  return index;
}

function lookup(index: NameIndex, name: string, prefixes: ReadonlySet<string>): Region[] {
  const [full, stripped] = nameKeys(name, prefixes);
  return index.full.get(full) ?? index.full.get(stripped) ?? index.stripped.get(stripped) ?? [];
}

function districtsUnder(catalog: RegionCatalog, code: string): Region[] {
  const region = catalog.get(code);
  if (!region) return [];
  if (region.level === 'district') return [region];
  if (region.level === 'regency') return catalog.children(code);
  if (region.level === 'province') return catalog.children(code).flatMap((r) => catalog.children(r.code));
  return [];
}

function regionLabel(r: Region): string {
  return r.level === 'province'
    ? `Provinsi ${r.name}`
    : r.level === 'district'
      ? `Kecamatan ${r.name}`
      : r.name;
}

function ok(code: string, warnings: readonly DomicileIssue[] = []): DomicileResult {
  return Object.freeze({ ok: true, code, warnings: Object.freeze(warnings) });
}

function error(field: DomicileIssue['field'], code: string, message: string): DomicileResult {
  return Object.freeze({ ok: false, field, code, message });
}

/** Names from `candidates` closest to `name`, for "did you mean" hints. */
function closest(name: string, candidates: readonly Region[], prefixes: ReadonlySet<string>): string[] {
  const [, key] = nameKeys(name, prefixes);
  const limit = Math.max(2, Math.floor(key.length / 3));
  return candidates
    .map((r) => ({ r, d: editDistance(key, nameKeys(r.name, prefixes)[1]) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.r.name.localeCompare(b.r.name))
    .slice(0, SUGGESTIONS)
    .map((x) => x.r.name);
}

/**
 * A resolver for imports into `regionCode` (a province '16' or a regency '16.10'): district and
 * village names are looked up inside it only. Throws if the code is not a province, regency or
 * district of the catalog — a programming error, not a row error.
 */
export function createDomicileResolver(catalog: RegionCatalog, regionCode: string): DomicileResolver {
  const scope = catalog.get(regionCode);
  if (!scope || scope.level === 'village') {
    throw new Error(`Import scope must be a province, regency or district code; got ${regionCode}`);
  }
  const scopeLabel = regionLabel(scope);
  const inScope = (code: string) => code === regionCode || code.startsWith(`${regionCode}.`);
  const districts = districtsUnder(catalog, regionCode);
  const districtIndex = buildIndex(districts, DISTRICT_PREFIXES);
  const villageIndexes = new Map<string, NameIndex>();
  const villagesOf = (district: string) => {
    let index = villageIndexes.get(district);
    if (!index) {
      index = buildIndex(catalog.children(district), VILLAGE_PREFIXES);
      villageIndexes.set(district, index);
    }
    return index;
  };
  // Only needed when a row names no district, or a district outside the scope; built on demand.
  let scopeVillages: NameIndex | undefined;
  let provinceDistricts: NameIndex | undefined;

  const memo = new Map<string, DomicileResult>();

  function findVillage(district: Region, village: string): Region[] {
    return lookup(villagesOf(district.code), village, VILLAGE_PREFIXES);
  }

  function withVillage(district: Region, village: string): DomicileResult {
    if (village === '') {
      return ok(district.code, [
        {
          field: 'village',
          code: 'VILLAGE_MISSING',
          message:
            `Desa/kelurahan belum diisi, jadi domisili dicatat sampai Kecamatan ${district.name} saja. ` +
            'Isi nama desa/kelurahan agar domisili lengkap.',
        },
      ]);
    }
    const found = findVillage(district, village);
    if (found.length === 1) return ok(found[0]!.code);
    const hints = found.length > 1 ? [] : closest(village, catalog.children(district.code), VILLAGE_PREFIXES);
    const hint = hints.length > 0 ? ` Mungkin maksudnya: ${hints.join(', ')}.` : '';
    return ok(district.code, [
      {
        field: 'village',
        code: found.length > 1 ? 'VILLAGE_AMBIGUOUS' : 'VILLAGE_NOT_FOUND',
        message:
          (found.length > 1
            ? `Ada lebih dari satu desa/kelurahan bernama ${quote(village)} di Kecamatan ${district.name}`
            : `Desa/kelurahan ${quote(village)} tidak ditemukan di Kecamatan ${district.name}`) +
          `, jadi domisili dicatat sampai kecamatan saja.${hint} Perbaiki nama desa/kelurahan ` +
          'atau isi kolom Kode Desa agar domisili lengkap.',
      },
    ]);
  }

  function fromCode(text: string): DomicileResult {
    const m = CODE.exec(text.replace(WHITESPACE, ''));
    const code = m ? [m[1], m[2], m[3], m[4]].filter((p) => p !== undefined).join('.') : null;
    const region = code ? catalog.get(code) : undefined;
    if (!code || (region && region.level !== 'village' && region.level !== 'district')) {
      return error(
        'villageCode',
        'VILLAGE_CODE_INVALID',
        `Kode desa ${quote(text)} tidak sah. Tulis kode desa/kelurahan Kemendagri 10 angka, misalnya 16.10.04.2005, atau kosongkan kolom ini dan isi nama kecamatan dan desa.`,
      );
    }
    if (!region) {
      return error(
        'villageCode',
        'VILLAGE_CODE_NOT_FOUND',
        `Kode desa ${code} tidak ada dalam daftar wilayah Kemendagri. Periksa kembali kodenya, atau kosongkan kolom ini dan isi nama kecamatan dan desa.`,
      );
    }
    if (!inScope(code)) {
      const where = catalog
        .path(code)
        .slice(1)
        .reverse()
        .map((r) => (r.level === 'district' ? `Kecamatan ${r.name}` : r.name))
        .join(', ');
      return error(
        'villageCode',
        'DOMICILE_OUT_OF_REGION',
        `Kode desa ${code} (${where}) berada di luar wilayah ${scopeLabel}. Data pekerja yang berdomisili di luar ${scopeLabel} diunggah oleh wilayahnya sendiri; periksa kembali kodenya.`,
      );
    }
    return ok(code);
  }

  function outsideHint(name: string): string {
    if (scope!.level === 'province') return '';
    const province = regionCode.slice(0, 2);
    provinceDistricts ??= buildIndex(districtsUnder(catalog, province), DISTRICT_PREFIXES);
    const elsewhere = lookup(provinceDistricts, name, DISTRICT_PREFIXES).filter((r) => !inScope(r.code));
    if (elsewhere.length === 0) return '';
    const regencies = elsewhere.map((r) => catalog.get(r.parentCode ?? '')?.name ?? r.parentCode).join(', ');
    return ` Kecamatan ${elsewhere[0]!.name} ada di ${regencies}, di luar ${scopeLabel}; data pekerja di sana diunggah oleh wilayahnya sendiri.`;
  }

  function fromDistrictName(name: string, village: string): DomicileResult {
    const m = CODE.exec(name.replace(WHITESPACE, ''));
    if (m && m[3] !== undefined && m[4] === undefined) {
      const code = `${m[1]}.${m[2]}.${m[3]}`;
      const region = catalog.get(code);
      if (region?.level === 'district' && inScope(code)) return withVillage(region, village);
      if (region?.level === 'district') {
        return error(
          'district',
          'DOMICILE_OUT_OF_REGION',
          `Kode kecamatan ${code} (${region.name}) berada di luar wilayah ${scopeLabel}. Periksa kembali kodenya, atau tulis nama kecamatan.`,
        );
      }
      return error(
        'district',
        'DISTRICT_NOT_FOUND',
        `Kode kecamatan ${code} tidak ada dalam daftar wilayah Kemendagri. Periksa kembali kodenya, atau tulis nama kecamatan.`,
      );
    }
    const found = lookup(districtIndex, name, DISTRICT_PREFIXES);
    if (found.length === 1) return withVillage(found[0]!, village);
    if (found.length > 1) {
      // The same district name in two regencies of the province: the village may settle it.
      const settled = village === '' ? [] : found.filter((d) => findVillage(d, village).length === 1);
      if (settled.length === 1) return withVillage(settled[0]!, village);
      const regencies = found.map((d) => catalog.get(d.parentCode ?? '')?.name ?? d.parentCode).join(', ');
      return error(
        'district',
        'DISTRICT_AMBIGUOUS',
        `Kecamatan ${quote(name)} ada di lebih dari satu kabupaten/kota di ${scopeLabel}: ${regencies}. ` +
          'Isi kolom Kode Desa, atau isi nama desa/kelurahan dengan benar agar kecamatannya dapat ditentukan.',
      );
    }
    const suggestions = closest(name, districts, DISTRICT_PREFIXES);
    const hint = suggestions.length > 0 ? ` Mungkin maksudnya: ${suggestions.join(', ')}.` : '';
    return error(
      'district',
      'DISTRICT_NOT_FOUND',
      `Kecamatan ${quote(name)} tidak ditemukan di ${scopeLabel}.${hint}${outsideHint(name)} ` +
        'Perbaiki ejaan nama kecamatan sesuai daftar wilayah Kemendagri, atau isi kolom Kode Desa.',
    );
  }

  function fromVillageOnly(village: string): DomicileResult {
    const missing = `Kecamatan belum diisi. Isi nama kecamatan domisili di ${scopeLabel}, atau isi kolom Kode Desa.`;
    if (village === '') return error('district', 'DISTRICT_MISSING', missing);
    scopeVillages ??= buildIndex(
      districts.flatMap((d) => catalog.children(d.code)),
      VILLAGE_PREFIXES,
    );
    const found = lookup(scopeVillages, village, VILLAGE_PREFIXES);
    if (found.length === 1) return ok(found[0]!.code);
    const why =
      found.length > 1
        ? ` Desa/kelurahan ${quote(village)} ada di beberapa kecamatan, jadi kecamatannya harus diisi.`
        : '';
    return error('district', 'DISTRICT_MISSING', missing + why);
  }

  function resolve(codeText: string, district: string, village: string): DomicileResult {
    if (codeText !== '') {
      const byCode = fromCode(codeText);
      // A district code in the code column still lets the village name narrow it down.
      if (byCode.ok && byCode.code.length === 8) return withVillage(catalog.get(byCode.code)!, village);
      return byCode;
    }
    if (district !== '') return fromDistrictName(district, village);
    return fromVillageOnly(village);
  }

  return (input) => {
    const codeText = cellText(input.villageCode);
    const district = cellText(input.district);
    const village = cellText(input.village);
    const key = `${codeText}\u0001${district}\u0001${village}`;
    let result = memo.get(key);
    if (!result) {
      result = resolve(codeText, district, village);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, result);
    }
    return result;
  };
}

const resolvers = new WeakMap<RegionCatalog, Map<string, DomicileResolver>>();

/** One-off resolution; reuses a resolver per catalog and region, so it is cheap to call often. */
export function resolveDomicile(
  input: DomicileInput,
  scope: { regionCode: string },
  catalog: RegionCatalog,
): DomicileResult {
  let byRegion = resolvers.get(catalog);
  if (!byRegion) {
    byRegion = new Map();
    resolvers.set(catalog, byRegion);
  }
  let resolver = byRegion.get(scope.regionCode);
  if (!resolver) {
    resolver = createDomicileResolver(catalog, scope.regionCode);
    byRegion.set(scope.regionCode, resolver);
  }
  return resolver(input);
}
