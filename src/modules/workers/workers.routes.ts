import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app.js';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  Worker,
  WorkerCreate,
  WorkerDeactivate,
  WorkerPage,
  WorkerPatch,
  WorkerSearch,
} from '../../contracts/workers.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

/** Thin routes: parse (schemas), call the service with the request's context, return what it presents. */
export function workerRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/workers',
      {
        schema: {
          tags: ['workers'],
          summary: 'Search workers: exact NIK or fuzzy name (q), filters, keyset pagination',
          querystring: WorkerSearch,
          response: { 200: WorkerPage, ...errors },
        },
      },
      async (req) => app.workers.search(req.ctx, req.query),
    );
    r.post(
      '/workers',
      {
        schema: {
          tags: ['workers'],
          summary: 'Register a worker',
          body: WorkerCreate,
          response: { 201: Worker, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await app.workers.create(req.ctx, req.body)),
    );
    r.get(
      '/workers/:id',
      {
        schema: {
          tags: ['workers'],
          summary: 'One worker',
          params: IdParams,
          response: { 200: Worker, ...errors },
        },
      },
      async (req) => app.workers.get(req.ctx, req.params.id),
    );
    r.patch(
      '/workers/:id',
      {
        schema: {
          tags: ['workers'],
          summary: 'Change a worker; `version` must be the one last read (409 otherwise)',
          params: IdParams,
          body: WorkerPatch,
          response: { 200: Worker, ...errors },
        },
      },
      async (req) => app.workers.update(req.ctx, req.params.id, req.body),
    );
    r.post(
      '/workers/:id/deactivate',
      {
        schema: {
          tags: ['workers'],
          summary: 'Deactivate a worker with a reason (records are never deleted)',
          params: IdParams,
          body: WorkerDeactivate,
          response: { 200: Worker, ...errors },
        },
      },
      async (req) => app.workers.deactivate(req.ctx, req.params.id, req.body.reason, req.body.version),
    );
  };
}
