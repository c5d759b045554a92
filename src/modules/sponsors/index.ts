import { SPONSOR_AUDIT_LABELS, SPONSOR_PERMISSIONS } from '../../contracts/sponsors.js';
import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import { sponsorRoutes } from './sponsors.routes.js';
import { createSponsorService } from './sponsors.service.js';

/** Sponsors (Penanggung / Pemberi Bantuan Iuran): who pays for a programme's workers. */
export const feature = defineFeature({
  name: 'sponsors',
  services: (deps: CoreDeps) => ({
    sponsors: createSponsorService({ db: deps.db, catalog: deps.catalog, provinceCode: deps.provinceCode }),
  }),
  routes: (app) => sponsorRoutes(app),
  permissions: SPONSOR_PERMISSIONS,
  grants: {
    province_admin: ['sponsor.read', 'sponsor.manage'],
    regency_operator: ['sponsor.read'],
    enumerator: ['sponsor.read'],
    sponsor_officer: ['sponsor.read'],
    bpjs_liaison: ['sponsor.read'],
    auditor: ['sponsor.read'],
  },
  errors: {
    SPONSOR_NOT_FOUND: { status: 404, message: 'Pemberi Bantuan Iuran tidak ditemukan.' },
    SPONSOR_EXISTS: {
      status: 409,
      message: 'Pemberi Bantuan Iuran dengan nama ini sudah ada di wilayah ini.',
    },
    SPONSOR_IN_USE: { status: 409, message: 'Pemberi Bantuan Iuran ini sudah punya program.' },
    SPONSOR_VERSION_CONFLICT: { status: 409, message: 'Data Pemberi Bantuan Iuran sudah diubah orang lain.' },
  },
  auditLabels: SPONSOR_AUDIT_LABELS,
  commands: {
    sponsors: {
      help: 'sponsors list [--all] [--json]            list sponsors (Pemberi Bantuan Iuran)',
      order: 40,
      run: async (argv, io) => (await import('./sponsors.cli.js')).sponsorsCommand(argv, io),
    },
  },
});

export { createSponsorsRepo, type SponsorRow } from './sponsors.repo.js';
export { sponsorsScope } from './sponsors.scope.js';
export { presentSponsor, type SponsorService } from './sponsors.service.js';
