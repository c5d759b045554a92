// Which column holds what. Regencies send lists typed by hand, so the same column is headed
// "NIK", "No. KTP", "NOMOR INDUK KEPENDUDUKAN (16 digit)" or "nik_ktp"; headers are compared
// as letters and digits only, after dropping explanations in brackets.

import { cellText, squash } from './cells.js';

export type ImportField =
  | 'nik'
  | 'fullName'
  | 'sex'
  | 'birthPlace'
  | 'birthDate'
  | 'birthPlaceAndDate'
  | 'district'
  | 'village'
  | 'villageCode'
  | 'occupation'
  | 'phone'
  | 'motherMaidenName'
  | 'declaredIncome'
  | 'address'
  | 'rowNumber';

export interface ImportFieldInfo {
  field: ImportField;
  /** Column name as shown in the mapping screen. */
  label: string;
  /** What belongs in the column, for the mapping screen. */
  hint: string;
}

/** Every field a column can be mapped to, in the order a mapping screen should list them. */
export const IMPORT_FIELDS: readonly ImportFieldInfo[] = [
  { field: 'nik', label: 'NIK', hint: '16 angka sesuai KTP (wajib)' },
  { field: 'fullName', label: 'Nama Lengkap', hint: 'sesuai KTP (wajib)' },
  { field: 'sex', label: 'Jenis Kelamin', hint: 'L atau P (wajib)' },
  { field: 'birthPlace', label: 'Tempat Lahir', hint: 'misalnya Palembang' },
  { field: 'birthDate', label: 'Tanggal Lahir', hint: 'misalnya 17-08-1975 (wajib)' },
  {
    field: 'birthPlaceAndDate',
    label: 'Tempat/Tanggal Lahir',
    hint: 'tempat dan tanggal dalam satu kolom, misalnya Palembang, 17-08-1975',
  },
  { field: 'district', label: 'Kecamatan', hint: 'nama kecamatan domisili' },
  { field: 'village', label: 'Desa/Kelurahan', hint: 'nama desa atau kelurahan domisili' },
  { field: 'villageCode', label: 'Kode Desa/Kelurahan', hint: 'kode Kemendagri, misalnya 16.10.04.2005' },
  { field: 'occupation', label: 'Pekerjaan', hint: 'misalnya pedagang kaki lima, nelayan, ojek' },
  { field: 'phone', label: 'Nomor HP', hint: 'misalnya 0812-3456-7890' },
  { field: 'motherMaidenName', label: 'Nama Ibu Kandung', hint: 'sesuai Kartu Keluarga' },
  { field: 'declaredIncome', label: 'Penghasilan per Bulan', hint: 'dalam rupiah, misalnya 1.500.000' },
  { field: 'address', label: 'Alamat', hint: 'jalan, RT/RW, dusun' },
  { field: 'rowNumber', label: 'Nomor Urut', hint: 'tidak disimpan' },
];

// Fields the registry's own rules name that are not import columns.
const REGISTRY_FIELD_LABELS: Readonly<Record<string, string>> = {
  domicileCode: 'Domisili',
  consent: 'Persetujuan',
};

/**
 * The words the screens use for the field a finding is about ("Tanggal Lahir", not "birthDate"), for
 * the error report and anywhere else findings are written out; '' for a finding about the whole row.
 */
export function fieldLabel(field: string): string {
  const info = IMPORT_FIELDS.find((f) => f.field === field);
  if (info) return info.label;
  return REGISTRY_FIELD_LABELS[field] ?? (field === '' ? '' : 'Baris');
}

const ALIASES: Readonly<Record<ImportField, readonly string[]>> = {
  nik: [
    'nik',
    'noktp',
    'nomorktp',
    'nomorindukkependudukan',
    'noindukkependudukan',
    'nikktp',
    'nonik',
    'nomornik',
    'noktpnik',
    'niknoktp',
  ],
  fullName: [
    'nama',
    'namalengkap',
    'namapekerja',
    'namapeserta',
    'namasesuaiktp',
    'namalengkapsesuaiktp',
    'namatenagakerja',
    'namapekerjarentan',
  ],
  sex: ['jk', 'lp', 'jeniskelamin', 'kelamin', 'jenkel', 'sex', 'gender', 'jeniskelaminlp'],
  birthPlace: ['tempatlahir', 'tmptlahir', 'tmplahir', 'tptlahir', 'tempatlhr', 'kotalahir'],
  birthDate: ['tanggallahir', 'tgllahir', 'tgllhr', 'tanggallhr', 'tgllahirddmmyyyy', 'tanggallahirddmmyyyy'],
  birthPlaceAndDate: [
    'ttl',
    'tempattanggallahir',
    'tempattgllahir',
    'tmpttgllahir',
    'tmptgllahir',
    'tempattgllhr',
    'tempattanggallhr',
    'tempatdantanggallahir',
    'tempattglahir',
  ],
  district: ['kecamatan', 'kec', 'namakecamatan', 'kecamatandomisili'],
  village: [
    'desa',
    'kelurahan',
    'desakelurahan',
    'desakel',
    'kelurahandesa',
    'keldesa',
    'namadesa',
    'namakelurahan',
    'namadesakelurahan',
  ],
  villageCode: [
    'kodedesa',
    'kodewilayah',
    'kodekelurahan',
    'kodedesakelurahan',
    'kodedesakel',
    'kodekemendagri',
  ],
  occupation: ['pekerjaan', 'jenispekerjaan', 'pekerjaanutama', 'profesi', 'jenisusahapekerjaan'],
  phone: [
    'nohp',
    'nomorhp',
    'notelp',
    'notelepon',
    'nomortelepon',
    'nomortelp',
    'telepon',
    'telp',
    'hp',
    'wa',
    'nowa',
    'nomorwa',
    'hpwa',
    'nohpwa',
    'nomorhpwa',
    'handphone',
    'nohandphone',
    'kontak',
  ],
  motherMaidenName: ['namaibukandung', 'namaibu', 'ibukandung', 'namaibukandungpeserta'],
  declaredIncome: [
    'penghasilan',
    'pendapatan',
    'upah',
    'penghasilanperbulan',
    'pendapatanperbulan',
    'penghasilanbulanan',
    'pendapatanbulanan',
    'upahperbulan',
    'gaji',
  ],
  address: ['alamat', 'alamatlengkap', 'alamatdomisili', 'alamatrumah', 'alamattinggal'],
  rowNumber: ['no', 'nourut', 'nomor', 'nomorurut'],
};

// For headers that carry a tail the alias list cannot foresee ("NIK PEKERJA", "ALAMAT (RT/RW)
// JALAN"). Order matters: longer, more specific prefixes first ('namaibu' before 'namapekerja').
const PREFIXES: readonly (readonly [string, ImportField])[] = [
  ['namaibu', 'motherMaidenName'],
  ['ibukandung', 'motherMaidenName'],
  ['namalengkap', 'fullName'],
  ['namapekerja', 'fullName'],
  ['namapeserta', 'fullName'],
  ['tempattanggallahir', 'birthPlaceAndDate'],
  ['tempattgllahir', 'birthPlaceAndDate'],
  ['tanggallahir', 'birthDate'],
  ['tgllahir', 'birthDate'],
  ['tempatlahir', 'birthPlace'],
  ['jeniskelamin', 'sex'],
  ['kodedesa', 'villageCode'],
  ['kodekelurahan', 'villageCode'],
  ['kodewilayah', 'villageCode'],
  ['kecamatan', 'district'],
  ['desakelurahan', 'village'],
  ['jenispekerjaan', 'occupation'],
  ['pekerjaan', 'occupation'],
  ['nohp', 'phone'],
  ['nomorhp', 'phone'],
  ['notelp', 'phone'],
  ['nomortelepon', 'phone'],
  ['penghasilan', 'declaredIncome'],
  ['pendapatan', 'declaredIncome'],
  ['alamat', 'address'],
  ['nik', 'nik'],
];

const BY_ALIAS = new Map<string, ImportField>();
for (const [field, aliases] of Object.entries(ALIASES) as [ImportField, readonly string[]][]) {
  for (const alias of aliases) BY_ALIAS.set(alias, field);
}

const BRACKETED = /\([^)]*\)|\[[^\]]*\]/g;

/** The comparison key of a header: letters and digits only, bracketed explanations dropped. */
export function headerKey(header: string): string {
  return squash(header.replace(BRACKETED, ' ')) || squash(header);
}

/** The field a header names, or null. */
export function recogniseHeader(header: unknown): ImportField | null {
  if (typeof header !== 'string') return null;
  const key = headerKey(header);
  if (key === '') return null;
  const exact = BY_ALIAS.get(key);
  if (exact) return exact;
  for (const [prefix, field] of PREFIXES) if (key.startsWith(prefix)) return field;
  return null;
}

/**
 * Index of the header row: title rows ("DATA PEKERJA RENTAN KABUPATEN …") often sit above it.
 * The first row with at least 3 recognised headers, one of them NIK; null if none in the first
 * `maxScan` rows.
 */
export function findHeaderRow(rows: unknown[][], maxScan = 15): number | null {
  const last = Math.min(rows.length, maxScan);
  for (let i = 0; i < last; i++) {
    const row = rows[i];
    if (!row) continue;
    const seen = new Set<ImportField>();
    for (const cell of row) {
      const field = recogniseHeader(cell);
      if (field) seen.add(field);
    }
    if (seen.size >= 3 && seen.has('nik')) return i;
  }
  return null;
}

export interface HeaderMapping {
  /** Column index of each recognised field; the first column wins when a field repeats. */
  mapping: Partial<Record<ImportField, number>>;
  /** Non-empty headers that map to nothing (unrecognised, or a field already taken). */
  unmapped: { index: number; header: string }[];
}

/**
 * Maps header cells to fields. `override` (header text → field, or 'ignore') comes from the
 * mapping screen and beats automatic recognition; its keys are compared like headers, so
 * "No. HP" in the override matches "NO HP" in the file.
 */
export function mapHeaders(
  header: unknown[],
  override?: Record<string, ImportField | 'ignore'>,
): HeaderMapping {
  const chosen = new Map<string, ImportField | 'ignore'>();
  for (const [text, field] of Object.entries(override ?? {})) chosen.set(headerKey(text), field);

  const mapping: Partial<Record<ImportField, number>> = {};
  const unmapped: { index: number; header: string }[] = [];
  const texts = header.map((cell) => cellText(cell));

  // Overrides first, so a field chosen by hand is not taken by an earlier auto-recognised column.
  const decided = new Set<number>();
  texts.forEach((text, index) => {
    const choice = text === '' ? undefined : chosen.get(headerKey(text));
    if (choice === undefined) return;
    decided.add(index);
    if (choice === 'ignore') return;
    if (mapping[choice] === undefined) mapping[choice] = index;
    else unmapped.push({ index, header: text });
  });
  texts.forEach((text, index) => {
    if (text === '' || decided.has(index)) return;
    const field = recogniseHeader(text);
    if (field && mapping[field] === undefined) mapping[field] = index;
    else unmapped.push({ index, header: text });
  });
  unmapped.sort((a, b) => a.index - b.index);
  return { mapping, unmapped };
}

export interface MappingProblem {
  field: ImportField;
  code: 'COLUMN_MISSING';
  message: string;
}

/** Columns a file cannot do without; checked once per file, before any row. */
export function checkMapping(mapping: Partial<Record<ImportField, number>>): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const missing = (field: ImportField, what: string) =>
    problems.push({
      field,
      code: 'COLUMN_MISSING',
      message: `Kolom ${what} tidak ditemukan. Tambahkan kolom tersebut di file, atau pilih kolom yang sesuai pada pemetaan kolom.`,
    });
  if (mapping.nik === undefined) missing('nik', 'NIK');
  if (mapping.fullName === undefined) missing('fullName', 'Nama Lengkap');
  if (mapping.sex === undefined) missing('sex', 'Jenis Kelamin (L/P)');
  if (mapping.birthDate === undefined && mapping.birthPlaceAndDate === undefined)
    missing('birthDate', 'Tanggal Lahir (atau Tempat/Tanggal Lahir)');
  if (mapping.district === undefined && mapping.villageCode === undefined)
    missing('district', 'Kecamatan (atau Kode Desa/Kelurahan)');
  return problems;
}
