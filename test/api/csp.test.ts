import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.js';

/** The policy as the browser reads it: directive → its sources. */
function parsePolicy(header: string): Map<string, string[]> {
  const policy = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) policy.set(name, sources);
  }
  return policy;
}

describe('content-security policy', () => {
  let t: TestApp;
  let policy: Map<string, string[]>;
  before(async () => {
    t = await createTestApp();
    const r = await t.server.inject({ method: 'GET', url: '/api/v1/health' });
    policy = parsePolicy(String(r.headers['content-security-policy']));
  });
  after(async () => {
    await t.close();
  });

  test('scripts come from this origin only, and eval stays forbidden', () => {
    assert.deepEqual(policy.get('script-src'), ["'self'"]);
    assert.deepEqual(policy.get('default-src'), ["'self'"]);
    for (const sources of policy.values()) assert.ok(!sources.includes("'unsafe-eval'"));
  });

  test('chart and map libraries may draw data: and blob: images and run blob: workers', () => {
    assert.deepEqual(policy.get('img-src'), ["'self'", 'data:', 'blob:']);
    assert.deepEqual(policy.get('worker-src'), ["'self'", 'blob:']);
  });

  test('the app cannot be framed, and forms and requests stay on this origin', () => {
    assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
    assert.deepEqual(policy.get('form-action'), ["'self'"]);
    assert.deepEqual(policy.get('connect-src'), ["'self'"]);
    assert.deepEqual(policy.get('object-src'), ["'none'"]);
  });
});
