import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { ApiTokenCreate, User, UserCreate, UserCreated, UserUpdate } from '../../contracts/access.js';
import { ErrorBody, IdParams } from '../../contracts/common.js';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

export function userRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Users within the administrator’s region',
          response: { 200: z.object({ items: z.array(User) }), ...errors },
        },
      },
      async (req) => ({ items: await app.users.list(req.ctx) }),
    );
    r.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Add a user (a temporary password is returned once if none is given)',
          body: UserCreate,
          response: { 201: UserCreated, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await app.users.create(req.ctx, req.body)),
    );
    r.patch(
      '/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: 'Change a user’s name, role, region or status',
          params: IdParams,
          body: UserUpdate,
          response: { 200: User, ...errors },
        },
      },
      async (req) => app.users.update(req.ctx, req.params.id, req.body),
    );
    r.post(
      '/users/:id/reset-password',
      {
        schema: {
          tags: ['users'],
          summary: 'Set a new temporary password (returned once); the user’s sessions end',
          params: IdParams,
          response: { 200: z.object({ temporaryPassword: z.string() }), ...errors },
        },
      },
      async (req) => ({ temporaryPassword: await app.users.resetPassword(req.ctx, req.params.id) }),
    );
    r.post(
      '/users/:id/tokens',
      {
        schema: {
          tags: ['users'],
          summary: 'Create an API token for a machine client (shown once)',
          params: IdParams,
          body: ApiTokenCreate,
          response: { 201: z.object({ id: z.string(), token: z.string() }), ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await app.users.createToken(req.ctx, req.params.id, req.body)),
    );
    r.post(
      '/tokens/:id/revoke',
      {
        schema: {
          tags: ['users'],
          summary: 'Revoke an API token',
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await app.users.revokeToken(req.ctx, req.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
