import { RATE_AUDIT_LABELS, RATE_PERMISSIONS } from '../../contracts/rates.js';
import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import { rateRoutes } from './rates.routes.js';
import { createRateService } from './rates.service.js';

/** Regulation rate tables as versioned data, and the calculators (BPU, construction, benefits). */
export const feature = defineFeature({
  name: 'rates',
  services: (deps: CoreDeps) => ({
    rates: createRateService({ db: deps.db, provinceCode: deps.provinceCode }),
  }),
  routes: (app) => rateRoutes(app),
  permissions: RATE_PERMISSIONS,
  grants: {
    province_admin: ['rate.read', 'rate.manage'],
    regency_operator: ['rate.read'],
    enumerator: ['rate.read'],
    sponsor_officer: ['rate.read'],
    bpjs_liaison: ['rate.read'],
    auditor: ['rate.read'],
  },
  errors: {
    RATE_VERSION_NOT_FOUND: { status: 404, message: 'Versi tarif tidak ditemukan.' },
    RATE_NOT_IN_FORCE: { status: 422, message: 'Belum ada tarif yang berlaku pada tanggal itu.' },
  },
  auditLabels: RATE_AUDIT_LABELS,
  commands: {
    calc: {
      help: 'calc bpu|jakon|benefit [...] [--json]    contribution and benefit calculators, with the breakdown',
      order: 85,
      run: async (argv, io) => (await import('./rates.cli.js')).calcCommand(argv, io),
    },
  },
});

export type { RateService } from './rates.service.js';
