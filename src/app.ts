import { type AuthSettings, createAuthService } from './modules/access/auth.service.js';
import { createUserService } from './modules/access/users.service.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { registerImportJobs } from './modules/imports/imports.jobs.js';
import { createImportService } from './modules/imports/imports.service.js';
import { createReviewService } from './modules/imports/reviews.service.js';
import { type RegionCatalog, regionCatalog } from './modules/regions/catalog.js';
import { loadRegions } from './modules/regions/regions.loader.js';
import { createRegionService } from './modules/regions/regions.service.js';
import { createWorkerService } from './modules/workers/workers.service.js';
import type { Config } from './platform/config.js';
import { type Database, openDatabase } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';
import { createJobRunner, type JobRunner } from './platform/jobs/index.js';
import { type FileStore, localFileStore } from './platform/storage/index.js';

/**
 * The composition root: one database, the region catalog and every service, wired once and shared by
 * the HTTP server, the CLI and background jobs.
 */
export interface App {
  config: Config;
  db: Database;
  catalog: RegionCatalog;
  regions: ReturnType<typeof createRegionService>;
  workers: ReturnType<typeof createWorkerService>;
  auth: ReturnType<typeof createAuthService>;
  users: ReturnType<typeof createUserService>;
  audit: ReturnType<typeof createAuditService>;
  imports: ReturnType<typeof createImportService>;
  reviews: ReturnType<typeof createReviewService>;
  /** Background jobs: registered here, started by `payung serve` (and the test app). */
  jobs: JobRunner;
  files: FileStore;
  /** Stops the job runner (running jobs are asked to stop, then waited for) and closes the database. */
  close(): Promise<void>;
}

export async function prepareDatabase(db: Database, catalog: RegionCatalog): Promise<void> {
  await migrate(db);
  await loadRegions(db, catalog);
}

export async function createApp(
  config: Config,
  options: { db?: Database; prepared?: boolean; auth?: Partial<AuthSettings> } = {},
): Promise<App> {
  const catalog = regionCatalog();
  if (!catalog.hasProvince(config.provinceCode)) {
    throw new Error(`PAYUNG_PROVINCE=${config.provinceCode} bukan kode provinsi yang dikenal.`);
  }
  const db = options.db ?? (await openDatabase(config));
  try {
    if (!options.prepared) await prepareDatabase(db, catalog);
  } catch (e) {
    if (!options.db) await db.close();
    throw e;
  }
  const provinceCode = config.provinceCode;
  const auth = createAuthService({ db, ...(options.auth ? { settings: options.auth } : {}) });
  const workers = createWorkerService({ db, catalog, provinceCode, limits: config.limits });
  const files = localFileStore(`${config.dataDir}/files`);
  const jobs = createJobRunner({ db, settings: config.jobs }); // jobs:
  registerImportJobs(jobs, { db, catalog, provinceCode, files }); // jobs:
  return {
    config,
    db,
    catalog,
    regions: createRegionService({ db, catalog }),
    workers,
    auth,
    users: createUserService({ db, catalog, provinceCode, auth }),
    audit: createAuditService({ db, provinceCode, lookups: workers.lookups }),
    imports: createImportService({ db, catalog, provinceCode, files, jobs }),
    reviews: createReviewService({ db, catalog }),
    jobs,
    files,
    async close() {
      await jobs.stop();
      await db.close();
    },
  };
}
