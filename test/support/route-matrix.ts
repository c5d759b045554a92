import type { TestApp } from './app.js';
import { anEnrolment, aProgramme, aRoster } from './enrolments.js';
import { aWorker, ctxAs } from './factories.js';
import { demoSponsorId } from './programmes.js';

/**
 * The route × role matrix's vocabulary. Each feature keeps its entries in test/api/matrix/<feature>.ts
 * (`export const matrix: Matrix`); test/api/route-matrix.test.ts runs them all, and fails for a route
 * without an entry in its own feature's file.
 */
export type Who =
  | 'anonymous'
  | 'admin'
  | 'operatorPlg'
  | 'operatorOi'
  | 'enumerator'
  | 'sponsor'
  | 'bpjs'
  | 'auditor';
export const EVERYONE: Who[] = [
  'anonymous',
  'admin',
  'operatorPlg',
  'operatorOi',
  'enumerator',
  'sponsor',
  'bpjs',
  'auditor',
];
export const EMAILS: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: 'admin@payung.local',
  operatorPlg: 'operator.palembang@payung.local',
  operatorOi: 'operator.oganilir@payung.local',
  enumerator: 'enumerator@payung.local',
  sponsor: 'sponsor@payung.local',
  bpjs: 'bpjs@payung.local',
  auditor: 'auditor@payung.local',
};

export interface Probe {
  method: string;
  url: string;
  payload?: object | Buffer;
  headers?: Record<string, string>;
}

export interface MatrixEntry {
  /** The request to send as `who` (called once per caller, so it may create what it needs first). */
  probe: (t: TestApp, who: Who) => Promise<Probe>;
  /** The status each caller gets. */
  expect: Record<Who, number>;
  /** A public reference read, the only kind of API answer a cache may keep. */
  cacheable?: true;
  /** Send it with a fresh session (the probe ends its session). */
  freshSession?: true;
}

/** "METHOD /api/v1/path" → entry. */
export type Matrix = Record<string, MatrixEntry>;

export const ALL_OK = (status: number) =>
  Object.fromEntries(EVERYONE.map((w) => [w, status])) as Record<Who, number>;
export const signedIn = (ok: number, overrides: Partial<Record<Who, number>> = {}) => ({
  ...ALL_OK(ok),
  anonymous: 401,
  ...overrides,
});
export const adminOnly = (ok: number) => signedIn(403, { admin: ok });
export const writers = (ok: number) =>
  signedIn(ok, { sponsor: 403, bpjs: 403, auditor: 403, operatorOi: 404 });

export async function newWorker(t: TestApp) {
  return t.app.workers.create(ctxAs(), aWorker());
}

/**
 * A Palembang worker whose enrolment the matrix's sponsor officer's sponsor (the City of Palembang's
 * budget) pays for, sent to BPJS: the most of the registry the officer could ask about.
 */
export async function sponsoredWorker(t: TestApp): Promise<string> {
  const worker = await newWorker(t);
  const { id: programmeId, sponsorId } = await aProgramme(t.app.db, {
    sponsorId: await demoSponsorId(t.app, 'apbd_regency'),
    regionCode: '16.71',
  });
  const rosterId = await aRoster(t.app.db, programmeId);
  await anEnrolment(t.app.db, { workerId: worker.id, programmeId, sponsorId, rosterId, status: 'submitted' });
  return worker.id;
}
