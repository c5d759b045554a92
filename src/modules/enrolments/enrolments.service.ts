import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { Uuid } from '../../contracts/common.js';
import {
  END_REASON_LABELS,
  type EnrolmentEnd,
  type EnrolmentJob,
  type EnrolmentPage,
  type EnrolmentQuery,
  type EnrolmentWithHistory,
  type ExchangeProgress,
  type ExportFormat,
  type ResponseReport,
} from '../../contracts/enrolments.js';
import { MAX_UPLOAD_BYTES } from '../../contracts/imports.js';
import type { ServiceContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import type { Database } from '../../platform/db/index.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { JobKeyTaken, type JobRunner } from '../../platform/jobs/index.js';
import { regionScope } from '../../platform/scope.js';
import type { FileStore } from '../../platform/storage/index.js';
import { storeUpload } from '../../platform/storage/upload.js';
import { authorize, can } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { programmesScope } from '../programmes/index.js';
import { createWorkersRepo, workersScope } from '../workers/index.js';
import {
  EXPORT,
  type ExchangeLocal,
  type ExportPayload,
  type ExportResult,
  exchangeKey,
  RESPONSE,
  type ResponsePayload,
} from './enrolments.jobs.js';
import { presentEnrolment, withHistory } from './enrolments.presenter.js';
import { createEnrolmentsRepo, type EnrolmentRow, type ProgrammeFacts } from './enrolments.repo.js';
import { enrolmentsScope } from './enrolments.scope.js';

export interface EnrolmentServiceDeps {
  db: Database;
  files: FileStore;
  jobs: JobRunner;
}

/** A BPJS response file as it arrives (an upload's stream, or the CLI's file). */
export interface ResponseInput {
  source: Readable | AsyncIterable<Buffer>;
  fileName: string;
  programmeId?: string | undefined;
  dryRun: boolean;
}

const Cursor = z.object({ id: Uuid });

export const enrolmentNotFound = () => new AppError('ENROLMENT_NOT_FOUND', 'Kepesertaan tidak ditemukan.');
export const programmeNotFound = () => new AppError('NOT_FOUND', 'Program tidak ditemukan.');
const jobNotFound = () =>
  new AppError('ENROLMENT_JOB_NOT_FOUND', 'Proses ekspor atau jawaban BPJS tidak ditemukan.');

/** A page of enrolments as the client reads it, with the cursor of the next one. */
function pageOf(page: { rows: EnrolmentRow[]; hasMore: boolean }) {
  const last = page.rows.at(-1);
  return {
    items: page.rows.map(presentEnrolment),
    nextCursor: page.hasMore && last ? encodeCursor({ id: last.id }) : null,
  };
}

/** The first day of the month of an ISO date. */
const firstDayOf = (iso: string) => `${iso.slice(0, 7)}-01`;

export function createEnrolmentService({ db, files, jobs }: EnrolmentServiceDeps) {
  const repoFor = (ctx: ServiceContext) => createEnrolmentsRepo(dbFor(db, ctx));

  async function history(ctx: ServiceContext, rows: EnrolmentRow[]): Promise<EnrolmentWithHistory[]> {
    return withHistory(rows, await repoFor(ctx).events(rows.map((r) => r.id)));
  }

  async function programmeOf(ctx: ServiceContext, programmeId: string) {
    const programme = await repoFor(ctx).programme(programmeId);
    if (!programme) throw programmeNotFound();
    return programme;
  }

  /** Whether the actor may follow an exchange job of this programme (its place is in the payload). */
  function mayExchange(ctx: ServiceContext, p: { regionCode: string | null; sponsorId: string | null }) {
    if (!can(ctx.actor, 'enrolment.exchange') || p.regionCode === null || p.sponsorId === null) return false;
    return programmesScope(ctx.actor).allows({ region_code: p.regionCode, sponsor_id: p.sponsorId });
  }

  /** A programme the actor may exchange files for (its place checked as the jobs' polls check it). */
  async function exchangeProgramme(ctx: ServiceContext, programmeId: string) {
    authorize(ctx.actor, 'enrolment.exchange');
    const programme = await programmeOf(ctx, programmeId);
    const place = { regionCode: programme.region_code, sponsorId: programme.sponsor_id };
    if (!mayExchange(ctx, place)) throw programmeNotFound();
    return programme;
  }

  const caller = (ctx: ServiceContext) => ({
    actor: ctx.actor,
    requestId: ctx.requestId,
    now: ctx.now.toISOString(),
    ...(ctx.origin ? { origin: ctx.origin } : {}),
  });

  async function exportPayload(ctx: ServiceContext, programmeId: string, format: ExportFormat) {
    const programme = await exchangeProgramme(ctx, programmeId);
    return {
      ...caller(ctx),
      programmeId,
      regionCode: programme.region_code,
      sponsorId: programme.sponsor_id,
      format,
    } satisfies ExportPayload;
  }

  /** Checks the caller and the file's type, then stores the upload (size-limited) for the job. */
  async function responsePayload(ctx: ServiceContext, input: ResponseInput): Promise<ResponsePayload> {
    const ext = extname(input.fileName).toLowerCase();
    let programme: ProgrammeFacts | null = null;
    try {
      authorize(ctx.actor, 'enrolment.exchange');
      if (input.programmeId) programme = await exchangeProgramme(ctx, input.programmeId);
      if (ext !== '.csv' && ext !== '.xlsx')
        throw new AppError('FILE_TYPE_UNSUPPORTED', 'Berkas jawaban BPJS harus .xlsx atau .csv.');
    } catch (e) {
      // Refused before reading: drain the upload so that the request ends with the error.
      (input.source as Partial<Readable>).resume?.();
      throw e;
    }
    const fileKey = `enrolments/responses/${randomUUID()}${ext}`;
    try {
      await storeUpload(files, fileKey, input.source, { maxBytes: MAX_UPLOAD_BYTES });
    } catch (e) {
      await files.remove(fileKey);
      throw e;
    }
    return {
      ...caller(ctx),
      programmeId: programme?.id ?? null,
      regionCode: programme?.region_code ?? null,
      sponsorId: programme?.sponsor_id ?? null,
      fileKey,
      fileName: input.fileName,
      dryRun: input.dryRun,
    };
  }

  const sliced = (local: ExchangeLocal) => (local.slice ? { slice: local.slice } : {});

  const busy = () =>
    new AppError(
      'ENROLMENT_EXCHANGE_BUSY',
      'Ekspor daftar peserta atau penerapan jawaban BPJS untuk program ini sedang berjalan. Tunggu sampai selesai.',
    );

  async function enqueue(kind: string, payload: ExportPayload | ResponsePayload, key: string | undefined) {
    try {
      return await jobs.enqueue(kind, payload, {
        ...(key ? { key } : {}),
        createdBy: payload.actor.label,
        ...(payload.regionCode ? { regionCode: payload.regionCode } : {}),
      });
    } catch (e) {
      if (e instanceof JobKeyTaken) throw busy();
      throw e;
    }
  }

  /** Runs the job in this process to its end; the job's own error when it failed. */
  async function runHere<P extends ExportPayload | ResponsePayload, R>(
    kind: string,
    payload: P,
    key: string | undefined,
    local: ExchangeLocal,
  ): Promise<R> {
    try {
      return await jobs.runNow<P, R, ExchangeLocal>(
        kind,
        payload,
        { ...(key ? { key } : {}), createdBy: payload.actor.label },
        local,
      );
    } catch (e) {
      if (e instanceof JobKeyTaken) throw busy();
      throw e;
    }
  }

  function present(
    jobId: string,
    kind: string,
    payload: ExportPayload | ResponsePayload,
    state: EnrolmentJob['state'],
    progress: ExchangeProgress | null,
    result: unknown,
    error: string | null,
  ): EnrolmentJob {
    const exp = kind === EXPORT ? (result as ExportResult | null) : null;
    return {
      jobId,
      kind: kind === EXPORT ? 'export' : 'response',
      programmeId: payload.programmeId,
      state,
      progress,
      export: exp
        ? {
            format: exp.format,
            rows: exp.rows,
            submitted: exp.submitted,
            fileName: exp.fileName,
            downloadUrl: `/api/v1/enrolment-jobs/${jobId}/file`,
          }
        : null,
      report: kind === RESPONSE ? ((result as ResponseReport | null) ?? null) : null,
      error,
    };
  }

  return {
    /** A programme's enrolments the reader may see, by status and regency, a page at a time. */
    async list(ctx: ServiceContext, programmeId: string, q: EnrolmentQuery): Promise<EnrolmentPage> {
      authorize(ctx.actor, 'enrolment.read');
      await programmeOf(ctx, programmeId);
      const scope = enrolmentsScope(ctx.actor);
      const repo = repoFor(ctx);
      const after = q.cursor ? decodeCursor(q.cursor, Cursor).id : undefined;
      const page = await repo.list({
        programmeId,
        scope,
        limit: q.limit,
        ...(q.status ? { status: q.status } : {}),
        ...(q.regency ? { regency: q.regency } : {}),
        ...(after ? { afterId: after } : {}),
      });
      return { ...pageOf(page), counts: await repo.counts(programmeId, scope) };
    },

    /** The enrolments a sponsor officer's sponsors pay for (sent to BPJS, active or ended). */
    async sponsored(ctx: ServiceContext, q: { limit: number; cursor?: string | undefined }) {
      authorize(ctx.actor, 'enrolment.read');
      const after = q.cursor ? decodeCursor(q.cursor, Cursor).id : undefined;
      return pageOf(await repoFor(ctx).sponsored(enrolmentsScope(ctx.actor), after, q.limit));
    },

    /** A worker's enrolments the reader may see, newest first, each with its history. */
    async ofWorker(ctx: ServiceContext, workerId: string): Promise<EnrolmentWithHistory[]> {
      authorize(ctx.actor, 'enrolment.read');
      const rows = await repoFor(ctx).byWorker(workerId, enrolmentsScope(ctx.actor));
      // A worker the reader cannot see answers like a missing one, enrolments or not.
      if (
        rows.length === 0 &&
        !(await createWorkersRepo(dbFor(db, ctx)).findById(workerId, workersScope(ctx.actor)))
      )
        throw new AppError('WORKER_NOT_FOUND', 'Data pekerja tidak ditemukan.');
      return history(ctx, rows);
    },

    async get(ctx: ServiceContext, id: string): Promise<EnrolmentWithHistory> {
      authorize(ctx.actor, 'enrolment.read');
      const row = await repoFor(ctx).findById(id, enrolmentsScope(ctx.actor));
      if (!row) throw enrolmentNotFound();
      return (await history(ctx, [row]))[0]!;
    },

    /**
     * Ends a submitted or active enrolment from `effectiveOn` (period over, withdrawn, died, became a
     * wage earner): its last month becomes the month it ends in, so later months are free for another
     * programme. Recorded in its history and the audit trail.
     */
    async end(ctx: ServiceContext, id: string, input: EnrolmentEnd): Promise<EnrolmentWithHistory> {
      authorize(ctx.actor, 'enrolment.manage');
      return inTransaction(db, ctx, async (tx) => {
        const repo = repoFor(tx);
        const row = await repo.findById(id, enrolmentsScope(tx.actor), true);
        if (!row) throw enrolmentNotFound();
        if (input.version !== undefined && input.version !== row.version)
          throw new AppError(
            'ENROLMENT_VERSION_CONFLICT',
            'Kepesertaan sudah diubah orang lain; muat ulang.',
          );
        if (row.status !== 'active' && row.status !== 'submitted')
          throw new AppError(
            'ENROLMENT_STATE',
            `Hanya kepesertaan yang aktif atau sudah dikirim ke BPJS yang dapat diakhiri (status sekarang: ${row.status}).`,
            { status: row.status },
          );
        const endMonth = firstDayOf(input.effectiveOn);
        if (endMonth < row.first_month)
          throw new AppError(
            'ENROLMENT_DATE_INVALID',
            `Tanggal berakhir ${input.effectiveOn} sebelum bulan pertama kepesertaan (${row.first_month.slice(0, 7)}).`,
            { field: 'effectiveOn' },
          );
        const lastMonth = endMonth < row.last_month ? endMonth : row.last_month;
        await repo.end(id, { reason: input.reason, effectiveOn: input.effectiveOn, lastMonth, at: tx.now });
        const reason = input.note
          ? `${END_REASON_LABELS[input.reason].id}: ${input.note}`
          : END_REASON_LABELS[input.reason].id;
        await repo.addEvent({
          enrolmentId: id,
          at: tx.now,
          effectiveOn: input.effectiveOn,
          from: row.status,
          to: 'ended',
          reason,
          actor: tx.actor,
        });
        await recordAudit(db, tx, {
          action: 'enrolment.end',
          entityType: 'enrolment',
          entityId: id,
          regionCode: row.district_code,
          before: { status: row.status, lastMonth: row.last_month.slice(0, 7) },
          after: {
            status: 'ended',
            endReason: input.reason,
            endedOn: input.effectiveOn,
            lastMonth: lastMonth.slice(0, 7),
          },
        });
        const updated = await repo.findById(id, enrolmentsScope(tx.actor));
        return (await history(tx, [updated!]))[0]!;
      });
    },

    /**
     * The roster for BPJS as a job run here to its end (the CLI, tests): proposed enrolments of the
     * approved rosters become submitted, slice by slice (already submitted ones are sent again), and
     * the roster is written to `path` as .xlsx or .csv. Audited (the file carries full NIKs).
     */
    async exportRoster(
      ctx: ServiceContext,
      programmeId: string,
      format: ExportFormat,
      path: string,
      local: ExchangeLocal = {},
    ): Promise<{ rows: number; submitted: number }> {
      const payload = { ...(await exportPayload(ctx, programmeId, format)), ...sliced(local) };
      const r = await runHere<ExportPayload, ExportResult>(EXPORT, payload, exchangeKey(programmeId), {
        ...local,
        out: path,
      });
      return { rows: r.rows, submitted: r.submitted };
    },

    /** Starts the roster export as a durable job: the job to poll; its file is downloaded once done. */
    async startExport(ctx: ServiceContext, programmeId: string, format: ExportFormat): Promise<EnrolmentJob> {
      const payload = await exportPayload(ctx, programmeId, format);
      const job = await enqueue(EXPORT, payload, exchangeKey(programmeId));
      return present(job.id, EXPORT, payload, job.state, null, null, null);
    },

    /**
     * A response file from BPJS (.csv or .xlsx) as a job run here to its end (the CLI, tests):
     * accepted rows set the KPJ, coverage start and status active; rejected rows status rejected with
     * the reason; every bad row is reported and the rest applied (nothing with `dryRun`). The programme
     * is the one the file's NIKs were sent for when not given.
     */
    async importResponse(
      ctx: ServiceContext,
      input: ResponseInput,
      local: ExchangeLocal = {},
    ): Promise<ResponseReport> {
      const payload = { ...(await responsePayload(ctx, input)), ...sliced(local) };
      const key = payload.programmeId && !payload.dryRun ? exchangeKey(payload.programmeId) : undefined;
      try {
        return await runHere<ResponsePayload, ResponseReport>(RESPONSE, payload, key, local);
      } catch (e) {
        // Refused before it ran (another run of the programme's exchange): the upload is not kept.
        if (e instanceof AppError && e.code === 'ENROLMENT_EXCHANGE_BUSY')
          await files.remove(payload.fileKey);
        throw e;
      }
    },

    /** Stores the uploaded response file and starts applying (or checking) it as a durable job. */
    async startResponse(ctx: ServiceContext, input: ResponseInput): Promise<EnrolmentJob> {
      const payload = await responsePayload(ctx, input);
      try {
        const key = payload.dryRun ? undefined : exchangeKey(payload.programmeId!);
        const job = await enqueue(RESPONSE, payload, key);
        return present(job.id, RESPONSE, payload, job.state, null, null, null);
      } catch (e) {
        await files.remove(payload.fileKey);
        throw e;
      }
    },

    /**
     * An exchange job, for polling: its progress, then the export's download or the response's report.
     * Only for those who may exchange files for the job's programme. While it runs in this process,
     * from memory: on PGlite a slice's transaction holds the only connection.
     */
    async job(ctx: ServiceContext, jobId: string): Promise<EnrolmentJob> {
      authorize(ctx.actor, 'enrolment.exchange');
      const here = jobs.runningHere(jobId);
      const stored = here ? null : await jobs.get(jobId);
      const kind = here?.kind ?? stored?.kind;
      const payload = (here?.payload ?? stored?.payload) as (ExportPayload | ResponsePayload) | undefined;
      if (!payload || (kind !== EXPORT && kind !== RESPONSE) || !mayExchange(ctx, payload))
        throw jobNotFound();
      if (here)
        return present(jobId, kind, payload, 'running', here.progress as ExchangeProgress | null, null, null);
      const j = stored!;
      return present(
        jobId,
        kind,
        payload,
        j.state,
        j.progress as ExchangeProgress | null,
        j.state === 'succeeded' ? j.result : null,
        j.state === 'failed' || j.state === 'cancelled' ? j.lastError : null,
      );
    },

    /**
     * The file a finished export produced, for those who may exchange files for its programme and see
     * at least what its maker saw. Audited: the file carries full NIKs.
     */
    async download(
      ctx: ServiceContext,
      jobId: string,
    ): Promise<{ path: string; fileName: string; format: ExportFormat }> {
      authorize(ctx.actor, 'enrolment.exchange');
      const job = await jobs.get(jobId);
      const payload = job?.payload as ExportPayload | undefined;
      if (!job || job.kind !== EXPORT || !payload || !mayExchange(ctx, payload)) throw jobNotFound();
      const mine = regionScope<string>(ctx.actor.regionCodes, {
        kind: 'code',
        column: 'x',
        regionOf: (c) => c,
      });
      if (!payload.actor.regionCodes.every((c) => mine.covers(c)))
        throw new AppError(
          'FORBIDDEN',
          'Berkas ini dibuat untuk wilayah yang lebih luas dari wilayah kerja Anda; buat ekspor sendiri.',
          { permission: 'enrolment.exchange' },
        );
      const result = job.result as ExportResult | null;
      if (job.state !== 'succeeded' || !result?.fileKey)
        throw new AppError('EXPORT_NOT_READY', 'Berkas daftar peserta belum selesai dibuat.');
      const path = await files.localPath(result.fileKey);
      await recordAudit(db, ctx, {
        action: 'enrolment.download',
        entityType: 'programme',
        entityId: payload.programmeId,
        regionCode: payload.regionCode,
        details: { jobId, format: result.format, rows: result.rows },
      });
      return { path, fileName: result.fileName, format: result.format };
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
