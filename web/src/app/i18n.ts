import { createContext, useContext } from 'react';
import type { Occupation } from '../../../src/contracts/workers.js';
import { IMPORT_FIELDS, type ImportField } from '../../../src/domain/import/headers.js';
import { IMPORT_FIELDS_EN } from '../features/imports/messages.js';
import { features } from '../features/index.js';

/** Every word on screen, Bahasa Indonesia first (DESIGN §8), English second. */
const core = {
  'app.name': 'Payung',
  'app.tagline': 'Perlindungan Pekerja Rentan',
  'skip.main': 'Langsung ke isi utama',
  'nav.label': 'Menu utama',
  'nav.menu': 'Menu',
  'nav.workers': 'Data Pekerja',
  'nav.imports': 'Impor Data',
  'nav.programmes': 'Program',
  'nav.invoices': 'Tagihan',
  'nav.cards': 'Kartu Peserta',
  'nav.claims': 'Klaim',
  'nav.coverage': 'Cakupan',
  'lang.label': 'Bahasa',
  'lang.switchTo': 'English',
  'lang.switchToLabel': 'Switch to English',
  'auth.title': 'Masuk ke Payung',
  'auth.intro': 'Masuk dengan akun petugas yang diberikan Disnakertrans.',
  'auth.email': 'Alamat e-mail',
  'auth.password': 'Kata sandi',
  'auth.submit': 'Masuk',
  'auth.signingIn': 'Sedang masuk…',
  'auth.logout': 'Keluar',
  'common.loading': 'Memuat…',
  'common.cancel': 'Batal',
  'common.back': 'Kembali ke Data Pekerja',
  'common.yes': 'Ya',
  'common.no': 'Tidak',
  'common.empty': '—',
  'common.required': 'wajib',
  'common.optional': 'opsional',
  'common.retry': 'Coba lagi',
  'error.network': 'Tidak dapat menghubungi server. Periksa koneksi internet, lalu coba lagi.',
  'error.summary': 'Periksa kembali isian berikut:',
  'error.notFound': 'Halaman tidak ditemukan.',
  'field.nik': 'NIK',
  'field.fullName': 'Nama lengkap',
  'field.sex': 'Jenis Kelamin',
  'field.birthPlace': 'Tempat lahir',
  'field.birthDate': 'Tanggal lahir',
  'field.birthPlaceDate': 'Tempat/Tanggal Lahir',
  'field.age': 'Umur',
  'field.motherMaidenName': 'Nama Ibu Kandung',
  'field.phone': 'Nomor HP/telepon',
  'field.address': 'Alamat',
  'field.domicile': 'Domisili',
  'field.regency': 'Kabupaten / Kota',
  'field.district': 'Kecamatan',
  'field.village': 'Desa / Kelurahan',
  'field.occupation': 'Pekerjaan',
  'field.declaredIncome': 'Penghasilan (dasar iuran)',
  'field.vulnerability': 'Kerentanan',
  'field.inWelfareRegister': 'Terdaftar di DTKS/DTSEN',
  'field.hasDisability': 'Penyandang disabilitas',
  'field.isFemaleHeadOfHousehold': 'Perempuan kepala keluarga',
  'field.consent': 'Persetujuan',
  'field.consentMethod': 'Cara persetujuan',
  'field.consentGivenAt': 'Waktu persetujuan',
  'field.consentRecordedBy': 'Dicatat oleh',
  'field.status': 'Status',
  'field.createdAt': 'Didaftarkan',
  'field.updatedAt': 'Terakhir diubah',
  'field.version': 'Versi data',
  'sex.L': 'Laki-laki',
  'sex.P': 'Perempuan',
  'status.active': 'Aktif',
  'status.inactive': 'Tidak Aktif',
  'status.all': 'Semua',
  'region.all': 'Semua',
  'region.choose': '— Pilih —',
  'region.loading': 'Memuat wilayah…',
  'consent.tanda_tangan': 'Tanda tangan',
  'consent.cap_jempol': 'Cap jempol',
  'consent.lisan': 'Lisan',
  'consent.digital': 'Digital',
  'search.title': 'Data Pekerja',
  'search.intro': 'Cari pekerja sektor informal yang sudah didata di wilayah kerja Anda.',
  'search.q': 'Cari nama atau NIK',
  'search.qHint': 'Nama boleh ditulis sebagian atau dengan ejaan lain; NIK harus 16 digit lengkap.',
  'search.filters': 'Saring',
  'search.ageMin': 'Umur minimal',
  'search.ageMax': 'Umur maksimal',
  'search.submit': 'Cari',
  'search.reset': 'Atur ulang',
  'search.add': 'Tambah Pekerja',
  'search.more': 'Muat lagi',
  'search.searching': 'Mencari…',
  'search.none': 'Tidak ada pekerja yang cocok. Coba ejaan lain atau longgarkan saringan.',
  'search.count': 'Menampilkan {n} pekerja',
  'search.countMore': 'Menampilkan {n} pekerja pertama; masih ada lagi.',
  'search.results': 'Hasil pencarian',
  'detail.title': 'Detail Pekerja',
  'detail.identity': 'Identitas',
  'detail.contact': 'Kontak dan Domisili',
  'detail.work': 'Pekerjaan',
  'detail.record': 'Catatan Data',
  'detail.edit': 'Ubah',
  'detail.deactivate': 'Nonaktifkan',
  'detail.saved': 'Tersimpan',
  'detail.noChanges': 'Tidak ada perubahan untuk disimpan.',
  'detail.deactivated': 'Pekerja dinonaktifkan.',
  'detail.inactiveSince': 'Tidak Aktif sejak {date}: {reason}',
  'detail.warnings': 'Perlu diperiksa:',
  'detail.masked': 'Sebagian data pribadi disamarkan sesuai peran Anda.',
  'detail.years': '{n} tahun',
  'deactivate.title': 'Nonaktifkan pekerja?',
  'deactivate.body':
    '{name} tidak akan muncul lagi di pencarian data aktif. Data tidak dihapus dan dapat dilihat dengan status "Semua".',
  'deactivate.reason': 'Alasan',
  'deactivate.reasonHint': 'Minimal 5 huruf, misalnya: pindah domisili ke luar provinsi.',
  'deactivate.confirm': 'Ya, nonaktifkan',
  'form.newTitle': 'Tambah Pekerja',
  'form.editTitle': 'Ubah Data Pekerja',
  'form.identity': 'Identitas',
  'form.contact': 'Kontak dan Domisili',
  'form.work': 'Pekerjaan dan Kerentanan',
  'form.consent': 'Persetujuan Pekerja',
  'form.consentConfirm':
    'Pekerja telah menyetujui datanya dicatat untuk pendaftaran jaminan sosial ketenagakerjaan.',
  'form.consentConfirmMissing': 'Pastikan pekerja sudah memberi persetujuan.',
  'form.consentGivenAtHint': 'Kosongkan bila persetujuan diberikan sekarang.',
  'form.domicileHint': 'Tempat tinggal sekarang, minimal sampai kecamatan; desa/kelurahan lebih baik.',
  'form.domicileTooCoarse': 'Pilih minimal kecamatan.',
  'form.incomeHint': 'Penghasilan per bulan dalam rupiah, tanpa titik pun boleh.',
  'form.incomeInvalid': 'Penghasilan harus berupa angka rupiah, misalnya 1.500.000.',
  'form.phoneHint': 'Contoh: 0812-3456-7890',
  'form.choose': '— Pilih —',
  'form.required': 'Wajib diisi.',
  'form.save': 'Simpan',
  'form.saving': 'Menyimpan…',
  'form.conflictTitle':
    'Data ini sudah diubah orang lain sejak Anda membukanya; perubahan Anda belum tersimpan.',
  'form.conflictReload': 'Muat ulang data terbaru',
  'form.conflictNote': 'Memuat ulang akan membuang perubahan yang belum tersimpan di formulir ini.',
  'nik.hint': '16 digit sesuai KTP atau Kartu Keluarga.',
  'nik.count': '{n} dari 16 digit',
  'nik.checking': 'Memeriksa NIK…',
  'nik.valid': 'NIK sesuai aturan penomoran.',
  'nik.invalid': 'NIK tidak sesuai aturan penomoran:',
  'nik.warnings': 'Perhatikan:',
  'nik.decoded': 'Dari NIK: tanggal lahir {date}, {sex}, diterbitkan di {region}.',
  'nik.issuedIn': 'diterbitkan di',
  'nik.prefilled': 'Jenis kelamin dan tanggal lahir diisi dari NIK; periksa kembali.',
  'nik.checkFailed': 'NIK belum dapat diperiksa sekarang.',
} as const;

// Each module's words live beside the others in messages/; together they are one dictionary.
/** The shell's own words (menu entries among them). */
export type CoreMessageKey = keyof typeof core;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;
/** The words every feature brings through its registration (features/index.ts). */
type FeatureWords = UnionToIntersection<(typeof features)[number]['messages']['id']>;
const featureWords = (lang: 'id' | 'en') =>
  Object.assign({}, ...features.map((f) => f.messages[lang])) as Record<keyof FeatureWords, string>;

const id = { ...core, ...(featureWords('id') as FeatureWords) };
export type MessageKey = keyof typeof id;
type Dictionary = Record<MessageKey, string>;

const coreEn: Record<keyof typeof core, string> = {
  'app.name': 'Payung',
  'app.tagline': 'Protection for vulnerable workers',
  'skip.main': 'Skip to main content',
  'nav.label': 'Main menu',
  'nav.menu': 'Menu',
  'nav.workers': 'Workers',
  'nav.imports': 'Import data',
  'nav.programmes': 'Programmes',
  'nav.invoices': 'Invoices',
  'nav.cards': 'Participant cards',
  'nav.claims': 'Claims',
  'nav.coverage': 'Coverage',
  'lang.label': 'Language',
  'lang.switchTo': 'Bahasa Indonesia',
  'lang.switchToLabel': 'Ganti ke Bahasa Indonesia',
  'auth.title': 'Sign in to Payung',
  'auth.intro': 'Sign in with the officer account given to you by the labour office.',
  'auth.email': 'E-mail address',
  'auth.password': 'Password',
  'auth.submit': 'Sign in',
  'auth.signingIn': 'Signing in…',
  'auth.logout': 'Sign out',
  'common.loading': 'Loading…',
  'common.cancel': 'Cancel',
  'common.back': 'Back to workers',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.empty': '—',
  'common.required': 'required',
  'common.optional': 'optional',
  'common.retry': 'Try again',
  'error.network': 'Cannot reach the server. Check the internet connection, then try again.',
  'error.summary': 'Please check the following:',
  'error.notFound': 'Page not found.',
  'field.nik': 'NIK (national ID number)',
  'field.fullName': 'Full name',
  'field.sex': 'Sex',
  'field.birthPlace': 'Place of birth',
  'field.birthDate': 'Date of birth',
  'field.birthPlaceDate': 'Place/date of birth',
  'field.age': 'Age',
  'field.motherMaidenName': "Mother's maiden name",
  'field.phone': 'Phone number',
  'field.address': 'Address',
  'field.domicile': 'Domicile',
  'field.regency': 'Regency / city',
  'field.district': 'District',
  'field.village': 'Village',
  'field.occupation': 'Occupation',
  'field.declaredIncome': 'Declared income (contribution base)',
  'field.vulnerability': 'Vulnerability',
  'field.inWelfareRegister': 'Listed in the welfare register (DTKS/DTSEN)',
  'field.hasDisability': 'Person with a disability',
  'field.isFemaleHeadOfHousehold': 'Female head of household',
  'field.consent': 'Consent',
  'field.consentMethod': 'How consent was given',
  'field.consentGivenAt': 'When consent was given',
  'field.consentRecordedBy': 'Recorded by',
  'field.status': 'Status',
  'field.createdAt': 'Registered',
  'field.updatedAt': 'Last changed',
  'field.version': 'Record version',
  'sex.L': 'Male',
  'sex.P': 'Female',
  'status.active': 'Active',
  'status.inactive': 'Inactive',
  'status.all': 'All',
  'region.all': 'All',
  'region.choose': '— Choose —',
  'region.loading': 'Loading regions…',
  'consent.tanda_tangan': 'Signature',
  'consent.cap_jempol': 'Thumbprint',
  'consent.lisan': 'Spoken',
  'consent.digital': 'Digital',
  'search.title': 'Workers',
  'search.intro': 'Find informal-sector workers already registered in your area.',
  'search.q': 'Search by name or NIK',
  'search.qHint': 'Names may be partial or spelled differently; a NIK must have all 16 digits.',
  'search.filters': 'Filters',
  'search.ageMin': 'Minimum age',
  'search.ageMax': 'Maximum age',
  'search.submit': 'Search',
  'search.reset': 'Reset',
  'search.add': 'Add worker',
  'search.more': 'Load more',
  'search.searching': 'Searching…',
  'search.none': 'No matching workers. Try another spelling or fewer filters.',
  'search.count': 'Workers found: {n}',
  'search.countMore': 'First {n} workers shown; there are more.',
  'search.results': 'Search results',
  'detail.title': 'Worker details',
  'detail.identity': 'Identity',
  'detail.contact': 'Contact and domicile',
  'detail.work': 'Work',
  'detail.record': 'Record',
  'detail.edit': 'Edit',
  'detail.deactivate': 'Deactivate',
  'detail.saved': 'Saved',
  'detail.noChanges': 'Nothing changed, nothing to save.',
  'detail.deactivated': 'Worker deactivated.',
  'detail.inactiveSince': 'Inactive since {date}: {reason}',
  'detail.warnings': 'Please check:',
  'detail.masked': 'Some personal data is masked for your role.',
  'detail.years': '{n} years',
  'deactivate.title': 'Deactivate this worker?',
  'deactivate.body':
    '{name} will no longer appear among active workers. Nothing is deleted; the record stays visible with status "All".',
  'deactivate.reason': 'Reason',
  'deactivate.reasonHint': 'At least 5 characters, e.g.: moved out of the province.',
  'deactivate.confirm': 'Yes, deactivate',
  'form.newTitle': 'Add worker',
  'form.editTitle': 'Edit worker',
  'form.identity': 'Identity',
  'form.contact': 'Contact and domicile',
  'form.work': 'Work and vulnerability',
  'form.consent': "Worker's consent",
  'form.consentConfirm':
    'The worker agreed that their data is recorded for employment social-security enrolment.',
  'form.consentConfirmMissing': 'Make sure the worker has given consent.',
  'form.consentGivenAtHint': 'Leave empty if consent is given now.',
  'form.domicileHint': 'Where the worker lives now, at least the district; the village is better.',
  'form.domicileTooCoarse': 'Choose at least a district.',
  'form.incomeHint': 'Monthly income in rupiah; dots are optional.',
  'form.incomeInvalid': 'Income must be an amount in rupiah, e.g. 1.500.000.',
  'form.phoneHint': 'Example: 0812-3456-7890',
  'form.choose': '— Choose —',
  'form.required': 'Required.',
  'form.save': 'Save',
  'form.saving': 'Saving…',
  'form.conflictTitle': 'Someone else changed this record since you opened it; your changes are not saved.',
  'form.conflictReload': 'Reload the latest data',
  'form.conflictNote': 'Reloading discards the unsaved changes in this form.',
  'nik.hint': '16 digits, as on the ID card or family card.',
  'nik.count': '{n} of 16 digits',
  'nik.checking': 'Checking the NIK…',
  'nik.valid': 'The NIK follows the numbering rules.',
  'nik.invalid': 'The NIK does not follow the numbering rules:',
  'nik.warnings': 'Note:',
  'nik.decoded': 'From the NIK: born {date}, {sex}, issued in {region}.',
  'nik.issuedIn': 'issued in',
  'nik.prefilled': 'Sex and date of birth were filled in from the NIK; please check them.',
  'nik.checkFailed': 'The NIK cannot be checked right now.',
};
const en: Dictionary = { ...coreEn, ...featureWords('en') };

const OCCUPATION_LABELS: Record<Lang, Record<Occupation, string>> = {
  id: {
    pedagang_kaki_lima: 'Pedagang Kaki Lima',
    juru_parkir: 'Juru Parkir',
    nelayan: 'Nelayan',
    buruh_tani: 'Buruh Tani',
    penyadap_karet: 'Penyadap Karet',
    buruh_panen_tebu: 'Buruh Panen Tebu',
    ojek: 'Ojek',
    ojek_online: 'Ojek Online',
    buruh_harian_lepas: 'Buruh Harian Lepas',
    lainnya: 'Lainnya',
  },
  en: {
    pedagang_kaki_lima: 'Street vendor',
    juru_parkir: 'Parking attendant',
    nelayan: 'Fisher',
    buruh_tani: 'Farm labourer',
    penyadap_karet: 'Rubber tapper',
    buruh_panen_tebu: 'Sugar-cane harvester',
    ojek: 'Motorcycle taxi (ojek)',
    ojek_online: 'Online motorcycle taxi',
    buruh_harian_lepas: 'Day labourer',
    lainnya: 'Other',
  },
};

export type Lang = 'id' | 'en';
const DICTIONARIES: Record<Lang, Dictionary> = { id, en };
const STORAGE_KEY = 'payung.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const dict = DICTIONARIES[lang];
  return (key, vars) => {
    const text = dict[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m)) : text;
  };
}

export function occupationLabel(lang: Lang, occupation: string): string {
  return OCCUPATION_LABELS[lang][occupation as Occupation] ?? occupation;
}

/** Whether a computed key (an audit action, a role) has words of its own. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(id, key);
}

/** A role in words ('regency_operator' → 'Operator Kabupaten/Kota'); an unknown one as it is. */
export function roleLabel(t: Translate, role: string): string {
  const key = `role.${role}`;
  return isMessageKey(key) ? t(key) : role;
}

/** The name and hint of an import field in the chosen language. */
export function importFieldText(lang: Lang, field: string): { label: string; hint: string } {
  if (lang === 'en' && Object.hasOwn(IMPORT_FIELDS_EN, field)) return IMPORT_FIELDS_EN[field as ImportField];
  const info = IMPORT_FIELDS.find((f) => f.field === field);
  return info ? { label: info.label, hint: info.hint } : { label: field, hint: '' };
}

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for this visit only.
  }
}

export interface I18n {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

export const I18nContext = createContext<I18n>({ lang: 'id', t: translator('id'), setLang: () => {} });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
