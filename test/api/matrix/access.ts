import { DEMO_PASSWORD } from '../../../src/modules/demo/index.js';
import type { TestApp } from '../../support/app.js';
import { ctxAs } from '../../support/factories.js';
import { ALL_OK, adminOnly, EMAILS, type Matrix, signedIn } from '../../support/route-matrix.js';

async function newUser(t: TestApp) {
  const { user } = await t.app.users.create(ctxAs(), {
    email: `u${Math.random().toString(36).slice(2)}@payung.local`,
    fullName: 'Pengguna Uji',
    role: 'regency_operator',
    regionCodes: ['16.71'],
  });
  return user;
}

/** The access feature's routes × roles (test/api/route-matrix.test.ts runs every file here). */
export const matrix: Matrix = {
  'POST /api/v1/auth/login': {
    probe: async (_t, who) => ({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: who === 'anonymous' ? 'nobody@payung.local' : EMAILS[who], password: DEMO_PASSWORD },
    }),
    expect: { ...ALL_OK(200), anonymous: 401 },
  },
  'POST /api/v1/auth/logout': {
    probe: async () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
    // Logging out would end the session other probes use: log out a fresh session instead.
    freshSession: true,
    expect: ALL_OK(204),
  },
  'GET /api/v1/auth/me': {
    probe: async () => ({ method: 'GET', url: '/api/v1/auth/me' }),
    expect: signedIn(200),
  },
  'POST /api/v1/auth/password': {
    probe: async () => ({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'salah', newPassword: 'x' },
    }),
    expect: signedIn(422),
  },
  'GET /api/v1/users': {
    probe: async () => ({ method: 'GET', url: '/api/v1/users' }),
    expect: adminOnly(200),
  },
  'POST /api/v1/users': {
    probe: async () => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: {
        email: `n${Math.random().toString(36).slice(2)}@payung.local`,
        fullName: 'Baru',
        role: 'auditor',
        regionCodes: ['16'],
      },
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/v1/users/:id': {
    probe: async (t) => ({
      method: 'PATCH',
      url: `/api/v1/users/${(await newUser(t)).id}`,
      payload: { fullName: 'Nama Baru' },
    }),
    expect: adminOnly(200),
  },
  'POST /api/v1/users/:id/reset-password': {
    probe: async (t) => ({ method: 'POST', url: `/api/v1/users/${(await newUser(t)).id}/reset-password` }),
    expect: adminOnly(200),
  },
  'POST /api/v1/users/:id/tokens': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/users/${(await newUser(t)).id}/tokens`,
      payload: { name: 'integrasi' },
    }),
    expect: adminOnly(201),
  },
  'POST /api/v1/tokens/:id/revoke': {
    probe: async (t) => {
      const { id } = await t.app.users.createToken(ctxAs(), (await newUser(t)).id, { name: 'x' });
      return { method: 'POST', url: `/api/v1/tokens/${id}/revoke` };
    },
    expect: adminOnly(204),
  },
};
