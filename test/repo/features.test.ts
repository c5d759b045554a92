import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { type Permission, ROLES } from '../../src/contracts/roles.js';
import { FEATURES } from '../../src/features.js';
import { PLATFORM_ERRORS } from '../../src/platform/errors.js';
import {
  type AnyFeature,
  auditLabelTable,
  commandTable,
  errorTable,
  grantTable,
  permissionList,
} from '../../src/platform/feature.js';
import { PROJECT_ROOT } from '../../src/platform/paths.js';

// The features' manifests (src/modules/<m>/index.ts, listed in src/features.ts) against the code:
// what a feature throws, writes to the audit trail and serves must be declared in its manifest.

function sources(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        files.set(relative(PROJECT_ROOT, path), readFileSync(path, 'utf8'));
      }
    }
  };
  walk(join(PROJECT_ROOT, 'src'));
  return files;
}

test('feature names are unique and every permission is declared by exactly one feature', () => {
  const names = FEATURES.map((f) => f.name);
  assert.equal(new Set(names).size, names.length, `feature names: ${names.join(', ')}`);
  permissionList(FEATURES); // refuses a permission declared twice
});

// `Permission` is the names the contracts files add to PermissionRegistry, never any string.
// @ts-expect-error: not a permission any feature declares
const notAPermission: Permission = 'no.such.permission';
void notAPermission;

test("the Permission type's names are the manifests' permissions", async () => {
  // Each contracts file adds its const list (`WORKER_PERMISSIONS`) to the type registry in contracts/roles.ts.
  const dir = join(PROJECT_ROOT, 'src', 'contracts');
  const listed: string[] = [];
  for (const file of readdirSync(dir).filter((f) => /^[\w-]+\.ts$/.test(f))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const merged = [...text.matchAll(/^\s*(?:export )?interface PermissionRegistry\b([^{]*)\{/gm)].map((m) =>
      m[1]!.trim(),
    );
    if (file === 'roles.ts') {
      assert.deepEqual(merged, [''], 'roles.ts declares the registry empty');
      continue;
    }
    const lists: Record<string, unknown> = await import(join(dir, file));
    for (const heritage of merged) {
      const name = /^extends Record<\(typeof (\w+)\)\[number\], true>$/.exec(heritage)?.[1];
      assert.ok(name, `${file}: PermissionRegistry extends Record<(typeof X_PERMISSIONS)[number], true>`);
      assert.ok(Array.isArray(lists[name]), `${file} exports ${name}, the list it registers`);
      listed.push(...(lists[name] as string[]));
    }
  }
  assert.deepEqual(permissionList(FEATURES).sort(), listed.sort());
});

test("every feature's permissions are granted to some role, or deliberately to none", () => {
  const grants = grantTable(FEATURES); // refuses grants of permissions the feature does not declare
  for (const f of FEATURES) {
    for (const p of f.permissions ?? []) {
      const holders = ROLES.filter((r) => grants[r].includes(p));
      const ungranted = (f.ungranted as Record<string, string> | undefined)?.[p];
      assert.ok(
        holders.length > 0 || ungranted,
        `${f.name}: ${p} is granted to no role (grant it, or say why in ungranted)`,
      );
      assert.ok(!(holders.length > 0 && ungranted), `${f.name}: ${p} is granted and listed as ungranted`);
    }
  }
});

test('every error code thrown has a status in the platform or a manifest', () => {
  const table = errorTable(FEATURES, PLATFORM_ERRORS); // refuses a code declared twice
  const thrown = new Map<string, string>();
  for (const [file, text] of sources()) {
    for (const m of text.matchAll(/new AppError\(\s*'([A-Z][A-Z0-9_]*)'/g)) thrown.set(m[1]!, file);
  }
  assert.ok(thrown.size > 10, 'the scan finds the codes thrown');
  const missing = [...thrown].filter(([code]) => !table[code]).map(([code, file]) => `${code} (${file})`);
  assert.deepEqual(missing, [], `error codes without a status: ${missing.join(', ')}`);
  for (const [code, spec] of Object.entries(table)) {
    assert.ok(
      Number.isInteger(spec.status) && spec.status >= 400 && spec.status < 600,
      `${code}: ${spec.status}`,
    );
    assert.ok(spec.message.length > 0, `${code} has a default message`);
  }
});

test('every audit action written has a label, and the web app reads the same labels', () => {
  const labels = auditLabelTable(FEATURES); // refuses an action declared twice
  const written = new Map<string, string>();
  for (const [file, text] of sources()) {
    for (const m of text.matchAll(/\baction:\s*([^,\n}]+)/g)) {
      for (const q of m[1]!.matchAll(/'([a-z][\w.]*)'/g)) written.set(q[1]!, file);
      // A template (`duplicate.${decision}`): some label must carry its fixed part.
      const template = /`([a-z][\w.]*)\$\{/.exec(m[1]!);
      if (template) written.set(`${template[1]}*`, file);
    }
  }
  assert.ok(written.size > 10, 'the scan finds the actions written');
  const missing = [...written]
    .filter(([action]) =>
      action.endsWith('*')
        ? !Object.keys(labels).some((k) => k.startsWith(action.slice(0, -1)))
        : !Object.hasOwn(labels, action),
    )
    .map(([action, file]) => `${action} (${file})`);
  assert.deepEqual(missing, [], `audit actions without a label: ${missing.join(', ')}`);
  for (const [action, label] of Object.entries(labels)) {
    assert.ok(label.id && label.en, `${action} is labelled in Bahasa Indonesia and English`);
  }
});

test("the web app's features bring the same audit labels as the server's manifests", async () => {
  // The web's registrations cannot load outside a browser; each names its contracts' labels, read here.
  const dir = join(PROJECT_ROOT, 'web', 'src', 'features');
  const web: Record<string, unknown> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const file = join(dir, entry.name, 'feature.ts');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const name = /\bauditLabels:\s*(\w+)/.exec(text)?.[1];
    if (!name) continue;
    const from = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(text)?.[1];
    assert.ok(from, `web/src/features/${entry.name}/feature.ts imports ${name}`);
    const labels = (await import(join(dirname(file), from.replace(/\.js$/, '.ts'))))[name];
    for (const [action, label] of Object.entries(labels as Record<string, unknown>)) {
      assert.ok(!Object.hasOwn(web, action), `${action} is labelled by two web features`);
      web[action] = label;
    }
  }
  assert.deepEqual(web, auditLabelTable(FEATURES));
});

test('every feature that serves routes has its own route × role matrix file', () => {
  for (const f of FEATURES) {
    if (!f.routes) continue;
    const file = join(PROJECT_ROOT, 'test', 'api', 'matrix', `${f.name}.ts`);
    assert.ok(existsSync(file), `${f.name} serves routes: add test/api/matrix/${f.name}.ts`);
  }
});

test("the features' commands: each named once, its usage line starting with its name, its code in its module", () => {
  const core = {
    serve: { help: 'serve', run: async () => 0 },
    migrate: { help: 'migrate', run: async () => 0 },
  };
  const table = commandTable(FEATURES, core); // refuses a name taken twice
  assert.deepEqual(Object.keys(table).slice(0, 2), ['serve', 'migrate'], "the CLI's own commands come first");
  for (const [name, command] of Object.entries(table)) {
    assert.ok(command.help.startsWith(`${name} `) || command.help === name, `${name}: ${command.help}`);
  }
  const clash: AnyFeature = { name: 'x', commands: { serve: { help: 'serve', run: async () => 0 } } };
  assert.throws(() => commandTable([clash], core), /command serve is declared by platform and x/);
  // A command's code is a module's *.cli.ts, loaded by that module's manifest when run.
  let cliFiles = 0;
  for (const [file] of sources()) {
    const m = /^src\/modules\/([^/]+)\/([\w.-]+\.cli)\.ts$/.exec(file.split('\\').join('/'));
    if (!m) continue;
    cliFiles++;
    const index = readFileSync(join(PROJECT_ROOT, 'src', 'modules', m[1]!, 'index.ts'), 'utf8');
    assert.ok(index.includes(`import('./${m[2]}.js')`), `${file} is run by the commands of ${m[1]}/index.ts`);
  }
  assert.ok(cliFiles >= 8, 'the scan finds the commands');
});

test("the web app's calls to the server are in web/src/api/api.ts and each feature's own api.ts", () => {
  const root = join(PROJECT_ROOT, 'web', 'src');
  const found: string[] = [];
  let apiFiles = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const file = relative(root, path).split('\\').join('/');
        const text = readFileSync(path, 'utf8');
        const calls = /\brequest<|[:=]\s*mutation\(|\bfetch\(/.test(text);
        if (file === 'api/api.ts' || /^features\/[^/]+\/api\.ts$/.test(file)) apiFiles += calls ? 1 : 0;
        else if (calls) found.push(file);
      }
    }
  };
  walk(root);
  assert.ok(apiFiles >= 8, 'the scan finds the api files');
  assert.deepEqual(found, [], 'calls belong in the feature folder’s api.ts');
});
