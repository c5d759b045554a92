import { ALL_OK, type Matrix } from '../../support/route-matrix.js';

/** The meta feature's routes × roles (test/api/route-matrix.test.ts runs every file here). */
export const matrix: Matrix = {
  'GET /api/v1/health': {
    probe: async () => ({ method: 'GET', url: '/api/v1/health' }),
    cacheable: true,
    expect: ALL_OK(200),
  },
  'GET /api/v1/meta': {
    probe: async () => ({ method: 'GET', url: '/api/v1/meta' }),
    cacheable: true,
    expect: ALL_OK(200),
  },
};
