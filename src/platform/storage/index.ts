import { createWriteStream, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Files the application keeps (uploaded import files; later card batches and reports), by key
 * (`imports/<id>.xlsx`). Local folder today; an object store (S3 and the like) is another
 * implementation of the same interface, so several app servers can share files.
 */
export interface FileStore {
  /** Writes the bytes under `key` (replacing any); returns how many were written. */
  put(key: string, source: Readable | AsyncIterable<Buffer>): Promise<number>;
  /**
   * A path on this machine to read `key` from (the file readers need random access: XLSX is a zip).
   * The local store answers its own file; a remote one would fetch a copy first.
   */
  localPath(key: string): Promise<string>;
  remove(key: string): Promise<void>;
}

/** Keys are paths of plain segments: never absolute, never `..`. */
function checkKey(key: string): string {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/.test(key))
    throw new Error(`Not a storage key: ${key}`);
  return key;
}

/**
 * Files in a folder (`<dataDir>/files`). A key stored before this store existed may be an absolute
 * path in that folder's parent: it is read where it is.
 */
export function localFileStore(root: string): FileStore {
  const base = resolve(root);
  const pathOf = (key: string) => {
    if (isAbsolute(key)) return key;
    const p = join(base, checkKey(key));
    if (!p.startsWith(base + sep)) throw new Error(`Not a storage key: ${key}`);
    return p;
  };
  return {
    async put(key, source) {
      const path = pathOf(key);
      mkdirSync(dirname(path), { recursive: true });
      let size = 0;
      await pipeline(
        source instanceof Readable ? source : Readable.from(source),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const c of chunks) {
            size += c.length;
            yield c;
          }
        },
        createWriteStream(path),
      );
      return size;
    },
    localPath: async (key) => pathOf(key),
    remove: (key) => rm(pathOf(key), { force: true }),
  };
}
