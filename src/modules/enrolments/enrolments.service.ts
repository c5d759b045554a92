import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { Uuid } from '../../contracts/common.js';
import {
  END_REASON_LABELS,
  type EnrolmentEnd,
  type EnrolmentPage,
  type EnrolmentQuery,
  type EnrolmentWithHistory,
  type ExportFormat,
  type ResponseReport,
} from '../../contracts/enrolments.js';
import { MAX_UPLOAD_BYTES } from '../../contracts/imports.js';
import type { ServiceContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/cursor.js';
import type { Database } from '../../platform/db/index.js';
import { dbFor, inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/storage/index.js';
import { storeUpload } from '../../platform/storage/upload.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { createWorkersRepo, workersScope } from '../workers/index.js';
import { writeRoster } from './enrolments.export.js';
import { presentEnrolment, withHistory } from './enrolments.presenter.js';
import { createEnrolmentsRepo, type EnrolmentRow } from './enrolments.repo.js';
import { applyResponse } from './enrolments.response.js';
import { enrolmentsScope } from './enrolments.scope.js';

export interface EnrolmentServiceDeps {
  db: Database;
  files: FileStore;
}

const Cursor = z.object({ id: Uuid });

export const enrolmentNotFound = () => new AppError('ENROLMENT_NOT_FOUND', 'Kepesertaan tidak ditemukan.');
export const programmeNotFound = () => new AppError('NOT_FOUND', 'Program tidak ditemukan.');

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

export function createEnrolmentService({ db, files }: EnrolmentServiceDeps) {
  const repoFor = (ctx: ServiceContext) => createEnrolmentsRepo(dbFor(db, ctx));

  async function history(ctx: ServiceContext, rows: EnrolmentRow[]): Promise<EnrolmentWithHistory[]> {
    return withHistory(rows, await repoFor(ctx).events(rows.map((r) => r.id)));
  }

  async function programmeOf(ctx: ServiceContext, programmeId: string) {
    const programme = await repoFor(ctx).programme(programmeId);
    if (!programme) throw programmeNotFound();
    return programme;
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
     * The roster for BPJS: the programme's enrolments in approved rosters, proposed ones becoming
     * submitted (already submitted ones are sent again), written to `path` as .xlsx or .csv. Audited
     * with the count and format (the file carries full NIKs).
     */
    async exportRoster(
      ctx: ServiceContext,
      programmeId: string,
      format: ExportFormat,
      path: string,
    ): Promise<{ rows: number; submitted: number }> {
      authorize(ctx.actor, 'enrolment.exchange');
      const scope = enrolmentsScope(ctx.actor);
      const programme = await programmeOf(ctx, programmeId);
      // One unit: enrolments become submitted only with the roster written and both audit events
      // recorded; a failed write leaves them proposed, as if nothing had been exported.
      return inTransaction(db, ctx, async (tx) => {
        const repo = repoFor(tx);
        const submitted = await repo.submitApproved(programmeId, scope, tx.now, tx.actor);
        await recordAudit(db, tx, {
          action: 'enrolment.submit',
          entityType: 'programme',
          entityId: programmeId,
          regionCode: programme.region_code,
          details: { submitted },
        });
        const rows = await writeRoster(repo, programme, scope, format, path);
        await recordAudit(db, tx, {
          action: 'enrolment.export',
          entityType: 'programme',
          entityId: programmeId,
          regionCode: programme.region_code,
          details: { format, rows, submitted },
        });
        return { rows, submitted };
      });
    },

    /**
     * A response file from BPJS (.csv or .xlsx at `path`): accepted rows set the KPJ, coverage start
     * and status active; rejected rows status rejected with the reason; every bad row is reported and
     * the rest applied (nothing with `dryRun`). The programme is the one the file's NIKs were sent for
     * when not given.
     */
    async importResponse(
      ctx: ServiceContext,
      input: {
        source: Readable | AsyncIterable<Buffer>;
        fileName: string;
        programmeId?: string | undefined;
        dryRun: boolean;
      },
    ): Promise<ResponseReport> {
      const ext = extname(input.fileName).toLowerCase();
      try {
        authorize(ctx.actor, 'enrolment.exchange');
        if (input.programmeId) await programmeOf(ctx, input.programmeId);
        if (ext !== '.csv' && ext !== '.xlsx')
          throw new AppError('FILE_TYPE_UNSUPPORTED', 'Berkas jawaban BPJS harus .xlsx atau .csv.');
      } catch (e) {
        // Refused before reading: drain the upload so that the request ends with the error.
        (input.source as Partial<Readable>).resume?.();
        throw e;
      }
      const key = `enrolments/responses/${randomUUID()}${ext}`;
      try {
        await storeUpload(files, key, input.source, { maxBytes: MAX_UPLOAD_BYTES });
        const path = await files.localPath(key);
        return await applyResponse(db, ctx, enrolmentsScope(ctx.actor), {
          path,
          fileName: input.fileName,
          programmeId: input.programmeId,
          dryRun: input.dryRun,
        });
      } finally {
        await files.remove(key);
      }
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
