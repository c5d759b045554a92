import { aWorker } from '../../support/factories.js';
import { type Matrix, newWorker, signedIn, sponsoredWorker, writers } from '../../support/route-matrix.js';

/** The workers feature's routes × roles (test/api/route-matrix.test.ts runs every file here). */
export const matrix: Matrix = {
  // A sponsor officer reads no worker record, list or search: only the enrolments its sponsor pays for.
  'GET /api/v1/workers': {
    probe: async () => ({ method: 'GET', url: '/api/v1/workers?limit=1' }),
    expect: signedIn(200, { sponsor: 403 }),
  },
  'POST /api/v1/workers/search': {
    probe: async () => ({ method: 'POST', url: '/api/v1/workers/search', payload: { limit: 1 } }),
    expect: signedIn(200, { sponsor: 403 }),
  },
  'POST /api/v1/workers/nik-status': {
    probe: async (t) => ({
      method: 'POST',
      url: '/api/v1/workers/nik-status',
      payload: { nik: (await newWorker(t)).nik },
    }),
    expect: signedIn(200, { sponsor: 403, bpjs: 403, auditor: 403 }),
  },
  'POST /api/v1/workers': {
    probe: async () => ({ method: 'POST', url: '/api/v1/workers', payload: aWorker() }),
    expect: signedIn(201, { sponsor: 403, bpjs: 403, auditor: 403, operatorOi: 403 }),
  },
  'GET /api/v1/workers/:id': {
    // For the sponsor officer, a worker its sponsor pays for (sent to BPJS): still refused.
    probe: async (t, who) => ({
      method: 'GET',
      url: `/api/v1/workers/${who === 'sponsor' ? await sponsoredWorker(t) : (await newWorker(t)).id}`,
    }),
    expect: signedIn(200, { sponsor: 403, operatorOi: 404 }),
  },
  'PATCH /api/v1/workers/:id': {
    probe: async (t) => ({
      method: 'PATCH',
      url: `/api/v1/workers/${(await newWorker(t)).id}`,
      payload: { version: 1, occupation: 'nelayan' },
    }),
    expect: writers(200),
  },
  'POST /api/v1/workers/:id/deactivate': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/workers/${(await newWorker(t)).id}/deactivate`,
      payload: { version: 1, reason: 'Pindah domisili' },
    }),
    expect: writers(200),
  },
};
