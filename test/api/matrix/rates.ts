import { ctxAs } from '../../support/factories.js';
import { adminOnly, type Matrix, signedIn } from '../../support/route-matrix.js';

/** A date after today wherever the test runs: versions are only added for the future. */
const FUTURE = '2099-01-01';

/** The rates feature's routes × roles: every signed-in role reads the tables and calculates. */
export const matrix: Matrix = {
  'GET /api/v1/rates': {
    probe: async () => ({ method: 'GET', url: '/api/v1/rates' }),
    expect: signedIn(200),
  },
  'GET /api/v1/rates/:id': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/rates/${(await t.app.rates.book(ctxAs()))[0]!.id}` }),
    expect: signedIn(200),
  },
  'POST /api/v1/rates': {
    probe: async () => ({
      method: 'POST',
      url: '/api/v1/rates',
      payload: {
        kind: 'jakon',
        effectiveFrom: FUTURE,
        regulation: 'Uji matriks',
        rules: { tiers: [{ upTo: null, jkkBasisPoints: 9, jkmBasisPoints: 1 }] },
      },
    }),
    expect: adminOnly(201),
  },
  'GET /api/v1/calc/bpu': {
    probe: async () => ({ method: 'GET', url: '/api/v1/calc/bpu?income=1500000' }),
    expect: signedIn(200),
  },
  'GET /api/v1/calc/jakon': {
    probe: async () => ({ method: 'GET', url: '/api/v1/calc/jakon?contractValue=1000000000' }),
    expect: signedIn(200),
  },
  'GET /api/v1/calc/benefit': {
    probe: async () => ({ method: 'GET', url: '/api/v1/calc/benefit?type=jkm_death' }),
    expect: signedIn(200),
  },
};
