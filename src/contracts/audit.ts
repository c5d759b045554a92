/**
 * What each audit action is called in Bahasa Indonesia: the audit viewer (web/src/messages/audit.ts)
 * and the audit CSV both name actions with these words, so a person reads the same label everywhere.
 */
export const AUDIT_ACTION_LABELS = {
  'worker.create': 'Pekerja didaftarkan',
  'worker.update': 'Data pekerja diubah',
  'worker.view': 'Data pekerja dibuka',
  'worker.lookup': 'Pekerja dicari dengan NIK',
  'worker.nikRegistered': 'Dijawab: NIK sudah terdaftar',
  'worker.search.limited': 'Pencarian pekerja dibatasi (terlalu sering)',
  'worker.deactivate': 'Pekerja dinonaktifkan',
  'worker.merge': 'Pekerja dinonaktifkan (digabung: orang yang sama)',
  'auth.login': 'Masuk',
  'auth.login_failed': 'Gagal masuk',
  'auth.locked': 'Masuk ditahan (terlalu sering gagal)',
  'auth.password_changed': 'Kata sandi diganti',
  'user.create': 'Pengguna ditambahkan',
  'user.update': 'Pengguna diubah',
  'user.reset_password': 'Kata sandi diatur ulang',
  'token.create': 'Token API dibuat',
  'token.revoke': 'Token API dicabut',
  'import.upload': 'Berkas impor diunggah',
  'import.layout': 'Baris awal berkas impor dibuka',
  'import.nikRegistered': 'Uji impor: NIK terdaftar di wilayah lain',
  'import.commit': 'Data diimpor',
  'import.report': 'Laporan impor diunduh',
  'audit.export': 'Jejak audit diunduh',
  'audit.read': 'Jejak audit dibaca',
  'audit.view': 'Nilai lengkap jejak audit dibuka',
  'audit.find': 'Pekerja dicari di jejak audit',
  'duplicate.merge': 'Kemungkinan Data Ganda: digabung',
  'duplicate.keep_both': 'Kemungkinan Data Ganda: keduanya disimpan',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

/** The label of an action, or the action's own code for one without a label. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action;
}

type Prefixed<T, P extends string> = { readonly [K in keyof T & string as `${P}${K}`]: T[K] };

/** The labels as message keys (`action.worker.create`) for the web app's typed dictionary. */
export function actionMessages<P extends string>(prefix: P): Prefixed<typeof AUDIT_ACTION_LABELS, P> {
  return Object.fromEntries(
    Object.entries(AUDIT_ACTION_LABELS).map(([k, v]) => [`${prefix}${k}`, v]),
  ) as Prefixed<typeof AUDIT_ACTION_LABELS, P>;
}
