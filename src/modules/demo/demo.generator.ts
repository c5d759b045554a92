import type { RegionCatalog } from '../../contracts/regions.js';
import type { Occupation } from '../../contracts/workers.js';
import { nameSearchKey } from '../../domain/names.js';
import type { WorkerFields } from '../workers/index.js';

/**
 * Realistic synthetic workers for a province: Indonesian names (with the spelling variants real
 * registers have), NIKs that agree with birth date and sex, villages of the province, the occupations
 * of DESIGN §1 weighted by the kind of region, and incomes. Deterministic for a given seed.
 */

const MALE = [
  'Ahmad',
  'Muhammad',
  'Budi',
  'Agus',
  'Andi',
  'Rudi',
  'Hendra',
  'Joko',
  'Dedi',
  'Eko',
  'Rizki',
  'Fajar',
  'Ilham',
  'Arif',
  'Yusuf',
  'Hasan',
  'Iwan',
  'Slamet',
  'Sugeng',
  'Darmawan',
  'Syahrial',
  'Zulkifli',
  'Firman',
  'Herman',
  'Rahmat',
  'Wahyu',
  'Doni',
  'Bayu',
  'Taufik',
  'Saiful',
  'Anton',
  'Jefri',
  'Heru',
  'Imam',
  'Kms.',
];
const FEMALE = [
  'Siti',
  'Nur',
  'Sri',
  'Dewi',
  'Rina',
  'Yuni',
  'Lestari',
  'Wati',
  'Aminah',
  'Fatimah',
  'Rohani',
  'Maryam',
  'Nurhayati',
  'Suryani',
  'Eka',
  'Indah',
  'Putri',
  'Ratna',
  'Yanti',
  'Desi',
  'Fitri',
  'Rahmawati',
  'Halimah',
  'Zubaidah',
  'Kartini',
  'Nyimas',
  'Erni',
  'Mega',
];
const MALE_LAST = [
  'Saputra',
  'Pratama',
  'Hidayat',
  'Santoso',
  'Setiawan',
  'Kurniawan',
  'Nugroho',
  'Syahputra',
  'Gunawan',
  'Wijaya',
  'Susanto',
  'Ramadhan',
  'Firmansyah',
  'Hakim',
  'Rahman',
  'Effendi',
  'Ismail',
  'Sulaiman',
  'Rizki',
  'Hamzah',
  'Anwar',
  'Basri',
  'Yusuf',
  'Fauzi',
];
const FEMALE_LAST = [
  'Aminah',
  'Wulandari',
  'Lestari',
  'Rahayu',
  'Handayani',
  'Sari',
  'Safitri',
  'Anggraini',
  'Puspita',
  'Yulianti',
  'Marlina',
  'Novita',
  'Hasanah',
  'Maulida',
  'Rohayati',
  'Zahra',
];
const MUHAMMAD_VARIANTS = ['Muhammad', 'Muhamad', 'Moh.', 'M.', 'Mochammad'];
const SITI_VARIANTS = ['Siti', 'Siti', 'Siti', 'Sity', 'Sitti'];

const URBAN: [Occupation, number][] = [
  ['pedagang_kaki_lima', 30],
  ['juru_parkir', 12],
  ['ojek', 10],
  ['ojek_online', 18],
  ['buruh_harian_lepas', 20],
  ['nelayan', 2],
  ['lainnya', 8],
];
const RURAL: [Occupation, number][] = [
  ['penyadap_karet', 25],
  ['buruh_tani', 25],
  ['buruh_harian_lepas', 15],
  ['nelayan', 10],
  ['buruh_panen_tebu', 6],
  ['pedagang_kaki_lima', 10],
  ['ojek', 6],
  ['lainnya', 3],
];
const OTHER_PROVINCES = ['33', '35', '32', '18', '15', '17'];

export type Rng = () => number;

/** mulberry32: small, fast and good enough for synthetic data. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
function weighted<T>(r: Rng, list: readonly [T, number][]): T {
  const total = list.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of list) {
    x -= w;
    if (x < 0) return v;
  }
  return list[list.length - 1]![0];
}
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const placeName = (name: string) => name.replace(/^(Kabupaten|Kota) /, '');

export interface DemoOptions {
  provinceCode: string;
  seed?: number;
  now: Date;
  /** Recorded as who took consent. */
  recordedBy: string;
}

export interface DemoGenerator {
  next(): Omit<WorkerFields, 'source'>;
}

export function demoGenerator(catalog: RegionCatalog, opts: DemoOptions): DemoGenerator {
  const r = rng(opts.seed ?? 1608);
  const regencies = catalog.children(opts.provinceCode);
  const villagesByRegency = regencies.map((reg) => ({
    regency: reg,
    urban: reg.name.startsWith('Kota'),
    villages: catalog.children(reg.code).flatMap((d) => {
      const vs = catalog.children(d.code);
      return vs.length > 0 ? vs : [d];
    }),
  }));
  const otherDistricts = OTHER_PROVINCES.filter((p) => catalog.hasProvince(p)).flatMap((p) =>
    catalog.children(p).flatMap((reg) => catalog.children(reg.code)),
  );
  // Palembang holds about a fifth of the province's people.
  const regencyWeights = villagesByRegency.map(
    (v) => [v, v.urban && v.regency.code.endsWith('.71') ? 5 : 1] as const,
  );
  const serials = new Map<string, number>();
  const nowYear = opts.now.getUTCFullYear();
  const fixed = [
    { name: 'Siti Aminah', sex: 'P' as const, regency: `${opts.provinceCode}.71` },
    { name: 'Muhammad Rizki', sex: 'L' as const, regency: `${opts.provinceCode}.71` },
  ];
  let count = 0;

  function fullName(sex: 'L' | 'P'): string {
    if (sex === 'L') {
      const first = pick(r, MALE);
      const f = first === 'Muhammad' ? pick(r, MUHAMMAD_VARIANTS) : first;
      return r() < 0.15 ? f : `${f} ${pick(r, MALE_LAST)}`;
    }
    const first = pick(r, FEMALE);
    const f = first === 'Siti' ? pick(r, SITI_VARIANTS) : first;
    return r() < 0.15 ? f : `${f} ${pick(r, FEMALE_LAST)}`;
  }

  return {
    next() {
      const preset = fixed[count];
      count++;
      const sex: 'L' | 'P' = preset?.sex ?? (r() < 0.58 ? 'L' : 'P');
      const name = preset?.name ?? fullName(sex);
      const home =
        (preset && villagesByRegency.find((v) => v.regency.code === preset.regency)) ??
        weighted(
          r,
          regencyWeights.map(([v, w]) => [v, w] as [typeof v, number]),
        );
      const village = pick(r, home.villages);
      const districtCode = village.code.split('.').slice(0, 3).join('.');
      // Most NIKs were issued where the person lives; some moved within the province, some came from elsewhere.
      const issuedIn =
        r() < 0.8
          ? districtCode
          : r() < 0.6 || otherDistricts.length === 0
            ? pick(
                r,
                villagesByRegency.flatMap((v) => catalog.children(v.regency.code)),
              ).code
            : pick(r, otherDistricts).code;
      const age = 17 + Math.floor(r() * 47);
      const year = nowYear - age - 1;
      const month = 1 + Math.floor(r() * 12);
      const day = 1 + Math.floor(r() * 28);
      const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
      const prefix = `${issuedIn.replaceAll('.', '')}${pad(sex === 'P' ? day + 40 : day, 2)}${pad(month, 2)}${pad(year % 100, 2)}`;
      const serial = (serials.get(prefix) ?? 0) + 1;
      serials.set(prefix, serial);
      const occupation = weighted(r, home.urban ? URBAN : RURAL);
      const income = r() < 0.1 ? null : Math.round((600_000 + r() * r() * 4_000_000) / 50_000) * 50_000;
      const given = new Date(opts.now.getTime() - Math.floor(r() * 365) * 86_400_000);
      const fields: Omit<WorkerFields, 'source'> = {
        nik: `${prefix}${pad(serial, 4)}`,
        full_name: name,
        name_key: nameSearchKey(name),
        sex,
        birth_place: placeName(catalog.get(issuedIn.slice(0, 5))?.name ?? home.regency.name),
        birth_date: birthDate,
        mother_maiden_name: `${pick(r, FEMALE)} ${pick(r, FEMALE_LAST)}`,
        phone: r() < 0.7 ? `+628${pick(r, ['1', '2', '5', '7', '9'])}${pad(Math.floor(r() * 1e9), 9)}` : null,
        address: `RT ${pad(1 + Math.floor(r() * 20), 3)}/RW ${pad(1 + Math.floor(r() * 8), 3)}`,
        province_code: opts.provinceCode,
        regency_code: home.regency.code,
        district_code: districtCode,
        village_code: village.level === 'village' ? village.code : null,
        occupation,
        declared_income: income,
        in_welfare_register: r() < 0.4,
        has_disability: r() < 0.03,
        is_female_head_of_household: sex === 'P' && r() < 0.12,
        consent_method: weighted(r, [
          ['tanda_tangan', 6],
          ['cap_jempol', 2],
          ['lisan', 1],
          ['digital', 2],
        ] as [string, number][]),
        consent_given_at: given,
        consent_recorded_by: opts.recordedBy,
      };
      return fields;
    },
  };
}
