import { ALL_OK, type Matrix, signedIn } from '../../support/route-matrix.js';

/** The regions feature's routes × roles (test/api/route-matrix.test.ts runs every file here). */
export const matrix: Matrix = {
  'GET /api/v1/regions': {
    probe: async () => ({ method: 'GET', url: '/api/v1/regions?parent=16' }),
    cacheable: true,
    expect: ALL_OK(200),
  },
  'GET /api/v1/regions/:code': {
    probe: async () => ({ method: 'GET', url: '/api/v1/regions/16.71' }),
    cacheable: true,
    expect: ALL_OK(200),
  },
  'POST /api/v1/nik/check': {
    probe: async () => ({ method: 'POST', url: '/api/v1/nik/check', payload: { nik: '1671015708750001' } }),
    expect: signedIn(200),
  },
};
