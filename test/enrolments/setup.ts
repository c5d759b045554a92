import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { anEnrolment, aProgramme, aRoster } from '../support/enrolments.js';
import { aWorker, ctxAs } from '../support/factories.js';

export interface EnrolmentWorld {
  tdb: TestDatabase;
  app: App;
  programmeId: string;
  sponsorId: string;
  rosterId: string;
  /** name → worker id; palembang1..3 (16.71), oganIlir (16.10), outsider (registered, not enrolled). */
  workers: Record<string, string>;
  /** name → enrolment id (proposed, in the approved roster). */
  enrolments: Record<string, string>;
  niks: Record<string, string>;
  dir: string;
}

/** A programme with an approved roster of four proposed enrolments, and a registered worker not in it. */
export async function enrolmentWorld(): Promise<EnrolmentWorld> {
  const tdb = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'payung-enrol-'));
  const app = await createApp(loadConfig({ PAYUNG_DATA_DIR: dir }), { db: tdb.db, prepared: true });
  const places = {
    palembang1: '16.71.01.1001',
    palembang2: '16.71.01',
    palembang3: '16.71.02',
    oganIlir: '16.10.01',
    outsider: '16.71.01',
  };
  const workers: Record<string, string> = {};
  const niks: Record<string, string> = {};
  for (const [name, domicileCode] of Object.entries(places)) {
    const w = await app.workers.create(ctxAs(), aWorker({ domicileCode, fullName: `Pekerja ${name}` }));
    workers[name] = w.id;
    niks[name] = w.nik;
  }
  const { id: programmeId, sponsorId } = await aProgramme(tdb.db);
  const rosterId = await aRoster(tdb.db, programmeId);
  const enrolments: Record<string, string> = {};
  for (const name of ['palembang1', 'palembang2', 'palembang3', 'oganIlir']) {
    enrolments[name] = await anEnrolment(tdb.db, {
      workerId: workers[name]!,
      programmeId,
      sponsorId,
      rosterId,
    });
  }
  return { tdb, app, programmeId, sponsorId, rosterId, workers, enrolments, niks, dir };
}
