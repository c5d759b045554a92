import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app.js';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  Programme,
  ProgrammeCreate,
  ProgrammeList,
  ProgrammeQuery,
  ProgrammeSummary,
  ProgrammeUpdate,
} from '../../contracts/programmes.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

export function programmeRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/programmes',
      {
        schema: {
          tags: ['programmes'],
          summary:
            'Programmes (Program Perlindungan) the caller may see, with the money their enrolments hold',
          querystring: ProgrammeQuery,
          response: { 200: ProgrammeList, ...errors },
        },
      },
      async (req) => ({ items: await app.programmes.list(req.ctx, req.query) }),
    );
    r.get(
      '/programmes/:id',
      {
        schema: {
          tags: ['programmes'],
          summary: 'One programme with its settings',
          params: IdParams,
          response: { 200: Programme, ...errors },
        },
      },
      async (req) => app.programmes.get(req.ctx, req.params.id),
    );
    r.get(
      '/programmes/:id/summary',
      {
        schema: {
          tags: ['programmes'],
          summary: 'Budget, committed, remaining, and the workers covered by regency/city and by occupation',
          params: IdParams,
          response: { 200: ProgrammeSummary, ...errors },
        },
      },
      async (req) => app.programmes.summary(req.ctx, req.params.id),
    );
    r.post(
      '/programmes',
      {
        schema: {
          tags: ['programmes'],
          summary:
            'Create a programme (draft); a regency budget or village fund programme covers its sponsor’s region only',
          body: ProgrammeCreate,
          response: { 201: Programme, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await app.programmes.create(req.ctx, req.body)),
    );
    r.patch(
      '/programmes/:id',
      {
        schema: {
          tags: ['programmes'],
          summary:
            'Change a programme: anything but the sponsor while a draft; name, budget, eligibility, priority weights and quotas once open; nothing once closed',
          params: IdParams,
          body: ProgrammeUpdate,
          response: { 200: Programme, ...errors },
        },
      },
      async (req) => app.programmes.update(req.ctx, req.params.id, req.body),
    );
    r.post(
      '/programmes/:id/open',
      {
        schema: {
          tags: ['programmes'],
          summary: 'Open a draft programme (draft → open)',
          params: IdParams,
          response: { 200: Programme, ...errors },
        },
      },
      async (req) => app.programmes.open(req.ctx, req.params.id),
    );
    r.post(
      '/programmes/:id/close',
      {
        schema: {
          tags: ['programmes'],
          summary: 'Close an open programme (open → closed)',
          params: IdParams,
          response: { 200: Programme, ...errors },
        },
      },
      async (req) => app.programmes.close(req.ctx, req.params.id),
    );
  };
}
