import { FEATURES } from './features.js';
import { type AuthSettings, installPolicy } from './modules/access/index.js';
import { loadRegions, type RegionCatalog, regionCatalog } from './modules/regions/index.js';
import type { Config } from './platform/config.js';
import { type Database, openDatabase } from './platform/db/index.js';
import { migrate } from './platform/db/migrate.js';
import type { AnyFeature, CoreDeps, ServicesOf } from './platform/feature.js';
import { createJobRunner } from './platform/jobs/index.js';
import { localFileStore } from './platform/storage/index.js';

/** The services every feature builds, merged (`app.workers`, `app.imports`, …). */
export type FeatureServices = ServicesOf<typeof FEATURES>;

/**
 * The composition root: one database, the region catalog and every feature's services, wired once and
 * shared by the HTTP server, the CLI and background jobs.
 */
export interface App extends CoreDeps, FeatureServices {
  close(): Promise<void>;
}

/** What createApp gives the features' service factories besides the core (overrides for tests). */
interface AppDeps extends CoreDeps {
  authSettings: Partial<AuthSettings> | undefined;
}

// Every feature's services can be built from the core and the other features' services.
FEATURES satisfies readonly { services?: (deps: AppDeps & FeatureServices) => object }[];

export async function prepareDatabase(db: Database, catalog: RegionCatalog): Promise<void> {
  await migrate(db);
  await loadRegions(db, catalog);
}

export async function createApp(
  config: Config,
  options: {
    db?: Database;
    prepared?: boolean;
    auth?: Partial<AuthSettings>;
    /** The features to build (tests add one of their own); by default src/features.ts. */
    features?: readonly AnyFeature[];
  } = {},
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
  const features = options.features ?? FEATURES;
  installPolicy(features);
  const files = localFileStore(`${config.dataDir}/files`);
  const jobs = createJobRunner({ db, settings: config.jobs });
  const core: AppDeps = {
    config,
    db,
    catalog,
    provinceCode: config.provinceCode,
    features,
    authSettings: options.auth,
    files,
    jobs,
  };
  const built: Record<string, unknown> = { ...core };
  for (const feature of features) {
    const deps = needsBuiltBefore(feature.name, built) as never;
    for (const [key, service] of Object.entries(feature.services?.(deps) ?? {})) {
      if (Object.hasOwn(built, key)) throw new Error(`Feature ${feature.name}: app.${key} exists already`);
      built[key] = service;
    }
    // Job kinds are built from the same deps: a handler uses the feature's own services and those above.
    for (const [kind, { handler, options }] of Object.entries(feature.jobs?.(deps) ?? {})) {
      jobs.register(kind, handler, options);
    }
  }
  return {
    ...(built as unknown as Omit<App, 'close'>),
    /** Stops the job runner (running jobs are asked to stop and go back to the queue), then the database. */
    async close() {
      await jobs.stop();
      await db.close();
    },
  };
}

/**
 * The deps a feature's services are built from: reading one that no feature above it built is a
 * mistake in the order of src/features.ts, said at once rather than as `undefined` later.
 */
function needsBuiltBefore(name: string, built: Record<string, unknown>) {
  return new Proxy(built, {
    get(target, key) {
      if (typeof key === 'string' && !Object.hasOwn(target, key)) {
        throw new Error(`Feature ${name} needs app.${key}, which no feature listed before it builds`);
      }
      return Reflect.get(target, key);
    },
  });
}
