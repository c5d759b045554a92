// What a dry run or an import says about a row, in the words the report and the API show.
import { NIK_REGISTERED_MESSAGE } from '../../workers/index.js';
import type { RowResult } from '../imports.repo.js';

type Finding = RowResult['warnings'][number];

export const NIK_ALREADY_REGISTERED: Finding = {
  field: 'nik',
  code: 'NIK_ALREADY_REGISTERED',
  message:
    'Data Ganda: NIK ini sudah terdaftar di Payung; data yang ada tidak diubah. Pilih "perbarui data yang ada" bila ingin memperbaruinya.',
};
/**
 * A row whose NIK someone outside the actor's region holds: the words POST /workers answers (no name or
 * region of the holder), with whom to contact; each dry run that gives it is audited. A function: the
 * workers module may not be loaded yet when this file is (the modules import each other's index).
 */
export const nikRegisteredElsewhere = (): Finding => ({
  ...NIK_ALREADY_REGISTERED,
  message: NIK_REGISTERED_MESSAGE,
});
export const NIK_DUPLICATE_IN_FILE: Finding = {
  field: 'nik',
  code: 'NIK_DUPLICATE_IN_FILE',
  message: 'Data Ganda: NIK ini sudah muncul di baris sebelumnya dalam berkas yang sama; baris ini dilewati.',
};
export const UPDATED_EXISTING: Finding = {
  field: 'nik',
  code: 'UPDATED_EXISTING',
  message: 'NIK sudah terdaftar; datanya diperbarui dari berkas ini.',
};
/** Why a line that is not a person was left out (blank lines need no saying). */
export const SKIPPED = {
  totals: {
    field: '',
    code: 'TOTALS_ROW',
    message: 'Diabaikan: baris jumlah/total, bukan data pekerja.',
  },
  'column-numbers': {
    field: '',
    code: 'COLUMN_NUMBERS_ROW',
    message: 'Diabaikan: baris nomor kolom (1, 2, 3 …), bukan data pekerja.',
  },
} as const;
export const POSSIBLE_DUPLICATE_IN_FILE = 'POSSIBLE_DUPLICATE_IN_FILE';
export function possibleDuplicateInFile(similarRow: number): Finding {
  return {
    field: 'fullName',
    code: POSSIBLE_DUPLICATE_IN_FILE,
    message: `Kemungkinan Data Ganda dengan baris ${similarRow}: nama mirip dan tanggal lahir sama, NIK berbeda. Periksa kedua baris; bila orang yang sama, hapus salah satunya.`,
  };
}
export const POSSIBLE_DUPLICATE: Finding = {
  field: 'fullName',
  code: 'POSSIBLE_DUPLICATE',
  message:
    'Kemungkinan Data Ganda: sudah ada pekerja dengan nama mirip dan tanggal lahir sama tetapi NIK berbeda. Data tetap diterima dan masuk antrean Kemungkinan Data Ganda untuk diperiksa.',
};

/** A row result a statement wrote and returns, with whose row it is. */
export type ResultBack = {
  row_number: number;
  warnings: RowResult['warnings'];
  name: string | null;
  nik: string | null;
};

/** A result a statement returned, as the row result onRow reports. */
export function resultOf(x: ResultBack, status: RowResult['status']): RowResult {
  return { row: x.row_number, status, errors: [], warnings: x.warnings, name: x.name, nik: x.nik };
}
