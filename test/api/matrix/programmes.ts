import type { TestApp } from '../../support/app.js';
import { aProgramme, demoSponsorId, newProgramme, newSponsor } from '../../support/programmes.js';
import { adminOnly, type Matrix, signedIn } from '../../support/route-matrix.js';

/** A programme of Palembang's budget (the sponsor officer's), so every reader's answer says something. */
const palembangProgramme = async (t: TestApp) =>
  newProgramme(t.app, { sponsorId: await demoSponsorId(t.app, 'apbd_regency') });

/** Readers of a Palembang programme: Ogan Ilir's operator gets 404, the enumerator has no programme.read. */
const READERS = signedIn(200, { operatorOi: 404, enumerator: 403 });

/** The programmes feature's routes × roles. */
export const matrix: Matrix = {
  'GET /api/v1/programmes': {
    probe: async () => ({ method: 'GET', url: '/api/v1/programmes' }),
    expect: signedIn(200, { enumerator: 403 }),
  },
  'GET /api/v1/programmes/:id': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/programmes/${(await palembangProgramme(t)).id}` }),
    expect: READERS,
  },
  'GET /api/v1/programmes/:id/summary': {
    probe: async (t) => ({
      method: 'GET',
      url: `/api/v1/programmes/${(await palembangProgramme(t)).id}/summary`,
    }),
    expect: READERS,
  },
  'POST /api/v1/programmes': {
    probe: async (t) => ({
      method: 'POST',
      url: '/api/v1/programmes',
      payload: aProgramme((await newSponsor(t.app)).id),
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/v1/programmes/:id': {
    probe: async (t) => ({
      method: 'PATCH',
      url: `/api/v1/programmes/${(await newProgramme(t.app)).id}`,
      payload: { budget: 200_000_000 },
    }),
    expect: adminOnly(200),
  },
  'POST /api/v1/programmes/:id/open': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/programmes/${(await newProgramme(t.app)).id}/open`,
    }),
    expect: adminOnly(200),
  },
  'POST /api/v1/programmes/:id/close': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/programmes/${(await newProgramme(t.app, { open: true })).id}/close`,
    }),
    expect: adminOnly(200),
  },
};
