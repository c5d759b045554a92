import { aProgramme } from '../../support/allocation.js';
import type { TestApp } from '../../support/app.js';
import { ctxAs } from '../../support/factories.js';
import { demoSponsorId } from '../../support/programmes.js';
import { type Matrix, newWorker, signedIn } from '../../support/route-matrix.js';

/**
 * A Palembang programme (open) of the City of Palembang's budget: the matrix's sponsor officer's own
 * sponsor, so what the officer gets is what its role allows, not what its scope hides.
 */
async function palembangProgramme(t: TestApp) {
  const sponsor = await demoSponsorId(t.app, 'apbd_regency');
  return aProgramme(t.app.db, { sponsorId: sponsor, regionCode: '16.71', budget: 10_000_000 });
}
/** A roster proposed by the system (so every person may be its checker). */
async function proposedRoster(t: TestApp) {
  return (await t.app.allocation.propose(ctxAs(), await palembangProgramme(t))).rosterId;
}

// Readers: the region's (province admin, Palembang operator, BPJS liaison, auditor) and a sponsor officer
// for its own sponsor's programmes (overview and rosters' summaries only). Enumerators: none.
const readers = (ok: number) => signedIn(ok, { operatorOi: 404, enumerator: 403 });
// What only the region's readers get: counts over the registry, workers' facts and scores.
const registryReaders = (ok: number) => ({ ...readers(ok), sponsor: 403 });
const runners = (ok: number) =>
  signedIn(403, { admin: ok, operatorPlg: ok, operatorOi: 404, anonymous: 401 });
const checkers = (ok: number) => signedIn(403, { admin: ok, anonymous: 401 });

/** The allocation feature's routes × roles (test/api/route-matrix.test.ts runs every file here). */
export const matrix: Matrix = {
  'GET /api/v1/programmes/:id/allocation': {
    probe: async (t) => ({
      method: 'GET',
      url: `/api/v1/programmes/${await palembangProgramme(t)}/allocation`,
    }),
    expect: readers(200),
  },
  'POST /api/v1/programmes/:id/simulation': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/programmes/${await palembangProgramme(t)}/simulation`,
      payload: { budgets: [1_000_000, 5_000_000] },
    }),
    expect: registryReaders(200),
  },
  'GET /api/v1/programmes/:id/workers/:workerId/eligibility': {
    probe: async (t) => ({
      method: 'GET',
      url: `/api/v1/programmes/${await palembangProgramme(t)}/workers/${(await newWorker(t)).id}/eligibility`,
    }),
    // A worker's facts: the region's readers only (a sponsor officer reads no registry).
    expect: registryReaders(200),
  },
  'POST /api/v1/programmes/:id/rosters': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/programmes/${await palembangProgramme(t)}/rosters`,
      payload: {},
    }),
    expect: runners(202),
  },
  'GET /api/v1/programmes/:id/rosters': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/programmes/${await palembangProgramme(t)}/rosters` }),
    expect: readers(200),
  },
  'GET /api/v1/allocation-jobs/:id': {
    probe: async (t) => {
      const job = await t.app.allocation.startPropose(ctxAs(), await palembangProgramme(t));
      await t.app.jobs.waitFor(job.jobId);
      return { method: 'GET', url: `/api/v1/allocation-jobs/${job.jobId}` };
    },
    expect: readers(200),
  },
  'GET /api/v1/rosters/:id': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/rosters/${await proposedRoster(t)}` }),
    expect: readers(200),
  },
  'GET /api/v1/rosters/:id/workers': {
    probe: async (t) => ({
      method: 'GET',
      url: `/api/v1/rosters/${await proposedRoster(t)}/workers?limit=10`,
    }),
    expect: registryReaders(200),
  },
  'POST /api/v1/rosters/:id/approve': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/rosters/${await proposedRoster(t)}/approve`,
      payload: {},
    }),
    expect: checkers(200),
  },
  'POST /api/v1/rosters/:id/reject': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/rosters/${await proposedRoster(t)}/reject`,
      payload: { note: 'Anggaran dialihkan' },
    }),
    expect: checkers(200),
  },
};
