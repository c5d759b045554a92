#!/usr/bin/env node
// Finds every *.test.ts under src/ and test/, and the web app's pure-logic *.test.ts(x) under web/src/,
// and runs them with Node's own test runner (through tsx).
// Usage: node scripts/run-tests.mjs [--only=src|test|web|PATH_PREFIX] [extra node --test flags]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const passThrough = args.filter((a) => !a.startsWith('--only='));

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (/\.test\.tsx?$/.test(entry)) out.push(relative(root, full));
  }
  return out;
}

const files = ['src', 'test', 'web/src']
  .flatMap((d) => walk(join(root, d)))
  .filter((f) => !only || f.startsWith(only))
  .sort();
if (files.length === 0) {
  console.error(`No test files found${only ? ` under ${only}` : ''}.`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', ...passThrough, ...files],
  { cwd: root, stdio: 'inherit' },
);
// Test databases are dropped by each test; the templates they were cloned from are dropped here.
spawnSync(process.execPath, ['--import', 'tsx', 'test/support/cleanup.ts'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
