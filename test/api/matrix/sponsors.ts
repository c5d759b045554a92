import { demoSponsorId, newSponsor } from '../../support/programmes.js';
import { adminOnly, type Matrix, signedIn } from '../../support/route-matrix.js';

/** The sponsors feature's routes × roles. The sponsor officer acts for the City of Palembang's budget. */
export const matrix: Matrix = {
  'GET /api/v1/sponsors': {
    probe: async () => ({ method: 'GET', url: '/api/v1/sponsors' }),
    expect: signedIn(200),
  },
  'GET /api/v1/sponsors/:id': {
    // Palembang's budget: seen by whoever works in or over Palembang, and by its own officer.
    probe: async (t) => ({
      method: 'GET',
      url: `/api/v1/sponsors/${await demoSponsorId(t.app, 'apbd_regency')}`,
    }),
    expect: signedIn(200, { operatorOi: 404 }),
  },
  'POST /api/v1/sponsors': {
    probe: async () => ({
      method: 'POST',
      url: '/api/v1/sponsors',
      payload: { kind: 'csr_bumd', name: `PD Uji ${Math.random().toString(36).slice(2)}`, regionCode: '16' },
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/v1/sponsors/:id': {
    probe: async (t) => ({
      method: 'PATCH',
      url: `/api/v1/sponsors/${(await newSponsor(t.app)).id}`,
      payload: { contactName: 'Ibu Sari', version: 1 },
    }),
    expect: adminOnly(200),
  },
  'POST /api/v1/sponsors/:id/deactivate': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/sponsors/${(await newSponsor(t.app)).id}/deactivate`,
    }),
    expect: adminOnly(200),
  },
  'POST /api/v1/sponsors/:id/activate': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/sponsors/${(await newSponsor(t.app)).id}/activate`,
    }),
    expect: adminOnly(200),
  },
};
