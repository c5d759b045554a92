import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/platform/paths.js';

// Module boundaries (docs/ARCHITECTURE.md, "Features and module boundaries"):
// - a module is used from outside only through its public entry, src/modules/<m>/index.ts;
// - platform/, domain/ and contracts/ import no module (nor app.ts or features.ts, which import them all);
// - files loaded on a worker thread (a *.worker.ts and what it imports) may import another module's
//   file directly: its index would load the whole module, routes and all, onto the thread.

/** Relative specifiers of every static import, re-export and dynamic import in a file's text. */
export function importsOf(text: string, { typesToo = true } = {}): string[] {
  const found: string[] = [];
  const patterns = [
    typesToo
      ? /(?:^|[\n;])\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g
      : /(?:^|[\n;])\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) if (m[1]!.startsWith('.')) found.push(m[1]!);
  return found;
}

/** `src/x/y.js` (as written in an import) → the `.ts` file it names. */
function resolve(from: string, specifier: string): string {
  return posix.join(posix.dirname(from), specifier).replace(/\.js$/, '.ts');
}

const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const layerOf = (file: string) => /^src\/(platform|domain|contracts)\//.exec(file)?.[1];

/**
 * Files run on worker threads: each *.worker.ts and everything it loads, transitively (`import type`
 * loads nothing, so it is not followed).
 */
function workerThreadFiles(files: ReadonlyMap<string, string>): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !files.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(files.get(file)!, { typesToo: false })) visit(resolve(file, spec));
  };
  for (const file of files.keys()) if (/\.worker\.ts$/.test(file)) visit(file);
  return seen;
}

/** Every import crossing a boundary, as "file → target". */
export function crossings(files: ReadonlyMap<string, string>): string[] {
  const onThreads = workerThreadFiles(files);
  const out: string[] = [];
  for (const [file, text] of files) {
    for (const spec of importsOf(text)) {
      const target = resolve(file, spec);
      const targetModule = moduleOf(target);
      const line = `${file} → ${target}`;
      const intoRoot = target === 'src/app.ts' || target === 'src/features.ts';
      if (layerOf(file) && !isTest(file) && (targetModule || intoRoot)) {
        out.push(line);
      } else if (
        targetModule &&
        targetModule !== moduleOf(file) &&
        target !== `src/modules/${targetModule}/index.ts` &&
        !onThreads.has(file)
      ) {
        out.push(line);
      }
    }
  }
  return out;
}

function sourceFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) {
        files.set(relative(PROJECT_ROOT, path).split('\\').join('/'), readFileSync(path, 'utf8'));
      }
    }
  };
  walk(dir);
  return files;
}

test('src/** keeps its module boundaries', () => {
  const found = crossings(sourceFiles(join(PROJECT_ROOT, 'src')));
  assert.deepEqual(found, [], `imports crossing a module boundary:\n${found.join('\n')}`);
});

test('the check finds each kind of crossing', () => {
  const files = new Map([
    [
      'src/platform/http/x.ts',
      "import type { App } from '../../app.js';\nimport { a } from '../../modules/m/index.js';",
    ],
    ['src/contracts/c.ts', "export { b } from '../modules/m/m.repo.js';"],
    ['src/domain/d.test.ts', "import { a } from '../modules/m/index.js';"],
    [
      'src/modules/n/n.service.ts',
      "import {\n  a,\n  b,\n} from '../m/m.repo.js';\nimport { c } from '../m/index.js';\nimport { d } from './n.repo.js';\nconst e = await import('../m/m.rules.js');",
    ],
    ['src/modules/n/t.worker.ts', "import { f } from './t.js';"],
    ['src/modules/n/t.ts', "import { g } from '../m/m.rules.js';"],
    [
      'src/cli/z.ts',
      "import { h } from '../modules/m/m.service.js';\nimport { i } from '../modules/m/index.js';",
    ],
  ]);
  assert.deepEqual(crossings(files), [
    'src/platform/http/x.ts → src/app.ts',
    'src/platform/http/x.ts → src/modules/m/index.ts',
    'src/contracts/c.ts → src/modules/m/m.repo.ts',
    'src/modules/n/n.service.ts → src/modules/m/m.repo.ts',
    'src/modules/n/n.service.ts → src/modules/m/m.rules.ts',
    'src/cli/z.ts → src/modules/m/m.service.ts',
  ]);
});
