import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../../src/platform/paths.js';

// `npm ci` warns (EBADENGINE) about every installed package whose `engines.node` refuses the running
// Node.js. Payung's own `engines` names the oldest Node it supports; every package in the lock file
// must accept that version and the one running the suite, so a fresh install is quiet.

type Version = [number, number, number];

function parse(v: string): Version {
  const [a = 0, b = 0, c = 0] = v
    .replace(/^v/, '')
    .split('.')
    .map((p) => (p === 'x' || p === '*' ? 0 : Number.parseInt(p, 10)));
  return [a, b, c];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** One comparator of a range: `>=20.11`, `>= 10.x`, `^20.19.0`, `20`, `14`, `<23`. */
function satisfiesOne(v: Version, comparator: string): boolean {
  const m = /^(>=|<=|>|<|\^|~|=)?\s*v?([\d.x*]+)$/.exec(comparator.trim());
  assert.ok(m, `engine comparator not understood: ${comparator}`);
  const [, op = '', raw = ''] = m;
  const bound = parse(raw);
  const parts = raw.split('.').filter((p) => p !== 'x' && p !== '*').length;
  const c = compare(v, bound);
  switch (op) {
    case '>=':
      return c >= 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '<':
      return c < 0;
    case '^':
      return c >= 0 && v[0] === bound[0];
    case '~':
      return c >= 0 && v[0] === bound[0] && v[1] === bound[1];
    default:
      // A bare version: as precise as it is written (`20` is any 20.x).
      return v.slice(0, parts).every((n, i) => n === bound[i]);
  }
}

function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~|=)\s+/g, '$1')
      .split(/\s+/)
      .every((comparator) => satisfiesOne(v, comparator)),
  );
}

test('the engine range reader agrees with npm on the forms the lock file uses', () => {
  assert.ok(satisfies('20.19.0', '^20.19.0 || ^22.13.0 || >=23.5.0'));
  assert.ok(!satisfies('20.11.0', '^20.19.0 || >=22.12.0'));
  assert.ok(satisfies('20.20.2', '18 || 20 || >=22'));
  assert.ok(!satisfies('20.20.2', '>=22.0.0'));
  assert.ok(satisfies('20.20.2', '>= 10.x'));
  assert.ok(satisfies('20.20.2', '>=16 || 14 >=14.17'));
});

test("every locked package accepts Payung's oldest supported Node.js and the running one", () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8'));
  const oldest = /^>=\s*([\d.]+)$/.exec(pkg.engines.node)?.[1];
  assert.ok(oldest, `package.json engines.node should be ">=X.Y": ${pkg.engines.node}`);
  const refusing: string[] = [];
  for (const [path, entry] of Object.entries<{ engines?: { node?: string } }>(lock.packages)) {
    const range = entry.engines?.node;
    if (!path || !range) continue;
    for (const version of [oldest, process.version]) {
      if (!satisfies(version, range)) refusing.push(`${path} wants node ${range} (not ${version})`);
    }
  }
  assert.deepEqual(refusing, []);
});
