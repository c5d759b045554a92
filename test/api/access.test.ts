import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verificationCount } from '../../src/modules/access/passwords.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { aWorker, ctxAs } from '../support/factories.js';

let t: TestApp;
let admin: Record<string, string>;

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin@payung.local');
});
after(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PATCH';
const req = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) =>
  t.server.inject({ method, url, headers, ...(payload ? { payload } : {}) });

describe('sign-in and sessions', () => {
  test('anonymous API calls get 401; a wrong password gets 401 with a plain message', async () => {
    const r = await req('GET', '/api/v1/workers');
    assert.equal(r.statusCode, 401);
    assert.equal(r.json().error.code, 'UNAUTHENTICATED');
    const bad = await req(
      'POST',
      '/api/v1/auth/login',
      {},
      { email: 'admin@payung.local', password: 'salah-sekali' },
    );
    assert.equal(bad.statusCode, 401);
    assert.match(bad.json().error.message, /^E-mail atau kata sandi salah\./);
    const unknown = await req(
      'POST',
      '/api/v1/auth/login',
      {},
      { email: 'siapa@payung.local', password: 'salah-sekali' },
    );
    assert.equal(unknown.json().error.message, bad.json().error.message, 'unknown e-mails are not revealed');
  });

  test('the session cookie is httpOnly and SameSite; me tells role, scope and permissions', async () => {
    const r = await req(
      'POST',
      '/api/v1/auth/login',
      {},
      { email: 'operator.palembang@payung.local', password: 'payung-demo' },
    );
    const cookie = r.cookies.find((c) => c.name === 'payung_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    const me = await req('GET', '/api/v1/auth/me', { cookie: `payung_session=${cookie.value}` });
    assert.equal(me.json().user.role, 'regency_operator');
    assert.deepEqual(me.json().user.regionCodes, ['16.71']);
    assert.equal(me.json().user.scopeLabel, 'Kota Palembang');
    assert.ok(me.json().permissions.includes('worker.write'));
    assert.ok(!me.json().permissions.includes('audit.read'));
  });

  test('five failures from one address hold that address only; the real user still signs in from theirs', async () => {
    await t.app.users.create(ctxAs(), {
      email: 'korban@payung.local',
      fullName: 'Korban',
      role: 'auditor',
      regionCodes: ['16'],
      password: 'Benar-Sekali-Kopi-7',
    });
    const stranger = '198.51.100.7';
    const attempt = (password: string, remoteAddress: string) =>
      t.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { email: 'korban@payung.local', password },
      });
    for (let i = 1; i <= 5; i++) {
      const r = await attempt(`salah-${i}`, stranger);
      assert.equal(r.statusCode, 401, `attempt ${i}`);
    }
    // The stranger's address is held for this e-mail, even with the right password…
    const held = await attempt('Benar-Sekali-Kopi-7', stranger);
    assert.equal(held.statusCode, 401);
    assert.match(held.json().error.message, /ditahan 15 menit/);
    // …while the user, from their own address, is not locked out.
    const user = await attempt('Benar-Sekali-Kopi-7', '203.0.113.20');
    assert.equal(user.statusCode, 200, user.body);
    const audit = await req('GET', '/api/v1/audit?action=auth.locked', admin);
    assert.equal(audit.json().items.length, 1);
    const stored = await t.app.db.query<{ ip: string }>(
      "SELECT ip FROM audit_events WHERE action = 'auth.login' AND entity_id = (SELECT id::text FROM users WHERE email = 'korban@payung.local')",
    );
    assert.deepEqual(
      stored.rows.map((r) => r.ip),
      ['203.0.113.20'],
    );
  });

  test('40 parallel guesses from one address: no more than five are checked', async () => {
    await t.app.users.create(ctxAs(), {
      email: 'paralel@payung.local',
      fullName: 'Paralel',
      role: 'auditor',
      regionCodes: ['16'],
      password: 'Benar-Sekali-Teh-8',
    });
    const before = await t.app.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE details->>'reason' = 'wrong_password'",
    );
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.server.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '198.51.100.40',
          payload: {
            email: 'paralel@payung.local',
            password: i === 39 ? 'Benar-Sekali-Teh-8' : `tebakan-${i}`,
          },
        }),
      ),
    );
    assert.ok(
      answers.every((r) => r.statusCode === 401),
      'the right password at the end is held too',
    );
    const checked = await t.app.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_events WHERE details->>'reason' = 'wrong_password'",
    );
    assert.ok(
      checked.rows[0]!.n - before.rows[0]!.n <= 5,
      `${checked.rows[0]!.n - before.rows[0]!.n} evaluated`,
    );
  });

  test('unknown, inactive, held and wrong-password answers are identical, and each runs one hash check', async () => {
    const created = await t.app.users.create(ctxAs(), {
      email: 'nonaktif@payung.local',
      fullName: 'Nonaktif',
      role: 'auditor',
      regionCodes: ['16'],
      password: 'Benar-Sekali-Susu-9',
    });
    await t.app.users.update(ctxAs(), created.user.id, { isActive: false });
    const answer = async (email: string, remoteAddress = '192.0.2.1') => {
      const checks = verificationCount();
      const r = await t.server.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { email, password: 'salah-sekali' },
      });
      return { status: r.statusCode, body: r.body, checks: verificationCount() - checks };
    };
    // Hold one address for the auditor's e-mail first.
    for (let i = 0; i < 5; i++) await answer('auditor@payung.local', '192.0.2.99');
    const wrong = await answer('auditor@payung.local');
    const unknown = await answer('tidak-ada@payung.local');
    const inactive = await answer('nonaktif@payung.local');
    const held = await answer('auditor@payung.local', '192.0.2.99');
    for (const [name, a] of Object.entries({ unknown, inactive, held })) {
      assert.equal(a.status, wrong.status, name);
      assert.equal(a.body, wrong.body, name);
    }
    for (const [name, a] of Object.entries({ wrong, unknown, inactive, held }))
      assert.equal(a.checks, 1, name);
  });

  test('cookie-authenticated changes need the CSRF token; API tokens do not use cookies', async () => {
    const { cookie, 'x-csrf-token': csrf } = await t.login('operator.palembang@payung.local');
    const without = await req('POST', '/api/v1/workers', { cookie }, aWorker());
    assert.equal(without.statusCode, 403);
    assert.equal(without.json().error.code, 'CSRF_INVALID');
    const wrong = await req('POST', '/api/v1/workers', { cookie, 'x-csrf-token': 'x'.repeat(43) }, aWorker());
    assert.equal(wrong.statusCode, 403);
    const right = await req('POST', '/api/v1/workers', { cookie, 'x-csrf-token': csrf! }, aWorker());
    assert.equal(right.statusCode, 201, right.body);
  });

  test('logout ends the session; a changed password ends the other sessions', async () => {
    const s1 = await t.login('enumerator@payung.local');
    const s2 = await t.login('enumerator@payung.local');
    assert.equal((await req('POST', '/api/v1/auth/logout', s1)).statusCode, 204);
    assert.equal((await req('GET', '/api/v1/auth/me', s1)).statusCode, 401);
    const s3 = await t.login('enumerator@payung.local');
    // Used once before the change (on PGlite the session is then remembered: the change must forget it).
    assert.equal((await req('GET', '/api/v1/auth/me', s3)).statusCode, 200);
    const weak = await req('POST', '/api/v1/auth/password', s2, {
      currentPassword: 'payung-demo',
      newPassword: 'pendek',
    });
    assert.equal(weak.statusCode, 422);
    for (const common of ['passwordpassword', '1234567890', 'payung-demo', 'Jakarta2024!']) {
      const refused = await req('POST', '/api/v1/auth/password', s2, {
        currentPassword: 'payung-demo',
        newPassword: common,
      });
      assert.equal(refused.statusCode, 422, common);
      assert.equal(refused.json().error.details.issues[0].code, 'PASSWORD_WEAK', common);
    }
    const ok = await req('POST', '/api/v1/auth/password', s2, {
      currentPassword: 'payung-demo',
      newPassword: 'kata-sandi-baru-2026',
    });
    assert.equal(ok.statusCode, 204, ok.body);
    assert.equal((await req('GET', '/api/v1/auth/me', s2)).statusCode, 200, 'own session stays');
    assert.equal((await req('GET', '/api/v1/auth/me', s3)).statusCode, 401, 'other session ended');
    await t.login('enumerator@payung.local', 'kata-sandi-baru-2026');
  });

  test('a session in use ends when an administrator changes the user’s role or deactivates it', async () => {
    const admin = await t.login('admin@payung.local');
    const users = (await req('GET', '/api/v1/users', admin)).json().items as { id: string; email: string }[];
    const auditor = users.find((u) => u.email === 'auditor@payung.local');
    assert.ok(auditor);
    const session = await t.login('auditor@payung.local');
    assert.equal((await req('GET', '/api/v1/auth/me', session)).statusCode, 200);
    const renamed = await req('PATCH', `/api/v1/users/${auditor.id}`, admin, { fullName: 'Pemeriksa Baru' });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const me = await req('GET', '/api/v1/auth/me', session);
    assert.equal(me.statusCode, 200, 'a new name does not end the session');
    assert.match(me.body, /Pemeriksa Baru/);
    const off = await req('PATCH', `/api/v1/users/${auditor.id}`, admin, { isActive: false });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal((await req('GET', '/api/v1/auth/me', session)).statusCode, 401);
    await req('PATCH', `/api/v1/users/${auditor.id}`, admin, { isActive: true });
  });

  test('API tokens: scoped to their user, narrowed by region, refused once revoked', async () => {
    const { user } = await t.app.users.create(ctxAs(), {
      email: 'bpjs.integrasi@payung.local',
      fullName: 'Integrasi BPJS',
      role: 'bpjs_liaison',
      regionCodes: ['16'],
    });
    const made = await req('POST', `/api/v1/users/${user.id}/tokens`, admin, {
      name: 'sinkron KPJ',
      regionCodes: ['16.10'],
    });
    assert.equal(made.statusCode, 201);
    const bearer = { authorization: `Bearer ${made.json().token}` };
    const palembang = await t.app.workers.create(ctxAs(), aWorker());
    const oi = await t.app.workers.create(ctxAs(), aWorker({ domicileCode: '16.10.01' }));
    assert.equal((await req('GET', `/api/v1/workers/${oi.id}`, bearer)).statusCode, 200);
    assert.equal((await req('GET', `/api/v1/workers/${palembang.id}`, bearer)).statusCode, 404);
    assert.equal(
      (await req('POST', '/api/v1/workers', bearer, aWorker())).statusCode,
      403,
      'liaison cannot write',
    );
    await req('POST', `/api/v1/tokens/${made.json().id}/revoke`, admin);
    assert.equal((await req('GET', '/api/v1/workers', bearer)).statusCode, 401);
  });
});

describe('region scoping and personal data', () => {
  test('a regency operator never reads, edits or finds another regency’s workers', async () => {
    const w = await t.app.workers.create(ctxAs(), aWorker({ fullName: 'Warga Palembang' }));
    const oi = await t.login('operator.oganilir@payung.local');
    const get = await req('GET', `/api/v1/workers/${w.id}`, oi);
    assert.equal(get.statusCode, 404);
    assert.equal(get.json().error.code, 'WORKER_NOT_FOUND');
    assert.equal(
      (await req('PATCH', `/api/v1/workers/${w.id}`, oi, { version: 1, occupation: 'nelayan' })).statusCode,
      404,
    );
    const byName = await req('GET', '/api/v1/workers?q=warga%20palembang', oi);
    assert.equal(byName.json().items.length, 0);
    const byNik = await req('POST', '/api/v1/workers/search', oi, { q: w.nik });
    assert.equal(byNik.json().items.length, 0);
    const byRegion = await req('GET', '/api/v1/workers?region=16.71', oi);
    assert.equal(byRegion.json().items.length, 0);
    const create = await req('POST', '/api/v1/workers', oi, aWorker());
    assert.equal(create.statusCode, 403);
  });

  test('an enumerator sees only its districts', async () => {
    const inside = await t.app.workers.create(ctxAs(), aWorker({ domicileCode: '16.71.01.1001' }));
    const outside = await t.app.workers.create(ctxAs(), aWorker({ domicileCode: '16.71.03' }));
    const e = await t
      .login('enumerator@payung.local', 'kata-sandi-baru-2026')
      .catch(() => t.login('enumerator@payung.local'));
    assert.equal((await req('GET', `/api/v1/workers/${inside.id}`, e)).statusCode, 200);
    assert.equal((await req('GET', `/api/v1/workers/${outside.id}`, e)).statusCode, 404);
    const list = await req('GET', '/api/v1/workers?limit=200', e);
    assert.ok(
      list
        .json()
        .items.every((i: { districtCode: string }) => ['16.71.01', '16.71.02'].includes(i.districtCode)),
    );
  });

  test('lists mask NIK, phone and mother’s name; the detail view is full and audited', async () => {
    const w = await t.app.workers.create(
      ctxAs(),
      aWorker({ fullName: 'Maskah Uji', motherMaidenName: 'Fatimah Zahra' }),
    );
    const op = await t.login('operator.palembang@payung.local');
    const list = await req('GET', '/api/v1/workers?q=maskah%20uji', op);
    const item = list.json().items[0];
    assert.equal(item.nik, `${w.nik.slice(0, 4)}********${w.nik.slice(12)}`);
    assert.match(item.phone, /^\+62812\*+90$/);
    assert.equal(item.motherMaidenName, 'F****** Z****');
    assert.equal(item.isMasked, true);
    assert.ok(!list.body.includes(w.nik));
    const detail = await req('GET', `/api/v1/workers/${w.id}`, op);
    assert.equal(detail.json().nik, w.nik);
    assert.equal(detail.json().isMasked, false);
    const trail = (await req('GET', `/api/v1/audit?entityId=${w.id}`, admin)).json().items;
    const view = trail.find((e: { action: string }) => e.action === 'worker.view');
    assert.equal(view.actor, 'operator.palembang@payung.local');
    assert.ok(view.ip);
  });

  test('markup in stored text comes back as the same text (the web app shows it as text)', async () => {
    const r = await req('POST', '/api/v1/users', admin, {
      email: 'xss@payung.local',
      fullName: '<script>alert(1)</script>',
      role: 'auditor',
      regionCodes: ['16'],
    });
    assert.equal(r.statusCode, 201);
    assert.equal(r.json().user.fullName, '<script>alert(1)</script>');
    const w = await t.app.workers.create(ctxAs(), aWorker({ address: '<img src=x onerror=alert(1)>' }));
    assert.equal(
      (await req('GET', `/api/v1/workers/${w.id}`, admin)).json().address,
      '<img src=x onerror=alert(1)>',
    );
  });
});

describe('audit trail', () => {
  test('changes are recorded with before and after, filterable by entity, actor and time', async () => {
    const op = await t.login('operator.palembang@payung.local');
    const created = (await req('POST', '/api/v1/workers', op, aWorker({ occupation: 'ojek' }))).json();
    await req('PATCH', `/api/v1/workers/${created.id}`, op, { version: 1, occupation: 'nelayan' });
    const items = (
      await req('GET', `/api/v1/audit?entityId=${created.id}&actor=operator.palembang@payung.local`, admin)
    ).json().items;
    const update = items.find((e: { action: string }) => e.action === 'worker.update');
    assert.deepEqual(update.before, { occupation: 'ojek' });
    assert.deepEqual(update.after, { occupation: 'nelayan' });
    assert.equal(update.regionCode, created.domicileCode);
    assert.ok(items.some((e: { action: string }) => e.action === 'worker.create'));
    const future = (await req('GET', `/api/v1/audit?entityId=${created.id}&from=2999-01-01`, admin)).json()
      .items;
    assert.equal(future.length, 0);
  });

  test('the database refuses to change or delete audit events', async () => {
    await assert.rejects(t.app.db.query('UPDATE audit_events SET action = $1', ['x']), /append-only/);
    await assert.rejects(t.app.db.query('DELETE FROM audit_events'), /append-only/);
  });

  test('the CSV export neutralises formulas and is itself recorded', async () => {
    // What a person types into the sign-in form ends up in the trail as the actor of a failed attempt.
    const evil = `=HYPERLINK("http://evil","klik")`;
    await req('POST', '/api/v1/auth/login', {}, { email: evil, password: 'apa-saja' });
    const auditor = await t.login('auditor@payung.local');
    const csv = await req('GET', '/api/v1/audit/export?action=auth.login_failed', auditor);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.ok(csv.body.includes(`"'=HYPERLINK(""http://evil"",""klik"")"`), csv.body);
    for (const line of csv.body.replace(/^\uFEFF/, '').split('\r\n')) {
      for (const cell of line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
        assert.doesNotMatch(cell.replace(/^"/, ''), /^[=+\-@]/, `formula-looking cell: ${cell}`);
      }
    }
    const exports = (await req('GET', '/api/v1/audit?action=audit.export', admin)).json().items;
    assert.ok(exports.some((e: { actor: string }) => e.actor === 'auditor@payung.local'));
  });

  test('a regency-scoped auditor sees only its region’s events', async () => {
    await t.app.users.create(ctxAs(), {
      email: 'auditor.oi@payung.local',
      fullName: 'Auditor OI',
      role: 'auditor',
      regionCodes: ['16.10'],
      password: 'Lada-Hitam-Oi-26',
    });
    const oiWorker = await t.app.workers.create(ctxAs(), aWorker({ domicileCode: '16.10.01' }));
    const a = await t.login('auditor.oi@payung.local', 'Lada-Hitam-Oi-26');
    const items = (await req('GET', '/api/v1/audit?limit=1000', a)).json().items as {
      regionCode: string | null;
      entityId: string;
    }[];
    assert.ok(items.some((e) => e.entityId === oiWorker.id));
    assert.ok(items.every((e) => e.regionCode?.startsWith('16.10')));
  });
});

describe('abuse protection', () => {
  test('security headers on every response', async () => {
    const r = await req('GET', '/api/v1/health');
    assert.match(r.headers['content-security-policy'] as string, /default-src 'self'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.ok(r.headers['x-frame-options']);
  });

  test('sign-in is rate-limited per client', async () => {
    const limited = await createTestApp({ rateLimits: { login: 3, public: 1000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.server.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'x@payung.local', password: 'y' },
        });
        statuses.push(r.statusCode);
        if (r.statusCode === 429) assert.equal(r.json().error.code, 'RATE_LIMITED');
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  test('a spoofed X-Forwarded-For neither escapes the sign-in limit nor reaches the audit trail', async () => {
    const limited = await createTestApp({ rateLimits: { login: 3, public: 1000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await limited.server.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-forwarded-for': i % 2 ? `203.0.113.${i}` : `<script>${i}</script>` },
          payload: { email: 'admin@payung.local', password: `tebakan-${i}` },
        });
        statuses.push(r.statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, ...Array(9).fill(429)]);
      const ips = await limited.app.db.query<{ ip: string }>(
        "SELECT DISTINCT ip FROM audit_events WHERE action LIKE 'auth.%'",
      );
      assert.deepEqual(
        ips.rows.map((r) => r.ip),
        ['127.0.0.1'],
      );
    } finally {
      await limited.close();
    }
  });

  test('TRUST_PROXY: the named proxy’s X-Forwarded-For is honoured; a non-address from it is not stored', async () => {
    const proxied = await createTestApp({
      rateLimits: { login: 3, public: 1000 },
      env: { TRUST_PROXY: '127.0.0.1' },
    });
    try {
      const login = (forwardedFor: string, remoteAddress = '127.0.0.1') =>
        proxied.server.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { email: 'admin@payung.local', password: 'tebakan-salah' },
        });
      // Through the proxy, each client has its own limit.
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
        assert.equal((await login(client)).statusCode, 401, client);
      }
      assert.equal((await login('bukan-alamat')).statusCode, 401);
      // A client that is not the proxy cannot pick its address.
      assert.equal((await login('203.0.113.9', '198.51.100.5')).statusCode, 401);
      const ips = await proxied.app.db.query<{ ip: string }>(
        "SELECT ip FROM audit_events WHERE action LIKE 'auth.%' ORDER BY id",
      );
      assert.deepEqual(
        ips.rows.map((r) => r.ip),
        ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4', '127.0.0.1', '198.51.100.5'],
      );
    } finally {
      await proxied.close();
    }
  });
});
