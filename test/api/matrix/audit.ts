import { type Matrix, newWorker, signedIn } from '../../support/route-matrix.js';

/** The audit feature's routes × roles (test/api/route-matrix.test.ts runs every file here). */
export const matrix: Matrix = {
  'GET /api/v1/audit': {
    probe: async () => ({ method: 'GET', url: '/api/v1/audit' }),
    expect: signedIn(403, { admin: 200, auditor: 200 }),
  },
  'GET /api/v1/audit/:id/full': {
    probe: async (t) => {
      const w = await newWorker(t);
      const r = await t.app.db.query<{ id: number }>(
        `SELECT id FROM audit_events WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [w.id],
      );
      return { method: 'GET', url: `/api/v1/audit/${r.rows[0]!.id}/full` };
    },
    expect: signedIn(403, { admin: 200, auditor: 200 }),
  },
  'POST /api/v1/audit/people': {
    probe: async () => ({ method: 'POST', url: '/api/v1/audit/people', payload: { query: 'Siti Aminah' } }),
    expect: signedIn(403, { admin: 200, auditor: 200 }),
  },
  'GET /api/v1/audit/export': {
    probe: async () => ({ method: 'GET', url: '/api/v1/audit/export' }),
    expect: signedIn(403, { admin: 200, auditor: 200 }),
  },
};
