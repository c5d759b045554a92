import { Readable } from 'node:stream';
import type { TestApp } from '../../support/app.js';
import { aWorker, ctxAs } from '../../support/factories.js';
import { multipart } from '../../support/multipart.js';
import { type Matrix, signedIn, writers } from '../../support/route-matrix.js';
import { aPerson, workerCsv } from '../../support/sheets.js';

async function newImport(t: TestApp, validated = false) {
  const up = await t.app.imports.upload(ctxAs(), {
    fileName: 'palembang.csv',
    source: Readable.from([Buffer.from(workerCsv([aPerson(), aPerson()]))]),
    regionCode: '16.71',
  });
  if (validated) await t.app.imports.validate(ctxAs(), up.job.id);
  return up.job.id;
}
async function newReview(t: TestApp) {
  const a = await t.app.workers.create(
    ctxAs(),
    aWorker({ fullName: 'Ganda Satu', sex: 'L', birthDate: '1980-01-01' }),
  );
  const b = await t.app.workers.create(
    ctxAs(),
    aWorker({ fullName: 'Ganda Satu', sex: 'L', birthDate: '1980-01-01' }),
  );
  const r = await t.app.db.query<{ id: string }>(
    `INSERT INTO duplicate_reviews (region_code, worker_id, other_worker_id, similarity) VALUES ('16.71', $1, $2, 1) RETURNING id`,
    [a.id, b.id],
  );
  return r.rows[0]!.id;
}

/** The imports feature's routes × roles (test/api/route-matrix.test.ts runs every file here). */
export const matrix: Matrix = {
  'POST /api/v1/imports': {
    probe: async () => {
      const m = multipart(
        { region: '16.71.01' },
        { name: 'data.csv', content: workerCsv([aPerson()]), type: 'text/csv' },
      );
      return { method: 'POST', url: '/api/v1/imports', payload: m.payload, headers: m.headers };
    },
    expect: signedIn(201, { sponsor: 403, bpjs: 403, auditor: 403, operatorOi: 403 }),
  },
  'GET /api/v1/imports': {
    probe: async () => ({ method: 'GET', url: '/api/v1/imports' }),
    // A sponsor officer reads nothing of the registry.
    expect: signedIn(200, { sponsor: 403 }),
  },
  'GET /api/v1/imports/:id': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/imports/${await newImport(t)}` }),
    expect: signedIn(200, { sponsor: 403, enumerator: 404, operatorOi: 404 }),
  },
  'GET /api/v1/imports/:id/layout': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/imports/${await newImport(t)}/layout` }),
    expect: { ...writers(200), enumerator: 404 },
  },
  'PUT /api/v1/imports/:id/mapping': {
    probe: async (t) => ({
      method: 'PUT',
      url: `/api/v1/imports/${await newImport(t)}/mapping`,
      payload: { mapping: { NIK: 'nik', 'NAMA LENGKAP': 'fullName' } },
    }),
    expect: { ...writers(200), enumerator: 404 },
  },
  'POST /api/v1/imports/:id/validate': {
    probe: async (t) => ({ method: 'POST', url: `/api/v1/imports/${await newImport(t)}/validate` }),
    expect: { ...writers(202), enumerator: 404 },
  },
  'POST /api/v1/imports/:id/commit': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/imports/${await newImport(t, true)}/commit`,
      payload: {},
    }),
    expect: { ...writers(202), enumerator: 404 },
  },
  'GET /api/v1/imports/:id/results': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/imports/${await newImport(t, true)}/results` }),
    expect: signedIn(200, { sponsor: 403, enumerator: 404, operatorOi: 404 }),
  },
  'GET /api/v1/imports/:id/findings': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/imports/${await newImport(t, true)}/findings` }),
    expect: signedIn(200, { sponsor: 403, enumerator: 404, operatorOi: 404 }),
  },
  'GET /api/v1/imports/:id/report.xlsx': {
    probe: async (t) => ({ method: 'GET', url: `/api/v1/imports/${await newImport(t, true)}/report.xlsx` }),
    expect: signedIn(200, { sponsor: 403, enumerator: 404, operatorOi: 404 }),
  },
  'GET /api/v1/duplicates': {
    probe: async () => ({ method: 'GET', url: '/api/v1/duplicates' }),
    // A sponsor officer reads nothing of the registry.
    expect: signedIn(200, { sponsor: 403 }),
  },
  'POST /api/v1/duplicates/:id/decide': {
    probe: async (t) => ({
      method: 'POST',
      url: `/api/v1/duplicates/${await newReview(t)}/decide`,
      payload: { decision: 'keep_both' },
    }),
    expect: signedIn(200, { sponsor: 403, bpjs: 403, auditor: 403, operatorOi: 404 }),
  },
};
