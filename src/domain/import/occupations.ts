// Free-text occupations ("PKL", "Jukir", "Driver Gojek", "penyadap karet") to the codes of
// OCCUPATIONS. A worker whose occupation is not recognised is still registered, as "lainnya",
// with a warning naming what was written so someone can correct it.

import { OCCUPATIONS, type Occupation } from '../../contracts/workers.js';
import { cellText, type Parsed, quote, words } from './cells.js';

const LABELS: Readonly<Record<Occupation, string>> = {
  pedagang_kaki_lima: 'pedagang kaki lima',
  juru_parkir: 'juru parkir',
  nelayan: 'nelayan',
  buruh_tani: 'buruh tani',
  penyadap_karet: 'penyadap karet',
  buruh_panen_tebu: 'buruh panen tebu',
  ojek: 'ojek',
  ojek_online: 'ojek online',
  buruh_harian_lepas: 'buruh harian lepas',
  lainnya: 'lainnya',
};

const KNOWN_LIST = OCCUPATIONS.filter((o) => o !== 'lainnya')
  .map((o) => LABELS[o])
  .join(', ');

// Tested in order on the text as lower-case words: the specific before the general ("ojek
// online" before "ojek", "petani karet" and "buruh tebu" before "buruh tani").
const RULES: readonly (readonly [RegExp, Occupation])[] = [
  [
    /\b(ojol|ojek online|ojek daring|ojek aplikasi|driver online|driver ojol|gojek|go jek|grab|maxim|shopee ?food|indrive|indriver)\b/,
    'ojek_online',
  ],
  [/\b(ojek|ojeg|ojek pangkalan)\b/, 'ojek'],
  [/\b(penyadap|sadap|petani karet|buruh karet|penderes|noreh|tukang motong karet)\b/, 'penyadap_karet'],
  [/\b(tebu|penebang tebu)\b/, 'buruh_panen_tebu'],
  [/\b(buruh tani|petani penggarap|penggarap|buruh kebun|buruh sawah|buruh perkebunan)\b/, 'buruh_tani'],
  [/\b(nelayan|penangkap ikan)\b/, 'nelayan'],
  [/\b(juru parkir|jukir|tukang parkir|parkir)\b/, 'juru_parkir'],
  [/\b(pkl|pedagang|kaki lima|berdagang|dagang|penjual|jualan)\b/, 'pedagang_kaki_lima'],
  [/\b(buruh harian|bhl|kuli|buruh lepas|harian lepas|serabutan)\b/, 'buruh_harian_lepas'],
  [/^(lainnya|lain lain|lain)$/, 'lainnya'],
];

// The occupation column holds a few dozen distinct texts per file; remembering them spares a
// million rows the rule scan. Bounded so a file of unique junk cannot grow it without limit.
const memo = new Map<string, Parsed<Occupation>>();
const MEMO_LIMIT = 5_000;

export function parseOccupation(v: unknown): Parsed<Occupation> {
  const raw = cellText(v);
  const cached = memo.get(raw);
  if (cached) return cached;
  const result = classify(raw);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(raw, result);
  return result;
}

function classify(raw: string): Parsed<Occupation> {
  if (raw === '') {
    return Object.freeze({
      ok: true,
      value: 'lainnya',
      warning: Object.freeze({
        code: 'OCCUPATION_MISSING',
        message:
          'Pekerjaan belum diisi, jadi dicatat sebagai "Lainnya". Isi kolom Pekerjaan, ' +
          `misalnya salah satu dari: ${KNOWN_LIST}.`,
      }),
    });
  }
  const text = words(raw);
  for (const [rule, occupation] of RULES) {
    if (rule.test(text)) return Object.freeze({ ok: true, value: occupation });
  }
  return Object.freeze({
    ok: true,
    value: 'lainnya',
    warning: Object.freeze({
      code: 'OCCUPATION_UNKNOWN',
      message:
        `Pekerjaan ${quote(raw)} tidak termasuk daftar pekerjaan, jadi dicatat sebagai "Lainnya". ` +
        `Bila pekerjaannya salah satu dari ${KNOWN_LIST}, tulis nama tersebut di kolom Pekerjaan.`,
    }),
  });
}

/** The Indonesian label of an occupation code, for messages. */
export function occupationLabel(o: Occupation): string {
  return LABELS[o];
}
