import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import {
  AuditEventParams,
  AuditItem,
  AuditPage,
  AuditPeople,
  AuditPeopleQuery,
  AuditQuery,
} from '../../contracts/access.js';
import { ErrorBody } from '../../contracts/common.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };

/** Read-only by design: there is no route that changes or deletes an audit event. */
export function auditRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/audit',
      {
        schema: {
          tags: ['audit'],
          summary:
            'The audit trail (newest first), filtered by entity, actor, action and time; personal values masked; the read is recorded',
          querystring: AuditQuery,
          response: { 200: AuditPage, ...errors },
        },
      },
      async (req) => app.audit.list(req.ctx, req.query),
    );
    r.get(
      '/audit/:id/full',
      {
        schema: {
          tags: ['audit'],
          summary: 'One event with its full personal values (needs worker.readFull); recorded as audit.view',
          params: AuditEventParams,
          response: { 200: AuditItem, ...errors },
        },
      },
      async (req) => app.audit.full(req.ctx, req.params.id),
    );
    r.post(
      '/audit/people',
      {
        schema: {
          tags: ['audit'],
          summary:
            'The workers in scope a NIK (exact) or a name points to, to filter the trail by their ids; in a body so a NIK never appears in an address',
          body: AuditPeopleQuery,
          response: { 200: AuditPeople, ...errors },
        },
      },
      async (req) => app.audit.findPeople(req.ctx, req.body.query),
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
