import { PROGRAMME_AUDIT_LABELS, PROGRAMME_PERMISSIONS } from '../../contracts/programmes.js';
import type { Queryable } from '../../platform/db/index.js';
import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import type { SponsorService } from '../sponsors/index.js';
import { createProgrammesRepo } from './programmes.repo.js';
import { programmeRoutes } from './programmes.routes.js';
import { createProgrammeService } from './programmes.service.js';

/** Programmes (Program Perlindungan): a sponsor's budget, period, package, rules, weights and quotas. */
export const feature = defineFeature({
  name: 'programmes',
  services: (deps: CoreDeps & { sponsors: SponsorService }) => ({
    programmes: createProgrammeService({
      db: deps.db,
      catalog: deps.catalog,
      provinceCode: deps.provinceCode,
      sponsors: deps.sponsors,
    }),
  }),
  routes: (app) => programmeRoutes(app),
  permissions: PROGRAMME_PERMISSIONS,
  grants: {
    province_admin: ['programme.read', 'programme.manage'],
    regency_operator: ['programme.read'],
    sponsor_officer: ['programme.read'],
    bpjs_liaison: ['programme.read'],
    auditor: ['programme.read'],
  },
  errors: {
    PROGRAMME_NOT_FOUND: { status: 404, message: 'Program Perlindungan tidak ditemukan.' },
    PROGRAMME_STATUS: { status: 409, message: 'Status program tidak mengizinkan langkah ini.' },
    PROGRAMME_NOT_EDITABLE: { status: 409, message: 'Bagian program ini tidak dapat diubah pada statusnya.' },
    PROGRAMME_CHANGED: { status: 409, message: 'Program baru saja diubah orang lain.' },
    SPONSOR_INACTIVE: { status: 409, message: 'Pemberi Bantuan Iuran nonaktif.' },
  },
  auditLabels: PROGRAMME_AUDIT_LABELS,
  commands: {
    programmes: {
      help: 'programmes list [--status S] [--json]     list programmes with budget and committed',
      order: 50,
      run: async (argv, io) => (await import('./programmes.cli.js')).programmesCommand(argv, io),
    },
  },
});

export { COMMITTED_STATUSES, type ProgrammeRow } from './programmes.repo.js';
export { programmesScope } from './programmes.scope.js';
export { type ProgrammeService, presentProgramme } from './programmes.service.js';

/** The money a programme's enrolments hold, read through `q` (the caller's transaction, if any). */
export const committedOf = (q: Queryable, programmeId: string) =>
  createProgrammesRepo(q).committed(programmeId);
