#!/usr/bin/env node
// Entry point of the `payung` command. Runs the compiled CLI (npm ci builds it); in a checkout
// without a build it falls back to running the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api').catch(() => {
    console.error('Payung belum dibangun. Jalankan: npm run build');
    process.exit(1);
  });
  register();
  await import(new URL('../src/cli/main.ts', import.meta.url).href);
}
