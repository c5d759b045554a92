import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import type { FileStore } from './index.js';

/**
 * Stores an uploaded file under `key`, refusing it past `maxBytes` (413 PAYLOAD_TOO_LARGE, also when the
 * multipart parser cut it off first) and when it is empty (422 FILE_EMPTY). `onChunk` sees every byte
 * on the way (a hash). Returns the size. On refusal the caller removes the key.
 */
export async function storeUpload(
  files: FileStore,
  key: string,
  source: Readable | AsyncIterable<Buffer>,
  opts: { maxBytes: number; onChunk?: (chunk: Buffer) => void },
): Promise<number> {
  const tooLarge = () =>
    new AppError(
      'PAYLOAD_TOO_LARGE',
      `Berkas lebih besar dari ${opts.maxBytes / 1048576} MB. Pecah menjadi beberapa berkas.`,
    );
  const size = await files.put(
    key,
    (async function* () {
      let seen = 0;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        seen += chunk.length;
        if (seen > opts.maxBytes) throw tooLarge();
        opts.onChunk?.(chunk);
        yield chunk;
      }
    })(),
  );
  if ((source as Readable & { truncated?: boolean }).truncated) throw tooLarge();
  if (size === 0) throw new AppError('FILE_EMPTY', 'Berkas kosong.');
  return size;
}
