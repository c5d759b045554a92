import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app.js';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  NikRegistration,
  NikRegistrationRequest,
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
          summary:
            'Search workers by fuzzy name (q), filters, keyset pagination; a NIK in q is refused (422): use POST /workers/search',
          querystring: WorkerSearch,
          response: { 200: WorkerPage, ...errors },
        },
      },
      async (req) => app.workers.searchFromUrl(req.ctx, req.query),
    );
    // The web app searches here: a NIK typed into the search box travels in the body, never in a URL.
    r.post(
      '/workers/search',
      {
        schema: {
          tags: ['workers'],
          summary:
            'Search workers: exact NIK (audited as a lookup) or fuzzy name (q), filters, keyset pagination',
          body: WorkerSearch,
          response: { 200: WorkerPage, ...errors },
        },
      },
      async (req) => app.workers.search(req.ctx, req.body),
    );
    r.post(
      '/workers/nik-status',
      {
        schema: {
          tags: ['workers'],
          summary: 'Whether a NIK can still be registered (audited when it cannot)',
          body: NikRegistrationRequest,
          response: { 200: NikRegistration, ...errors },
        },
      },
      async (req) => app.workers.nikRegistration(req.ctx, req.body.nik),
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
