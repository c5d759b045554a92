import type { ErrorSpec } from './feature.js';

/**
 * The one error type services throw. `code` is stable (clients and tests match on it), `message` is for
 * people and in Bahasa Indonesia, `details` carries what a client needs to point at the problem.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * The platform's own error codes, with their HTTP status and default message. Each feature declares its
 * codes in its manifest (`errors`); the server folds both into one table (`errorTable`), and a code in
 * neither is a bug: it answers 500 INTERNAL and is logged, never a silent 400.
 */
export const PLATFORM_ERRORS = {
  VALIDATION_FAILED: { status: 422, message: 'Permintaan tidak valid.' },
  BAD_REQUEST: { status: 400, message: 'Permintaan tidak valid.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Jenis isi (Content-Type) tidak didukung.' },
  NOT_FOUND: { status: 404, message: 'Tidak ditemukan.' },
  UNAUTHENTICATED: { status: 401, message: 'Silakan masuk terlebih dahulu.' },
  CSRF_INVALID: { status: 403, message: 'Token keamanan (CSRF) tidak ada atau tidak cocok.' },
  FORBIDDEN: { status: 403, message: 'Peran Anda tidak berwenang melakukan tindakan ini.' },
  RATE_LIMITED: { status: 429, message: 'Terlalu banyak permintaan. Coba lagi nanti.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'Data yang dikirim terlalu besar.' },
  FILE_EMPTY: { status: 422, message: 'Berkas kosong.' },
  DATA_DIR_LOCKED: { status: 503, message: 'Folder data sedang dipakai proses lain.' },
  DATABASE_BUSY: { status: 503, message: 'Basis data sedang sibuk. Coba lagi sebentar lagi.' },
  DATABASE_UNAVAILABLE: { status: 503, message: 'Basis data tidak dapat dihubungi.' },
  SERVER_BUSY: { status: 503, message: 'Server sedang sibuk. Coba lagi sebentar lagi.' },
  INTERNAL: { status: 500, message: 'Terjadi kesalahan di server.' },
} as const satisfies Record<string, ErrorSpec>;

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
