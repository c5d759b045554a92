import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { createApp } from '../../src/app.js';
import { FEATURES } from '../../src/features.js';
import { AppError } from '../../src/platform/errors.js';
import { type AnyFeature, type CoreDeps, defineFeature } from '../../src/platform/feature.js';
import { buildServer } from '../../src/platform/http/server.js';
import { createTestApp, type TestApp } from '../support/app.js';

// A feature is its manifest: listed once, its services join the app, its routes are served and its
// error codes get their status. A code no manifest declares is a bug: 500, and the code is logged.

const probe = defineFeature({
  name: 'probe',
  services: (deps: CoreDeps) => ({ probe: { province: () => deps.provinceCode } }),
  routes: () => async (r) => {
    r.get('/probe/declared', { config: { public: true } }, async () => {
      throw new AppError('PROBE_TEAPOT', '');
    });
    r.get('/probe/undeclared', { config: { public: true } }, async () => {
      throw new AppError('PROBE_NOWHERE', 'Pesan ini tidak boleh sampai ke klien.');
    });
  },
  errors: { PROBE_TEAPOT: { status: 418, message: 'Teko, bukan server.' } },
});

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

test("a listed feature's services join the app and its routes and error codes are served", async () => {
  const app = await createApp(t.app.config, { db: t.app.db, prepared: true, features: [...FEATURES, probe] });
  assert.equal(
    (app as unknown as { probe: { province(): string } }).probe.province(),
    t.app.config.provinceCode,
  );
  assert.equal(typeof app.workers.create, 'function');

  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const server = await buildServer(app, { logStream });
  try {
    const declared = await server.inject({ method: 'GET', url: '/api/v1/probe/declared' });
    assert.equal(declared.statusCode, 418);
    // No message of its own: the manifest's default.
    assert.deepEqual(declared.json().error, { code: 'PROBE_TEAPOT', message: 'Teko, bukan server.' });

    const undeclared = await server.inject({ method: 'GET', url: '/api/v1/probe/undeclared' });
    assert.equal(undeclared.statusCode, 500, 'an undeclared code is not a client error');
    assert.equal(undeclared.json().error.code, 'INTERNAL');
    assert.doesNotMatch(undeclared.body, /PROBE_NOWHERE|tidak boleh sampai/);
    assert.ok(
      logs.some((l) => l.includes('PROBE_NOWHERE') && l.includes('error code without a status')),
      'the code is logged',
    );
    // The routes of the listed features are all there too.
    const health = await server.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(health.statusCode, 200);
  } finally {
    await server.close();
  }
});

test('a feature listed before a feature it needs is refused at start, naming both', async () => {
  // Workers moved after audit, which needs it; every other feature where it was.
  const features: AnyFeature[] = FEATURES.filter((f) => f.name !== 'workers');
  features.splice(
    features.findIndex((f) => f.name === 'audit') + 1,
    0,
    FEATURES.find((f) => f.name === 'workers')!,
  );
  await assert.rejects(
    createApp(t.app.config, { db: t.app.db, prepared: true, features }),
    /Feature audit needs app\.workers/,
  );
});

test('an error code declared twice is refused when the server starts', async () => {
  const twin = defineFeature({
    name: 'twin',
    errors: { WORKER_NOT_FOUND: { status: 404, message: 'Lagi.' } },
  });
  await assert.rejects(
    buildServer(
      { ...t.app, features: [...FEATURES, twin] },
      { logStream: new Writable({ write: (_c, _e, cb) => cb() }) },
    ),
    /error code WORKER_NOT_FOUND is declared by workers and twin/,
  );
});
