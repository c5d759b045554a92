import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  Enrolment,
  EnrolmentEnd,
  EnrolmentJob,
  EnrolmentPage,
  EnrolmentQuery,
  EnrolmentWithHistory,
  ExportRequest,
  WorkerEnrolments,
} from '../../contracts/enrolments.js';
import { AppError } from '../../platform/errors.js';
import { assertNoNul } from '../../platform/http/errors.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

export function enrolmentRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/programmes/:id/enrolments',
      {
        schema: {
          tags: ['enrolments'],
          summary:
            "A programme's enrolments (Kepesertaan) the caller may see, by status and regency, keyset pages",
          params: IdParams,
          querystring: EnrolmentQuery,
          response: { 200: EnrolmentPage, ...errors },
        },
      },
      async (req) => app.enrolments.list(req.ctx, req.params.id, req.query),
    );
    r.post(
      '/programmes/:id/enrolments/export',
      {
        schema: {
          tags: ['enrolments'],
          summary:
            'Starts the roster export for BPJS Ketenagakerjaan (a durable job: 202 with the job to poll): approved rosters’ proposed enrolments become submitted, then the .xlsx or .csv (full NIKs, formula-safe) is written; audited',
          params: IdParams,
          body: ExportRequest,
          response: { 202: EnrolmentJob, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(202).send(await app.enrolments.startExport(req.ctx, req.params.id, req.body.format)),
    );
    r.get(
      '/enrolment-jobs/:id',
      {
        schema: {
          tags: ['enrolments'],
          summary:
            "A roster export's or a BPJS response import's progress and, once done, its download or report",
          params: IdParams,
          response: { 200: EnrolmentJob, ...errors },
        },
      },
      async (req) => app.enrolments.job(req.ctx, req.params.id),
    );
    r.get(
      '/enrolment-jobs/:id/file',
      {
        schema: {
          tags: ['enrolments'],
          summary:
            'The roster file a finished export produced (full NIKs): for those who may exchange files for its programme; every download audited',
          params: IdParams,
          response: { 200: z.any(), ...errors },
        },
      },
      async (req, reply) => {
        const file = await app.enrolments.download(req.ctx, req.params.id);
        return reply
          .header('content-type', CONTENT_TYPES[file.format])
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'no-store')
          .send(createReadStream(file.path));
      },
    );
    r.post(
      '/programmes/:id/enrolments/response',
      {
        schema: {
          tags: ['enrolments'],
          summary:
            'A response file from BPJS Ketenagakerjaan (multipart field "file"; field "dryRun" = "true" to only check), applied by a durable job (202 with the job to poll): sets KPJ, coverage start and status; every bad row reported',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 202: EnrolmentJob, 413: ErrorBody, ...errors },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart())
          throw new AppError('BAD_REQUEST', 'Kirim berkas sebagai multipart/form-data dengan kolom "file".');
        let dryRun = false;
        for await (const part of req.parts()) {
          if (part.type === 'field' && part.fieldname === 'dryRun') dryRun = String(part.value) === 'true';
          if (part.type === 'file' && part.fieldname === 'file') {
            assertNoNul(part.filename, 'body', ['file']);
            const job = await app.enrolments.startResponse(req.ctx, {
              source: part.file,
              fileName: part.filename,
              programmeId: req.params.id,
              dryRun,
            });
            return reply.status(202).send(job);
          }
        }
        throw new AppError(
          'BAD_REQUEST',
          'Berkas tidak ada. Kirim kolom "file" berisi berkas .xlsx atau .csv.',
        );
      },
    );
    r.get(
      '/workers/:id/enrolments',
      {
        schema: {
          tags: ['enrolments'],
          summary: "A worker's enrolments the caller may see, each with its history",
          params: IdParams,
          response: { 200: WorkerEnrolments, ...errors },
        },
      },
      async (req) => ({ items: await app.enrolments.ofWorker(req.ctx, req.params.id) }),
    );
    r.get(
      '/enrolments/sponsored',
      {
        schema: {
          tags: ['enrolments'],
          summary:
            "The workers the caller's sponsors pay for (sent to BPJS, active or ended): name, masked NIK, coverage",
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            cursor: z.string().max(500).optional(),
          }),
          response: {
            200: z.object({ items: z.array(Enrolment), nextCursor: z.string().nullable() }),
            ...errors,
          },
        },
      },
      async (req) => app.enrolments.sponsored(req.ctx, req.query),
    );
    r.get(
      '/enrolments/:id',
      {
        schema: {
          tags: ['enrolments'],
          summary: 'One enrolment with its history',
          params: IdParams,
          response: { 200: EnrolmentWithHistory, ...errors },
        },
      },
      async (req) => app.enrolments.get(req.ctx, req.params.id),
    );
    r.post(
      '/enrolments/:id/end',
      {
        schema: {
          tags: ['enrolments'],
          summary:
            'Ends an enrolment (period over, withdrawn, died, became a wage earner) from a date; later months are freed',
          params: IdParams,
          body: EnrolmentEnd,
          response: { 200: EnrolmentWithHistory, ...errors },
        },
      },
      async (req) => app.enrolments.end(req.ctx, req.params.id, req.body),
    );
  };
}
