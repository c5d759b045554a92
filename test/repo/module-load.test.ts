import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MODULES = join(import.meta.dirname, '../../src/modules');

// Module indexes import each other (access ↔ workers, audit → imports …); such a cycle is harmless only
// while no manifest reads another file's value at load time. Loading each index and each service as
// the first file of a fresh process catches the one that does ("Cannot access X before initialization"),
// whatever file a test or a command happens to load first.
const entries = readdirSync(MODULES).flatMap((m) =>
  readdirSync(join(MODULES, m))
    .filter((f) => f === 'index.ts' || f.endsWith('.service.ts'))
    .map((f) => join(MODULES, m, f)),
);

test('every module index and service loads as the first file of a process', async () => {
  assert.ok(entries.length > 8);
  const failures: string[] = [];
  // Two at a time: each is a node process compiling TypeScript.
  for (let i = 0; i < entries.length; i += 2) {
    await Promise.all(
      entries.slice(i, i + 2).map(async (file) => {
        try {
          await run(process.execPath, [
            '--import',
            'tsx',
            '-e',
            `await import(${JSON.stringify(pathToFileURL(file).href)})`,
          ]);
        } catch (e) {
          const stderr = String((e as { stderr?: string }).stderr ?? e);
          failures.push(`${file}: ${/\w*Error: .*/.exec(stderr)?.[0] ?? stderr.slice(0, 300)}`);
        }
      }),
    );
  }
  assert.deepEqual(failures, []);
});
