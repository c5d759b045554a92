import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';
import { RegionCode } from './regions.js';

/**
 * Enrolments (Kepesertaan, DESIGN §5): a worker in a programme for a run of months, and the exchange of
 * files with BPJS Ketenagakerjaan that carries them from proposed to active.
 */
export const ENROLMENT_STATUSES = [
  'proposed',
  'submitted',
  'active',
  'ended',
  'rejected',
  'cancelled',
] as const;
export const EnrolmentStatus = z.enum(ENROLMENT_STATUSES);
export type EnrolmentStatus = z.infer<typeof EnrolmentStatus>;

/**
 * The statuses whose enrolment holds its months and its programme's money (migration 0021's exclusion
 * constraint lists the same): every one but rejected and cancelled.
 */
export const HOLDING_STATUSES = [
  'proposed',
  'submitted',
  'active',
  'ended',
] as const satisfies readonly EnrolmentStatus[];

export const END_REASONS = ['period_over', 'withdrawn', 'died', 'wage_earner'] as const;
export const EndReason = z.enum(END_REASONS);
export type EndReason = z.infer<typeof EndReason>;

/** What each status and end reason is called on screen and in files. */
export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, { id: string; en: string }> = {
  proposed: { id: 'Diusulkan', en: 'Proposed' },
  submitted: { id: 'Dikirim ke BPJS', en: 'Submitted to BPJS' },
  active: { id: 'Aktif', en: 'Active' },
  ended: { id: 'Tidak Aktif', en: 'Ended' },
  rejected: { id: 'Ditolak BPJS', en: 'Rejected by BPJS' },
  cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
};
export const END_REASON_LABELS: Record<EndReason, { id: string; en: string }> = {
  period_over: { id: 'Masa program selesai', en: 'Programme period over' },
  withdrawn: { id: 'Mengundurkan diri', en: 'Withdrawn' },
  died: { id: 'Meninggal dunia', en: 'Died' },
  wage_earner: { id: 'Menjadi pekerja penerima upah', en: 'Became a wage earner' },
};

/** A KPJ: the 11-digit BPJS Ketenagakerjaan participant number, one person's for life. */
export const Kpj = z.string().regex(/^\d{11}$/, 'KPJ harus 11 angka');

export const EnrolmentEvent = z.object({
  at: z.string(),
  effectiveOn: IsoDate.nullable(),
  fromStatus: EnrolmentStatus.nullable(),
  toStatus: EnrolmentStatus,
  reason: z.string().nullable(),
  actor: z.string(),
});
export type EnrolmentEvent = z.infer<typeof EnrolmentEvent>;

export const Enrolment = z.object({
  id: Uuid,
  workerId: Uuid,
  programmeId: Uuid,
  programmeName: z.string(),
  sponsorId: Uuid,
  sponsorName: z.string(),
  rosterId: Uuid.nullable(),
  /** The worker's name and masked NIK: all a sponsor officer learns of the registry. */
  workerName: z.string(),
  nikMasked: z.string(),
  regencyCode: z.string(),
  districtCode: z.string(),
  status: EnrolmentStatus,
  /** `YYYY-MM`: the first and last month paid for. */
  firstMonth: z.string(),
  lastMonth: z.string(),
  monthlyCost: z.number().int(),
  totalCost: z.number().int(),
  kpj: Kpj.nullable(),
  coverageStart: IsoDate.nullable(),
  rejectionReason: z.string().nullable(),
  endReason: EndReason.nullable(),
  endedOn: IsoDate.nullable(),
  version: z.number().int(),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const EnrolmentWithHistory = Enrolment.extend({ history: z.array(EnrolmentEvent) });
export type EnrolmentWithHistory = z.infer<typeof EnrolmentWithHistory>;

export const EnrolmentQuery = z.object({
  status: EnrolmentStatus.optional(),
  regency: RegionCode.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type EnrolmentQuery = z.infer<typeof EnrolmentQuery>;

export const EnrolmentPage = z.object({
  items: z.array(Enrolment),
  nextCursor: z.string().nullable(),
  /** Enrolments of the programme the reader may see, by status (whatever the filter). */
  counts: z.record(z.string(), z.number().int()),
});
export type EnrolmentPage = z.infer<typeof EnrolmentPage>;

export const WorkerEnrolments = z.object({ items: z.array(EnrolmentWithHistory) });
export type WorkerEnrolments = z.infer<typeof WorkerEnrolments>;

/** Ends an enrolment early (or at its period's end): from the month of `effectiveOn` on it pays nothing. */
export const EnrolmentEnd = z.object({
  reason: EndReason,
  effectiveOn: IsoDate,
  note: z.string().trim().max(500).optional(),
  version: z.number().int().min(1).optional(),
});
export type EnrolmentEnd = z.infer<typeof EnrolmentEnd>;

export const ExportFormat = z.enum(['xlsx', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** One bad row of a BPJS response file: where, which field, what is wrong and how to fix it. */
export const ResponseRowError = z.object({
  row: z.number().int(),
  field: z.enum(['nik', 'kpj', 'date', 'status', 'file']),
  code: z.string(),
  message: z.string(),
});
export type ResponseRowError = z.infer<typeof ResponseRowError>;

export const ResponseReport = z.object({
  programmeId: Uuid,
  fileName: z.string(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  /** Rows that set an enrolment active / rejected (or would, in a dry run). */
  activated: z.number().int(),
  rejected: z.number().int(),
  /** Rows that say what the enrolment already records (a file imported twice). */
  unchanged: z.number().int(),
  errors: z.array(ResponseRowError),
  /** The error count; `errors` lists at most the first 1,000. */
  errorCount: z.number().int(),
  /** A sentence for people: what happened, and whether the file was applied before. */
  summary: z.string(),
});
export type ResponseReport = z.infer<typeof ResponseReport>;

/** Starts a roster export job. */
export const ExportRequest = z.object({ format: ExportFormat.default('xlsx') });
export type ExportRequest = z.infer<typeof ExportRequest>;

export const EXCHANGE_PHASES = ['reading', 'submitting', 'writing', 'applying', 'done'] as const;

/** How far an exchange job is: its phase, and rows done of the phase's total (null when unknown yet). */
export const ExchangeProgress = z.object({
  phase: z.enum(EXCHANGE_PHASES),
  done: z.number().int(),
  total: z.number().int().nullable(),
});
export type ExchangeProgress = z.infer<typeof ExchangeProgress>;

/** A finished roster export: what the file holds and where to download it (audited, full NIKs). */
export const ExportOutcome = z.object({
  format: ExportFormat,
  rows: z.number().int(),
  /** Enrolments this export moved from proposed to submitted. */
  submitted: z.number().int(),
  fileName: z.string(),
  downloadUrl: z.string(),
});
export type ExportOutcome = z.infer<typeof ExportOutcome>;

/**
 * A roster export or a BPJS response import running as a durable job (poll until `state` is
 * succeeded, failed or cancelled): progress while it runs, then the file or the report.
 */
export const EnrolmentJob = z.object({
  jobId: Uuid,
  kind: z.enum(['export', 'response']),
  programmeId: Uuid.nullable(),
  state: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  progress: ExchangeProgress.nullable(),
  export: ExportOutcome.nullable(),
  report: ResponseReport.nullable(),
  error: z.string().nullable(),
});
export type EnrolmentJob = z.infer<typeof EnrolmentJob>;

export const ENROLMENT_PERMISSIONS = ['enrolment.read', 'enrolment.manage', 'enrolment.exchange'] as const;
declare module './roles.js' {
  interface PermissionRegistry extends Record<(typeof ENROLMENT_PERMISSIONS)[number], true> {}
}

export const ENROLMENT_AUDIT_LABELS = {
  'enrolment.end': { id: 'Kepesertaan diakhiri', en: 'Enrolment ended' },
  'enrolment.submit': { id: 'Kepesertaan dikirim ke BPJS', en: 'Enrolment submitted to BPJS' },
  'enrolment.export': { id: 'Daftar peserta diekspor untuk BPJS', en: 'Roster exported for BPJS' },
  'enrolment.response': { id: 'Berkas jawaban BPJS diproses', en: 'BPJS response file processed' },
  'enrolment.download': { id: 'Daftar peserta untuk BPJS diunduh', en: 'Roster for BPJS downloaded' },
} as const;
