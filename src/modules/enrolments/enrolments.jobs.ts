import { createReadStream } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ExchangeProgress,
  ExportFormat,
  ResponseReport,
  ResponseRowError,
} from '../../contracts/enrolments.js';
import type { Actor, ServiceContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors.js';
import { isRetryable, type JobRun } from '../../platform/jobs/index.js';
import type { FileStore } from '../../platform/storage/index.js';
import { authorize } from '../access/index.js';
import { recordAudit } from '../audit/index.js';
import { writeRoster } from './enrolments.export.js';
import { createEnrolmentsRepo } from './enrolments.repo.js';
import {
  activate,
  candidates,
  decide,
  kpjHolders,
  MAX_LISTED_ERRORS,
  programmeOfNiks,
  readResponse,
  refuseRepeats,
  reject,
  summaryOf,
} from './enrolments.response.js';
import { enrolmentsScope } from './enrolments.scope.js';

/**
 * The exchange with BPJS Ketenagakerjaan as durable jobs (decision 0018): the roster export
 * (`enrolments.export`) and the response import (`enrolments.response`). Both work in slices of
 * SLICE enrolments, one transaction each; what a slice writes (statuses, KPJs, history rows, the
 * slice's audit event) commits together with the slice's counts in `enrolment_exchanges` (migration
 * 0022), so a run interrupted after a slice is re-run from there: nothing is done twice, and the
 * result is that of one clean run.
 */
export const EXPORT = 'enrolments.export';
export const RESPONSE = 'enrolments.response';
export const SLICE = 10_000;
/** One export or applied response per programme at a time (dry runs take no key). */
export const exchangeKey = (programmeId: string) => `enrolment-exchange:${programmeId}`;

interface Caller {
  /** Enrolments per transaction (SLICE unless a test asks for smaller ones). */
  slice?: number;
  actor: Actor;
  requestId: string;
  now: string;
  origin?: string;
}

export interface ExportPayload extends Caller {
  programmeId: string;
  /** The programme's place, so a poll is answered without the database. */
  regionCode: string;
  sponsorId: string;
  format: ExportFormat;
}

export interface ResponsePayload extends Caller {
  /** Null (the CLI without --programme): found from the file's NIKs. */
  programmeId: string | null;
  regionCode: string | null;
  sponsorId: string | null;
  /** The uploaded file in the file store; removed when the job has ended. */
  fileKey: string;
  fileName: string;
  dryRun: boolean;
}

export interface ExportResult {
  programmeId: string;
  format: ExportFormat;
  rows: number;
  submitted: number;
  /** In the file store (absent when a caller wrote the file elsewhere: the CLI's --out). */
  fileKey: string | null;
  fileName: string;
}

/** What a caller running the job in its own process may hear or ask for (the CLI, tests, the bench). */
export interface ExchangeLocal {
  onProgress?: (p: ExchangeProgress) => void;
  /** Export: write the file here instead of the file store (the CLI's --out). */
  out?: string;
  /** Enrolments per transaction, kept in the job's payload so that a re-run slices the same way. */
  slice?: number;
  /** Called after each committed slice (tests: throwing here stops the run as a crash would). */
  afterSlice?: (slice: number) => void | Promise<void>;
}

export const exportFileKey = (jobId: string, format: ExportFormat) => `enrolments/exports/${jobId}.${format}`;
export const exportFileName = (programmeId: string, format: ExportFormat) =>
  `daftar-peserta-${programmeId.slice(0, 8)}.${format}`;

const contextOf = (p: Caller): ServiceContext => ({
  actor: { ...p.actor, sponsorIds: p.actor.sponsorIds ?? [] },
  now: new Date(p.now),
  requestId: p.requestId,
  ...(p.origin ? { origin: p.origin } : {}),
});

export interface ExchangeDeps {
  db: Database;
  files: FileStore;
}

export function enrolmentJobHandlers({ db, files }: ExchangeDeps) {
  const repo = createEnrolmentsRepo(db);

  function reporter(run: JobRun<unknown, ExchangeLocal>) {
    return (p: ExchangeProgress) => {
      run.progress(p);
      run.local?.onProgress?.(p);
    };
  }

  async function exportRoster(run: JobRun<ExportPayload, ExchangeLocal>): Promise<ExportResult> {
    const p = run.payload;
    const ctx = contextOf(p);
    const progress = reporter(run);
    const done = await repo.exchange(run.id);
    if (done?.finished_at) return done.result as ExportResult;
    // The actor may have lost the right since the job was queued.
    authorize(ctx.actor, 'enrolment.exchange');
    const scope = enrolmentsScope(ctx.actor);
    const programme = await repo.programme(p.programmeId);
    if (!programme) throw new AppError('NOT_FOUND', 'Program tidak ditemukan.');
    await repo.startExchange(run.id, 'export', programme.id);

    // 1. Proposed enrolments become submitted, a slice per transaction with its events and audit event.
    const total = await repo.approvedCount(programme.id, scope, 'proposed');
    let after: string | null = null;
    let now = 0;
    let slice = 0;
    progress({ phase: 'submitting', done: 0, total });
    for (;;) {
      run.signal.throwIfAborted();
      const s = await inTransaction(db, ctx, async (tx) => {
        const r = createEnrolmentsRepo(tx.tx);
        const out = await r.submitSlice(programme.id, scope, after, p.slice ?? SLICE, tx.now, tx.actor);
        if (out.submitted > 0) {
          await r.addToExchange(run.id, { submitted: out.submitted });
          await recordAudit(tx.tx, tx, {
            action: 'enrolment.submit',
            entityType: 'programme',
            entityId: programme.id,
            regionCode: programme.region_code,
            details: { submitted: out.submitted, jobId: run.id },
          });
        }
        return out;
      });
      if (s.last === null) break;
      after = s.last;
      now += s.submitted;
      progress({ phase: 'submitting', done: now, total });
      await run.local?.afterSlice?.(++slice);
    }

    if (now > 0) await repo.analyze();
    // 2. The file, from the submitted roster, page by page (memory stays flat).
    const rows = await repo.approvedCount(programme.id, scope, 'submitted');
    progress({ phase: 'writing', done: 0, total: rows });
    const dir = await mkdtemp(join(tmpdir(), 'payung-roster-'));
    const path = join(dir, `roster.${p.format}`);
    let fileKey: string | null = null;
    try {
      const written = await writeRoster(repo, programme, scope, p.format, path, (n) =>
        progress({ phase: 'writing', done: n, total: rows }),
      );
      run.signal.throwIfAborted();
      if (run.local?.out) await copyFile(path, run.local.out);
      else {
        fileKey = exportFileKey(run.id, p.format);
        await files.put(fileKey, createReadStream(path));
      }
      // 3. The run's audit event and result, once.
      const submitted = (await repo.exchange(run.id))!.submitted;
      const result: ExportResult = {
        programmeId: programme.id,
        format: p.format,
        rows: written,
        submitted,
        fileKey,
        fileName: exportFileName(programme.id, p.format),
      };
      await inTransaction(db, ctx, async (tx) => {
        await recordAudit(tx.tx, tx, {
          action: 'enrolment.export',
          entityType: 'programme',
          entityId: programme.id,
          regionCode: programme.region_code,
          details: { format: p.format, rows: written, submitted, jobId: run.id },
        });
        await createEnrolmentsRepo(tx.tx).finishExchange(run.id, result);
      });
      progress({ phase: 'done', done: written, total: written });
      return result;
    } catch (e) {
      if (fileKey) await files.remove(fileKey).catch(() => {});
      throw e;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async function applyResponse(run: JobRun<ResponsePayload, ExchangeLocal>): Promise<ResponseReport> {
    const p = run.payload;
    const ctx = contextOf(p);
    const progress = reporter(run);
    const done = await repo.exchange(run.id);
    if (done?.finished_at) {
      await files.remove(p.fileKey);
      return done.result as ResponseReport;
    }
    try {
      authorize(ctx.actor, 'enrolment.exchange');
      const scope = enrolmentsScope(ctx.actor);
      progress({ phase: 'reading', done: 0, total: null });
      const read = await readResponse(await files.localPath(p.fileKey), ctx.now);
      const fileErrors = read.errors;
      const lines = refuseRepeats(read.lines, fileErrors);
      run.signal.throwIfAborted();
      const programmeId =
        p.programmeId ??
        (await programmeOfNiks(
          db,
          lines.map((l) => l.nik),
          scope,
        ));
      const programme = await repo.programme(programmeId);
      if (!programme) throw new AppError('NOT_FOUND', 'Program tidak ditemukan.');
      // Dry runs keep their counts in memory (a re-run starts again, nothing having been written).
      const state = p.dryRun
        ? {
            next_line: 0,
            activated: 0,
            rejected: 0,
            unchanged: 0,
            errors: [] as ResponseRowError[],
            error_count: 0,
          }
        : await repo.startExchange(run.id, 'response', programmeId);
      const today = ctx.now.toISOString().slice(0, 10);
      // Whom the rows name and who holds their KPJs, read once for the rows still to apply (one scan
      // instead of one per slice). A slice changes only its own rows' enrolments (a NIK or KPJ repeated
      // in the file was refused above), so what later slices read here stays true; the writes check
      // the status again (an enrolment changed meanwhile is left alone) and a KPJ taken meanwhile fails
      // the slice on its unique key rather than being recorded twice.
      const rest = lines.slice(state.next_line);
      const found = await candidates(
        db,
        programmeId,
        rest.map((l) => l.nik),
        scope,
      );
      const holders = await kpjHolders(db, [...new Set(rest.flatMap((l) => (l.kpj ? [l.kpj] : [])))]);
      let slice = 0;
      let changed = 0;
      progress({ phase: 'applying', done: state.next_line, total: lines.length });
      const size = p.slice ?? SLICE;
      for (let i = state.next_line; i < lines.length; i += size) {
        run.signal.throwIfAborted();
        const part = lines.slice(i, i + size);
        const next = i + part.length;
        const errors: ResponseRowError[] = [];
        const plan = decide(part, found, holders, today, errors);
        const listed = errors.slice(0, Math.max(0, MAX_LISTED_ERRORS - state.errors.length));
        const d = await inTransaction(db, ctx, async (tx) => {
          const d = {
            nextLine: next,
            activated: p.dryRun ? plan.activations.length : await activate(tx, plan.activations),
            rejected: p.dryRun ? plan.rejections.length : await reject(tx, plan.rejections),
            unchanged: plan.unchanged,
            errors: listed,
            errorCount: errors.length,
          };
          if (!p.dryRun) await createEnrolmentsRepo(tx.tx).addToExchange(run.id, d);
          return d;
        });
        // Counted here only once the slice has committed.
        state.next_line = d.nextLine;
        state.activated += d.activated;
        state.rejected += d.rejected;
        state.unchanged += d.unchanged;
        state.errors.push(...d.errors);
        state.error_count += d.errorCount;
        changed += d.activated + d.rejected;
        progress({ phase: 'applying', done: next, total: lines.length });
        await run.local?.afterSlice?.(++slice);
      }
      if (!p.dryRun && changed > 0) await repo.analyze();
      const errors = [...fileErrors, ...state.errors].sort((a, b) => a.row - b.row);
      const counts = {
        dryRun: p.dryRun,
        rows: read.rows,
        activated: state.activated,
        rejected: state.rejected,
        unchanged: state.unchanged,
        errors: errors.slice(0, MAX_LISTED_ERRORS),
        errorCount: fileErrors.length + state.error_count,
      };
      const report: ResponseReport = {
        programmeId,
        fileName: p.fileName,
        ...counts,
        summary: summaryOf(counts),
      };
      await inTransaction(db, ctx, async (tx) => {
        await recordAudit(tx.tx, tx, {
          action: 'enrolment.response',
          entityType: 'programme',
          entityId: programmeId,
          regionCode: programme.region_code,
          details: {
            fileName: p.fileName,
            dryRun: p.dryRun,
            rows: read.rows,
            activated: counts.activated,
            rejected: counts.rejected,
            unchanged: counts.unchanged,
            errors: counts.errorCount,
            jobId: run.id,
          },
        });
        if (!p.dryRun) await createEnrolmentsRepo(tx.tx).finishExchange(run.id, report);
      });
      progress({ phase: 'done', done: lines.length, total: lines.length });
      await files.remove(p.fileKey);
      return report;
    } catch (e) {
      // The file stays while the job may run again (its server stopping, a retry); not after a refusal.
      if (!run.signal.aborted && !isRetryable(e)) await files.remove(p.fileKey).catch(() => {});
      throw e;
    }
  }

  return {
    [EXPORT]: { handler: exportRoster, options: { maxAttempts: 3 } },
    [RESPONSE]: {
      handler: applyResponse,
      options: {
        maxAttempts: 3,
        onAbandoned: async (job: { payload: unknown }) => {
          await files.remove((job.payload as ResponsePayload).fileKey).catch(() => {});
        },
      },
    },
  };
}
