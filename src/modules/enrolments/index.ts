import { ENROLMENT_AUDIT_LABELS, ENROLMENT_PERMISSIONS } from '../../contracts/enrolments.js';
import { MAX_UPLOAD_BYTES } from '../../contracts/imports.js';
import { type CoreDeps, defineFeature } from '../../platform/feature.js';
import { enrolmentJobHandlers } from './enrolments.jobs.js';
import { enrolmentRoutes } from './enrolments.routes.js';
import { createEnrolmentService } from './enrolments.service.js';

/**
 * Enrolments (Kepesertaan): the lifecycle proposed → submitted → active → ended / rejected / cancelled
 * with its history, the database's no-double-funding guarantee (migration 0021), and the exchange of
 * files with BPJS Ketenagakerjaan (roster out, response in).
 *
 * Permissions: `enrolment.read` (see enrolments in scope: regions, or a sponsor officer's sponsors),
 * `enrolment.manage` (end one: period over, withdrawn, died, wage earner), `enrolment.exchange` (export
 * the roster with full NIKs and apply BPJS's response: the province administrator and the BPJS liaison).
 */
export const feature = defineFeature({
  name: 'enrolments',
  services: ({ db, files, jobs }: CoreDeps) => ({ enrolments: createEnrolmentService({ db, files, jobs }) }),
  jobs: ({ db, files }: CoreDeps) => enrolmentJobHandlers({ db, files }),
  routes: (app) => enrolmentRoutes(app),
  permissions: ENROLMENT_PERMISSIONS,
  grants: {
    province_admin: ['enrolment.read', 'enrolment.manage', 'enrolment.exchange'],
    regency_operator: ['enrolment.read', 'enrolment.manage'],
    enumerator: ['enrolment.read'],
    sponsor_officer: ['enrolment.read'],
    bpjs_liaison: ['enrolment.read', 'enrolment.exchange'],
    auditor: ['enrolment.read'],
  },
  maxUploadBytes: MAX_UPLOAD_BYTES,
  errors: {
    ENROLMENT_NOT_FOUND: { status: 404, message: 'Kepesertaan tidak ditemukan.' },
    ENROLMENT_STATE: { status: 409, message: 'Kepesertaan tidak dalam status yang sesuai.' },
    ENROLMENT_VERSION_CONFLICT: { status: 409, message: 'Kepesertaan sudah diubah orang lain.' },
    ENROLMENT_DATE_INVALID: { status: 422, message: 'Tanggal tidak sesuai dengan masa kepesertaan.' },
    PROGRAMME_REQUIRED: { status: 422, message: 'Pilih program untuk berkas jawaban ini.' },
    ENROLMENT_JOB_NOT_FOUND: { status: 404, message: 'Proses ekspor atau jawaban BPJS tidak ditemukan.' },
    ENROLMENT_EXCHANGE_BUSY: { status: 409, message: 'Pertukaran berkas BPJS program ini sedang berjalan.' },
    EXPORT_NOT_READY: { status: 409, message: 'Berkas daftar peserta belum selesai dibuat.' },
  },
  auditLabels: ENROLMENT_AUDIT_LABELS,
  commands: {
    enrolments: {
      help: 'enrolments export PROGRAMME --out FILE | import-response FILE [--programme ID] [--dry-run] [--json]   exchange with BPJS',
      order: 60,
      run: async (argv, io) => (await import('./enrolments.cli.js')).enrolmentsCommand(argv, io),
    },
  },
});

export {
  cancelRosterEnrolments,
  type EnrolmentActor,
  insertProposedEnrolments,
  isDoubleFunding,
  type ProposedEnrolments,
} from './enrolments.propose.js';
export { type EnrolmentPlace, enrolmentsScope } from './enrolments.scope.js';
export type { EnrolmentService } from './enrolments.service.js';
