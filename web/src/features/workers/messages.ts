/** Words for the worker pages' dates, NIK checks and file choosers (Bahasa Indonesia first). */
export const workersId = {
  'form.dateHint': 'Tulis hh/bb/tttt, misalnya 17/08/1975.',
  'form.datePlaceholder': 'hh/bb/tttt',
  'form.dateInvalid': 'Tanggal tidak dikenali. Tulis hh/bb/tttt, misalnya 17/08/1975.',
  'form.consentDayHint': 'Tulis hh/bb/tttt. Kosongkan bila persetujuan diberikan hari ini.',
  'nik.tooShort': 'NIK harus 16 digit; yang terisi baru {n} digit. Periksa kembali KTP atau Kartu Keluarga.',
  'nik.tooLong': 'NIK harus 16 digit; yang terisi {n} digit. Hapus digit yang berlebih.',
  'nik.openRegistered': 'Buka data pekerja ini',
  'detail.notFoundTitle': 'Data pekerja tidak ditemukan',
  'file.choose': 'Pilih berkas…',
  'file.none': 'Belum ada berkas dipilih.',
  'file.chosen': 'Berkas dipilih: {name}',
} as const;

export const workersEn: Record<keyof typeof workersId, string> = {
  'form.dateHint': 'Write dd/mm/yyyy, e.g. 17/08/1975.',
  'form.datePlaceholder': 'dd/mm/yyyy',
  'form.dateInvalid': 'Date not recognised. Write dd/mm/yyyy, e.g. 17/08/1975.',
  'form.consentDayHint': 'Write dd/mm/yyyy. Leave empty if consent is given today.',
  'nik.tooShort': 'A NIK has 16 digits; only {n} typed so far. Check the ID card or family card.',
  'nik.tooLong': 'A NIK has 16 digits; {n} typed. Remove the extra digits.',
  'nik.openRegistered': 'Open this worker',
  'detail.notFoundTitle': 'Worker not found',
  'file.choose': 'Choose a file…',
  'file.none': 'No file chosen yet.',
  'file.chosen': 'File chosen: {name}',
};
