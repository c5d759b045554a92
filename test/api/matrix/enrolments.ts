import type { TestApp } from '../../support/app.js';
import { anEnrolment, aProgramme, aRoster } from '../../support/enrolments.js';
import { ctxAs } from '../../support/factories.js';
import { multipart } from '../../support/multipart.js';
import { demoSponsorId } from '../../support/programmes.js';
import { type Matrix, newWorker, signedIn } from '../../support/route-matrix.js';

/**
 * A programme of the City of Palembang's budget (the matrix's sponsor officer's sponsor) with an approved
 * roster holding one Palembang worker's enrolment (status as given). The officer sees it once sent to
 * BPJS (submitted, active, ended), never while proposed.
 */
async function newEnrolment(t: TestApp, status = 'proposed') {
  const worker = await newWorker(t);
  const { id: programmeId, sponsorId } = await aProgramme(t.app.db, {
    sponsorId: await demoSponsorId(t.app, 'apbd_regency'),
    regionCode: '16.71',
  });
  const rosterId = await aRoster(t.app.db, programmeId);
  const id = await anEnrolment(t.app.db, { workerId: worker.id, programmeId, sponsorId, rosterId, status });
  return { id, programmeId, worker };
}

/** A finished roster export of a new programme (started by the province administrator): its job id. */
async function anExport(t: TestApp) {
  const { programmeId } = await newEnrolment(t);
  const job = await t.app.enrolments.startExport(ctxAs(), programmeId, 'csv');
  const done = await t.app.jobs.waitFor(job.jobId);
  if (done.state !== 'succeeded') throw new Error(`export ${done.state}: ${done.lastError}`);
  return job.jobId;
}

const exchangers = (ok: number) => signedIn(403, { admin: ok, bpjs: ok });

/** The enrolments feature's routes × roles (test/api/route-matrix.test.ts runs every file here). */
export const matrix: Matrix = {
  'GET /api/v1/programmes/:id/enrolments': {
    probe: async (t) => ({
      method: 'GET',
      url: `/api/v1/programmes/${(await newEnrolment(t)).programmeId}/enrolments?status=proposed`,
    }),
    expect: signedIn(200),
  },
  'POST /api/v1/programmes/:id/enrolments/export': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/programmes/${(await newEnrolment(t)).programmeId}/enrolments/export`,
      payload: { format: 'csv' },
    }),
    expect: exchangers(202),
  },
  'GET /api/v1/enrolment-jobs/:id': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/enrolment-jobs/${await anExport(t)}` }),
    expect: exchangers(200),
  },
  'GET /api/v1/enrolment-jobs/:id/file': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/enrolment-jobs/${await anExport(t)}/file` }),
    expect: exchangers(200),
  },
  'POST /api/v1/programmes/:id/enrolments/response': {
    probe: async (t) => {
      const { programmeId } = await newEnrolment(t, 'submitted');
      const m = multipart(
        { dryRun: 'true' },
        {
          name: 'jawaban.csv',
          content: 'NIK;KPJ;TGL KEPESERTAAN;STATUS\r\n1671010101010001;;;DITOLAK\r\n',
          type: 'text/csv',
        },
      );
      return {
        method: 'POST',
        url: `/api/v1/programmes/${programmeId}/enrolments/response`,
        payload: m.payload,
        headers: m.headers,
      };
    },
    expect: exchangers(202),
  },
  'GET /api/v1/workers/:id/enrolments': {
    probe: async (t) => ({
      method: 'GET',
      url: `/api/v1/workers/${(await newEnrolment(t, 'submitted')).worker.id}/enrolments`,
    }),
    // Out of the caller's regions: answered like a missing worker. The sponsor officer's sponsor pays for
    // this one (sent to BPJS): its coverage, name and masked NIK (test/api/sponsor-officer.test.ts).
    expect: signedIn(200, { operatorOi: 404 }),
  },
  'GET /api/v1/enrolments/sponsored': {
    probe: async () => ({ method: 'GET', url: '/api/v1/enrolments/sponsored' }),
    expect: signedIn(200),
  },
  'GET /api/v1/enrolments/:id': {
    // Proposed (not yet sent to BPJS): not one its sponsor pays for yet, so the officer gets 404.
    probe: async (t) => ({ method: 'GET', url: `/api/v1/enrolments/${(await newEnrolment(t)).id}` }),
    expect: signedIn(200, { operatorOi: 404, sponsor: 404 }),
  },
  'POST /api/v1/enrolments/:id/end': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/enrolments/${(await newEnrolment(t, 'submitted')).id}/end`,
      payload: { reason: 'withdrawn', effectiveOn: '2027-03-15' },
    }),
    expect: signedIn(403, { admin: 200, operatorPlg: 200, operatorOi: 404 }),
  },
};
