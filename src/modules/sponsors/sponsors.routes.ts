import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app.js';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  Sponsor,
  SponsorCreate,
  SponsorList,
  SponsorQuery,
  SponsorUpdate,
} from '../../contracts/sponsors.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

export function sponsorRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/sponsors',
      {
        schema: {
          tags: ['sponsors'],
          summary: 'Sponsors (Pemberi Bantuan Iuran) the caller may see; a sponsor officer its own',
          querystring: SponsorQuery,
          response: { 200: SponsorList, ...errors },
        },
      },
      async (req) => ({ items: await app.sponsors.list(req.ctx, req.query) }),
    );
    r.get(
      '/sponsors/:id',
      {
        schema: {
          tags: ['sponsors'],
          summary: 'One sponsor',
          params: IdParams,
          response: { 200: Sponsor, ...errors },
        },
      },
      async (req) => app.sponsors.get(req.ctx, req.params.id),
    );
    r.post(
      '/sponsors',
      {
        schema: {
          tags: ['sponsors'],
          summary:
            'Add a sponsor; its region must match its kind (regency budget: a regency/city; village fund: a village)',
          body: SponsorCreate,
          response: { 201: Sponsor, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await app.sponsors.create(req.ctx, req.body)),
    );
    r.patch(
      '/sponsors/:id',
      {
        schema: {
          tags: ['sponsors'],
          summary:
            'Change a sponsor’s name, contact, kind or region (kind and region only without programmes)',
          params: IdParams,
          body: SponsorUpdate,
          response: { 200: Sponsor, ...errors },
        },
      },
      async (req) => app.sponsors.update(req.ctx, req.params.id, req.body),
    );
    r.post(
      '/sponsors/:id/deactivate',
      {
        schema: {
          tags: ['sponsors'],
          summary: 'Deactivate a sponsor: no new programmes or officers for it',
          params: IdParams,
          response: { 200: Sponsor, ...errors },
        },
      },
      async (req) => app.sponsors.deactivate(req.ctx, req.params.id),
    );
    r.post(
      '/sponsors/:id/activate',
      {
        schema: {
          tags: ['sponsors'],
          summary: 'Reactivate a sponsor',
          params: IdParams,
          response: { 200: Sponsor, ...errors },
        },
      },
      async (req) => app.sponsors.activate(req.ctx, req.params.id),
    );
  };
}
