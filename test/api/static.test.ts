import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { WEB_DIST_DIR } from '../../src/platform/paths.js';
import { createTestApp, type TestApp } from '../support/app.js';

const YEAR = 'public, max-age=31536000, immutable';

describe('the web app’s files', () => {
  const webDir = mkdtempSync(join(tmpdir(), 'payung-web-'));
  const script = `console.log(${JSON.stringify('Payung '.repeat(2000))});`;
  let t: TestApp;
  before(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><script src="/assets/index-AbC123.js"></script>',
    );
    writeFileSync(join(webDir, 'assets/index-AbC123.js'), script);
    writeFileSync(join(webDir, 'assets/index-AbC123.js.br'), brotliCompressSync(script));
    writeFileSync(join(webDir, 'assets/index-AbC123.js.gz'), gzipSync(script));
    writeFileSync(join(webDir, 'assets/index-AbC123.js.map'), '{"sources":["../src/rahasia.ts"]}');
    t = await createTestApp({ webDir });
  });
  after(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });
  const get = (url: string, encoding?: string) =>
    t.server.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  test('hashed assets are sent compressed and cached for a year', async () => {
    const br = await get('/assets/index-AbC123.js', 'gzip, deflate, br');
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['cache-control'], YEAR);
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), script);
    const gz = await get('/assets/index-AbC123.js', 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString(), script);
    const plain = await get('/assets/index-AbC123.js');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, script);
    assert.equal(plain.headers['cache-control'], YEAR);
  });

  test('index.html, also for the app’s own routes, is checked on every visit', async () => {
    for (const url of ['/', '/index.html', '/pekerja/baru']) {
      const r = await get(url, 'br');
      assert.equal(r.statusCode, 200, url);
      assert.match(r.body, /index-AbC123\.js/, url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
    }
  });

  test('source maps are not served', async () => {
    const r = await get('/assets/index-AbC123.js.map');
    assert.equal(r.statusCode, 404);
    assert.doesNotMatch(r.body, /rahasia/);
  });
});

test('the build writes Brotli and gzip copies and no source maps (npm run build:web first)', () => {
  assert.ok(existsSync(join(WEB_DIST_DIR, 'index.html')), `${WEB_DIST_DIR} is missing: npm run build:web`);
  const assets = readdirSync(join(WEB_DIST_DIR, 'assets'));
  const scripts = assets.filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length > 0);
  // Files under 1 KB (tiny lazy chunks) are left uncompressed by design (web/vite.config.ts).
  for (const f of scripts.filter((s) => statSync(join(WEB_DIST_DIR, 'assets', s)).size >= 1024)) {
    assert.ok(assets.includes(`${f}.br`) && assets.includes(`${f}.gz`), f);
  }
  assert.deepEqual(
    assets.filter((f) => f.endsWith('.map')),
    [],
  );
});
