import { type AuthSettings, createAuthService } from './modules/access/auth.service.js';
import { createUserService } from './modules/access/users.service.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { createImportService } from './modules/imports/imports.service.js';
import { createReviewService } from './modules/imports/reviews.service.js';
import { type RegionCatalog, regionCatalog } from './modules/regions/catalog.js';
import { loadRegions } from './modules/regions/regions.loader.js';
import { createRegionService } from './modules/regions/regions.service.js';
import { createWorkerService } from './modules/workers/workers.service.js';
import type { Config } from './platform/config.js';
import { type Database, openDatabase } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';

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
  return {
    config,
    db,
    catalog,
    regions: createRegionService({ db, catalog }),
    workers,
    auth,
    users: createUserService({ db, catalog, provinceCode, auth }),
    audit: createAuditService({ db, provinceCode, lookups: workers.lookups }),
    imports: createImportService({ db, catalog, provinceCode, dataDir: config.dataDir }),
    reviews: createReviewService({ db, catalog }),
    close: () => db.close(),
  };
}
