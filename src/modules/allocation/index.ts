import { ALLOCATION_AUDIT_LABELS, ALLOCATION_PERMISSIONS } from '../../contracts/allocation.js';
import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import type { ProgrammeService } from '../programmes/index.js';
import type { RateService } from '../rates/index.js';
import { allocationJobHandlers } from './allocation.jobs.js';
import { allocationRoutes } from './allocation.routes.js';
import { createAllocationService } from './allocation.service.js';

/**
 * Allocation: eligibility, the vulnerability score, the greedy choice within budget and quotas,
 * simulations, and rosters approved by a second person (maker–checker).
 */
export const feature = defineFeature({
  name: 'allocation',
  services: ({
    db,
    catalog,
    jobs,
    programmes,
    rates,
    config,
  }: CoreDeps & { programmes: ProgrammeService; rates: RateService }) => ({
    allocation: createAllocationService({
      db,
      catalog,
      jobs,
      programmes,
      rates,
      maxWaitMs: config.limits.dbWaitMs,
    }),
  }),
  jobs: ({
    db,
    catalog,
    programmes,
    rates,
  }: CoreDeps & { programmes: ProgrammeService; rates: RateService }) =>
    allocationJobHandlers({ db, catalog, programmes, rates }),
  routes: (app) => allocationRoutes(app),
  permissions: ALLOCATION_PERMISSIONS,
  grants: {
    province_admin: ['allocation.read', 'allocation.run', 'allocation.approve'],
    regency_operator: ['allocation.read', 'allocation.run'],
    sponsor_officer: ['allocation.readSponsored'],
    bpjs_liaison: ['allocation.read'],
    auditor: ['allocation.read'],
  },
  errors: {
    ALLOCATION_PROGRAMME_NOT_FOUND: { status: 404, message: 'Program tidak ditemukan.' },
    ALLOCATION_PROGRAMME_STATE: { status: 409, message: 'Status program tidak memungkinkan alokasi.' },
    ALLOCATION_OVER_BUDGET: { status: 422, message: 'Anggaran melebihi sisa anggaran program.' },
    ALLOCATION_BUSY: { status: 409, message: 'Alokasi program ini sedang berjalan.' },
    ALLOCATION_CONFLICT: { status: 409, message: 'Pekerja terpilih sudah ditanggung program lain.' },
    ALLOCATION_JOB_NOT_FOUND: { status: 404, message: 'Proses alokasi tidak ditemukan.' },
    ROSTER_NOT_FOUND: { status: 404, message: 'Daftar peserta tidak ditemukan.' },
    ROSTER_PENDING: { status: 409, message: 'Masih ada daftar peserta yang menunggu persetujuan.' },
    ROSTER_DECIDED: { status: 409, message: 'Daftar peserta ini sudah diputuskan.' },
    ROSTER_SAME_PERSON: { status: 409, message: 'Pengusul tidak boleh menyetujui daftarnya sendiri.' },
  },
  auditLabels: ALLOCATION_AUDIT_LABELS,
  commands: {
    allocate: {
      help: 'allocate PROGRAMME [--budget N] [--dry-run] [--json] [--as EMAIL]   choose whom a programme covers',
      order: 70,
      run: async (argv, io) => (await import('./allocation.cli.js')).allocateCommand(argv, io),
    },
    rosters: {
      help: 'rosters approve|reject ID [--note TEXT] [--as EMAIL]   decide a proposed roster (not its proposer)',
      order: 80,
      run: async (argv, io) => (await import('./allocation.cli.js')).rostersCommand(argv, io),
    },
  },
});

export { allocationScope } from './allocation.scope.js';
export type { AllocationService } from './allocation.service.js';
