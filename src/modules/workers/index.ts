import { WORKER_AUDIT_LABELS, WORKER_PERMISSIONS } from '../../contracts/workers.js';
import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import { workerRoutes } from './workers.routes.js';
import { createWorkerService } from './workers.service.js';

/** The registry of workers: registration, search, record views, changes and deactivation. */
export const feature = defineFeature({
  name: 'workers',
  services: ({ db, catalog, provinceCode, config }: CoreDeps) => ({
    workers: createWorkerService({ db, catalog, provinceCode, limits: config.limits }),
  }),
  routes: (app) => workerRoutes(app),
  permissions: WORKER_PERMISSIONS,
  grants: {
    province_admin: ['worker.read', 'worker.readFull', 'worker.write'],
    regency_operator: ['worker.read', 'worker.readFull', 'worker.write'],
    enumerator: ['worker.read', 'worker.readFull', 'worker.write'],
    // No sponsor_officer: it reads no worker record, search or list; what it learns of the workers its
    // sponsor pays for (name, masked NIK, region, coverage) comes with their enrolments (decision 0025).
    bpjs_liaison: ['worker.read', 'worker.readFull'],
    auditor: ['worker.read', 'worker.readFull'],
  },
  errors: {
    NIK_INVALID: { status: 422, message: 'NIK tidak valid.' },
    NIK_MISMATCH: { status: 422, message: 'NIK tidak cocok dengan data lain.' },
    PHONE_INVALID: { status: 422, message: 'Nomor telepon tidak valid.' },
    WORKER_NOT_FOUND: { status: 404, message: 'Pekerja tidak ditemukan.' },
    WORKER_NIK_EXISTS: { status: 409, message: 'NIK sudah terdaftar.' },
    WORKER_VERSION_CONFLICT: { status: 409, message: 'Data pekerja sudah diubah orang lain.' },
    WORKER_ALREADY_INACTIVE: { status: 409, message: 'Pekerja sudah nonaktif.' },
  },
  auditLabels: WORKER_AUDIT_LABELS,
});

export {
  addNameKeys,
  insertWorkersFrom,
  LOADED_PERSON_COLUMNS,
  lockRegistryForLoad,
  WorkersLoad,
} from './bulk-load.js';
export { insertWorkersBulk, updateWorkersFrom } from './workers.bulk.js';
export { deactivateMergedWorker } from './workers.merge.js';
export { presentWorker } from './workers.presenter.js';
export {
  AUDITED_COLUMNS,
  createWorkersRepo,
  NAME_TRIGRAM_COLUMNS,
  nameTrigramValues,
  PERSON_COLUMNS,
  type WorkerFields,
  type WorkerRow,
} from './workers.repo.js';
export { checkWorker, NIK_REGISTERED_MESSAGE, type WorkerInput } from './workers.rules.js';
export {
  domicileOf,
  type WorkerPlace,
  workersInRegions,
  workersScope,
} from './workers.scope.js';
export type { WorkerService } from './workers.service.js';
