import { nikFor } from './factories.js';

/** One row of a regency's worker list, as an operator would type it. */
export interface SheetPerson {
  nik: string;
  name: string;
  sex: string;
  birthPlace: string;
  birthDate: string;
  district: string;
  village: string;
  occupation: string;
  phone: string;
  mother: string;
  income: string;
}

let counter = 0;

/** A valid person in Palembang (Kec. Ilir Barat Dua, Kel. 35 Ilir) unless overridden. */
export function aPerson(o: Partial<SheetPerson> = {}): SheetPerson {
  counter++;
  const sex = o.sex ?? (counter % 2 ? 'P' : 'L');
  // 10,080 distinct birth dates, then the next NIK serial: every person gets a NIK of their own.
  const n = counter % 10_080;
  const d = String((n % 28) + 1).padStart(2, '0');
  const m = String((Math.floor(n / 28) % 12) + 1).padStart(2, '0');
  const y = String(1970 + Math.floor(n / 336));
  return {
    nik: nikFor(`${y}-${m}-${d}`, sex === 'P' ? 'P' : 'L', '167101', 5001 + Math.floor(counter / 10_080)),
    name: `Pekerja Contoh ${counter}`,
    sex,
    birthPlace: 'Palembang',
    birthDate: `${d}-${m}-${y}`,
    district: 'Ilir Barat Dua',
    village: 'Tiga-puluh-lima Ilir',
    occupation: 'Pedagang Kaki Lima',
    phone: '0812-3456-7890',
    mother: 'Fatimah',
    income: 'Rp 1.500.000',
    ...o,
  };
}

export const HEADER = [
  'NO',
  'NIK',
  'NAMA LENGKAP',
  'JK',
  'TEMPAT LAHIR',
  'TANGGAL LAHIR',
  'KECAMATAN',
  'DESA/KELURAHAN',
  'PEKERJAAN',
  'NO HP',
  'NAMA IBU KANDUNG',
  'PENGHASILAN',
];

export function personCells(p: SheetPerson, i: number): string[] {
  return [
    String(i + 1),
    p.nik,
    p.name,
    p.sex,
    p.birthPlace,
    p.birthDate,
    p.district,
    p.village,
    p.occupation,
    p.phone,
    p.mother,
    p.income,
  ];
}

const q = (s: string) => (/[",;\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** A CSV as regencies send them: a title row, a blank row, the header, the people, a totals row. */
export function workerCsv(
  people: SheetPerson[],
  opts: { delimiter?: ',' | ';'; title?: boolean; totals?: boolean } = {},
): string {
  const d = opts.delimiter ?? ',';
  const lines: string[] = [];
  if (opts.title !== false) lines.push(q('DATA PEKERJA RENTAN KOTA PALEMBANG TAHUN 2026'), '');
  lines.push(HEADER.join(d));
  people.forEach((p, i) => {
    lines.push(personCells(p, i).map(q).join(d));
  });
  if (opts.totals !== false) lines.push(['', 'JUMLAH', String(people.length)].join(d));
  return `${lines.join('\r\n')}\r\n`;
}

/** The same NIK with its serial (the last four digits) moved by `by`: another person born the same day. */
export function nikWithSerial(nik: string, by: number): string {
  return `${nik.slice(0, 12)}${String(Number(nik.slice(12)) + by).padStart(4, '0')}`;
}
