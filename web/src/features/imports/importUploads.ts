import type { ImportUploaded } from './api.js';

// What the upload answered (the file's headers and sample rows) is needed by the mapping step, and the
// server does not repeat it later. It is kept in memory only: sample rows hold NIKs and names, which
// must not land in browser storage.
const uploads = new Map<string, ImportUploaded>();

export function rememberUpload(upload: ImportUploaded): void {
  uploads.set(upload.job.id, upload);
}

export function uploadOf(jobId: string): ImportUploaded | null {
  return uploads.get(jobId) ?? null;
}
