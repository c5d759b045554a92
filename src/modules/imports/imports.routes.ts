import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  DuplicateDecision,
  DuplicatePage,
  DuplicateQuery,
  FindingGroupSchema,
  ImportJob,
  ImportMappingUpdate,
  ImportResultsQuery,
  ImportUploaded,
  RowResultSchema,
  RowStatus,
} from '../../contracts/imports.js';
import { AppError } from '../../platform/errors.js';
import { assertNoNul } from '../../platform/http/errors.js';
import { presentJob, presentRowResult } from './imports.presenter.js';
import type { ImportService } from './imports.service.js';

type ImportUpload = Awaited<ReturnType<ImportService['upload']>>;

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  422: ErrorBody,
};

/** What the upload answers, and the layout again later: the job, the header and the first rows. */
function presentUploaded(
  up: Pick<ImportUpload, 'job' | 'header' | 'unmapped' | 'usedSavedMapping' | 'sample'>,
  progress: Parameters<typeof presentJob>[1],
) {
  return {
    job: presentJob(up.job, progress),
    header: up.header,
    unmapped: up.unmapped,
    usedSavedMapping: up.usedSavedMapping,
    sample: up.sample.map((s) => ({
      row: s.rowNumber,
      cells: s.cells.map((c) =>
        c instanceof Date ? c.toISOString().slice(0, 10) : c === null || c === undefined ? null : String(c),
      ),
    })),
  };
}

export function importRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.post(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'Upload an .xlsx or .csv file (multipart field "file"; optional field "region")',
          consumes: ['multipart/form-data'],
          response: { 201: ImportUploaded, ...errors },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError('BAD_REQUEST', 'Kirim berkas sebagai multipart/form-data dengan kolom "file".');
        let region: string | undefined;
        for await (const part of req.parts()) {
          if (
            part.type === 'field' &&
            part.fieldname === 'region' &&
            typeof part.value === 'string' &&
            part.value
          ) {
            assertNoNul(part.value, 'body', ['region']);
            region = part.value;
          }
          if (part.type === 'file' && part.fieldname === 'file') {
            assertNoNul(part.filename, 'body', ['file']);
            const up = await app.imports.upload(req.ctx, {
              fileName: part.filename,
              source: part.file,
              ...(region ? { regionCode: region } : {}),
            });
            return reply.status(201).send(presentUploaded(up, null));
          }
        }
        throw new AppError(
          'BAD_REQUEST',
          'Berkas tidak ada. Kirim kolom "file" berisi berkas .xlsx atau .csv.',
        );
      },
    );
    r.get(
      '/imports',
      {
        schema: {
          tags: ['imports'],
          summary: 'Import history in the caller’s region',
          response: { 200: z.object({ items: z.array(ImportJob) }), ...errors },
        },
      },
      async (req) => {
        const items = await app.imports.list(req.ctx);
        const progress = await app.imports.progressFor(items);
        return { items: items.map((j) => presentJob(j, progress.get(j.id) ?? null)) };
      },
    );
    r.get(
      '/imports/:id',
      {
        schema: {
          tags: ['imports'],
          summary: 'One import: status, progress, counts',
          params: IdParams,
          response: { 200: ImportJob, ...errors },
        },
      },
      async (req) => {
        const { job, progress } = await app.imports.live(req.ctx, req.params.id);
        return presentJob(job, progress);
      },
    );
    r.get(
      '/imports/:id/layout',
      {
        schema: {
          tags: ['imports'],
          summary: 'The file’s header, current mapping and first rows again (as the upload answered)',
          params: IdParams,
          response: { 200: ImportUploaded, ...errors },
        },
      },
      async (req) => {
        const l = await app.imports.layout(req.ctx, req.params.id);
        return presentUploaded(l, (await app.imports.progressFor([l.job])).get(l.job.id) ?? null);
      },
    );
    r.put(
      '/imports/:id/mapping',
      {
        schema: {
          tags: ['imports'],
          summary: 'Set the column mapping (header text → field); optionally save it for next time',
          params: IdParams,
          body: ImportMappingUpdate,
          response: { 200: ImportJob, ...errors },
        },
      },
      async (req) =>
        presentJob(
          await app.imports.setMapping(req.ctx, req.params.id, req.body.mapping, req.body.saveAs),
          null,
        ),
    );
    r.post(
      '/imports/:id/validate',
      {
        schema: {
          tags: ['imports'],
          summary: 'Dry run in the background: check every row, write nothing (poll GET /imports/:id)',
          params: IdParams,
          response: { 202: ImportJob, ...errors },
        },
      },
      async (req, reply) => {
        // A durable job: any server's runner takes it (src/platform/jobs).
        const j = await app.imports.startValidate(req.ctx, req.params.id);
        return reply
          .status(202)
          .send(presentJob({ ...j, status: 'validating' }, { phase: 'validating', rows: 0 }));
      },
    );
    r.post(
      '/imports/:id/commit',
      {
        schema: {
          tags: ['imports'],
          summary: 'Import the accepted rows, all or nothing, in the background',
          params: IdParams,
          body: z.object({ updateExisting: z.boolean().default(false) }),
          response: { 202: ImportJob, ...errors },
        },
      },
      async (req, reply) => {
        const j = await app.imports.startCommit(req.ctx, req.params.id, req.body.updateExisting);
        return reply
          .status(202)
          .send(presentJob({ ...j, status: 'importing' }, { phase: 'importing', rows: 0 }));
      },
    );
    r.get(
      '/imports/:id/results',
      {
        schema: {
          tags: ['imports'],
          summary:
            'Rows needing attention (rejected, duplicate, skipped, or with warnings), with name and masked NIK',
          params: IdParams,
          querystring: ImportResultsQuery,
          response: { 200: z.object({ items: z.array(RowResultSchema) }), ...errors },
        },
      },
      async (req) => ({
        items: (
          await app.imports.results(
            req.ctx,
            req.params.id,
            req.query.status,
            req.query.limit,
            req.query.afterRow,
            req.query.code,
          )
        ).map(presentRowResult),
      }),
    );
    r.get(
      '/imports/:id/findings',
      {
        schema: {
          tags: ['imports'],
          summary: 'The import’s findings grouped (kind, field, code) with their number of rows',
          params: IdParams,
          querystring: z.object({ status: RowStatus.optional() }),
          response: { 200: z.object({ items: z.array(FindingGroupSchema) }), ...errors },
        },
      },
      async (req) => ({ items: await app.imports.findings(req.ctx, req.params.id, req.query.status) }),
    );
    r.get(
      '/imports/:id/report.xlsx',
      {
        schema: {
          tags: ['imports'],
          summary: 'Error report: the original rows with status and explanation columns',
          params: IdParams,
          ...{ response: { 200: z.any(), ...errors } },
        },
      },
      async (req, reply) => {
        const dir = mkdtempSync(join(tmpdir(), 'payung-report-'));
        const path = join(dir, 'laporan.xlsx');
        try {
          await app.imports.errorReport(req.ctx, req.params.id, path);
        } catch (e) {
          rmSync(dir, { recursive: true, force: true });
          throw e;
        }
        const stream = createReadStream(path);
        stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header(
            'content-disposition',
            `attachment; filename="hasil-pemeriksaan-${req.params.id.slice(0, 8)}.xlsx"`,
          )
          .send(stream);
      },
    );
    r.get(
      '/duplicates',
      {
        schema: {
          tags: ['imports'],
          summary:
            'Possible duplicates (Kemungkinan Data Ganda) side by side: a page, the total, optionally of one import',
          querystring: DuplicateQuery,
          response: { 200: DuplicatePage, ...errors },
        },
      },
      async (req) => app.reviews.list(req.ctx, req.query),
    );
    r.post(
      '/duplicates/:id/decide',
      {
        schema: {
          tags: ['imports'],
          summary: 'Merge (keep one, deactivate the other) or keep both',
          params: IdParams,
          body: z.object({ decision: z.enum(['merge', 'keep_both']), keepId: z.string().max(64).optional() }),
          response: { 200: DuplicateDecision, ...errors },
        },
      },
      async (req) => app.reviews.decide(req.ctx, req.params.id, req.body.decision, req.body.keepId),
    );
  };
}
