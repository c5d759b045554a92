import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { AuditItem, AuditQuery } from '../../contracts/access.js';
import { ErrorBody } from '../../contracts/common.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 422: ErrorBody };

/** Read-only by design: there is no route that changes or deletes an audit event. */
export function auditRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit trail (newest first), filtered by entity, actor, action and time',
          querystring: AuditQuery,
          response: {
            200: z.object({ items: z.array(AuditItem), nextBefore: z.number().nullable() }),
            ...errors,
          },
        },
      },
      async (req) => app.audit.list(req.ctx, req.query),
    );
    r.get(
      '/audit/export',
      {
        schema: {
          tags: ['audit'],
          summary: 'The same filter as CSV (formula-safe)',
          querystring: AuditQuery,
          response: { 200: z.string(), ...errors },
        },
      },
      async (req, reply) => {
        const csv = await app.audit.exportCsv(req.ctx, req.query);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="jejak-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
          )
          .send(`\uFEFF${csv}`);
      },
    );
  };
}
