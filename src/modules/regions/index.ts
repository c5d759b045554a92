import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import { regionRoutes } from './regions.routes.js';
import { createRegionService } from './regions.service.js';

/** The Kemendagri hierarchy: the catalog in memory (built by the app before any feature) and its reads. */
export const feature = defineFeature({
  name: 'regions',
  services: (deps: CoreDeps) => ({ regions: createRegionService(deps) }),
  routes: (app) => regionRoutes(app),
  errors: {
    REGION_NOT_FOUND: { status: 422, message: 'Wilayah tidak ditemukan.' },
    REGION_OUT_OF_PROVINCE: { status: 422, message: 'Wilayah di luar provinsi ini.' },
    REGION_TOO_COARSE: { status: 422, message: 'Wilayah kurang rinci.' },
  },
  commands: {
    nik: {
      help: 'nik NIK... [--json]                       check and decode NIKs',
      order: 20,
      run: async (argv, io) => (await import('./nik.cli.js')).nikCommand(argv, io),
    },
  },
});

export { buildCatalog, levelOf, parentOf, type RegionCatalog, regionCatalog } from './catalog.js';
export { loadRegions } from './regions.loader.js';
export type { RegionService } from './regions.service.js';
