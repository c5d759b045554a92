import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, test } from 'node:test';
import { localFileStore } from './index.js';
import { storeUpload } from './upload.js';

const dir = mkdtempSync(join(tmpdir(), 'payung-upload-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const files = localFileStore(dir);
const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

test('a file within the limit is stored whole; every byte passes onChunk', async () => {
  let seen = '';
  const size = await storeUpload(files, 'a/ok.csv', chunks('NIK,NAMA\n', '1671'), {
    maxBytes: 13,
    onChunk: (c) => {
      seen += c.toString();
    },
  });
  assert.equal(size, 13);
  assert.equal(seen, 'NIK,NAMA\n1671');
  assert.equal(readFileSync(await files.localPath('a/ok.csv'), 'utf8'), 'NIK,NAMA\n1671');
});

test('one byte past the limit: 413 PAYLOAD_TOO_LARGE naming the limit in MB', async () => {
  await assert.rejects(storeUpload(files, 'a/big.csv', chunks('NIK,NAMA\n', '16711'), { maxBytes: 13 }), {
    code: 'PAYLOAD_TOO_LARGE',
  });
});

test('a file the multipart parser cut off (truncated) is refused even if what arrived fits', async () => {
  const source = Object.assign(chunks('NIK'), { truncated: true });
  await assert.rejects(storeUpload(files, 'a/cut.csv', source, { maxBytes: 100 }), {
    code: 'PAYLOAD_TOO_LARGE',
  });
});

test('an empty file: 422 FILE_EMPTY', async () => {
  await assert.rejects(storeUpload(files, 'a/empty.csv', chunks(), { maxBytes: 100 }), {
    code: 'FILE_EMPTY',
    message: 'Berkas kosong.',
  });
});
