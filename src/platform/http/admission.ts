import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Limits } from '../config.js';
import { type WaitBudget, withoutWaitBudget, withWaitBudget } from '../db/wait.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** How long this request may wait for the database (db/wait.ts); null for routes that never do. */
    waitBudget: WaitBudget | null;
  }
  interface FastifyContextConfig {
    /** Answers from the process alone: no caller is looked up and no database wait is bounded. */
    noCaller?: boolean;
  }
}

/**
 * Admission of requests (decision 0011). Every API route's work (the caller's look-up in auth.ts and
 * the handler) runs with a wait budget: a wait for the database longer than `dbWaitMs`, or beyond
 * `dbQueue` requests already waiting, is refused with 503 DATABASE_BUSY and `Retry-After`, instead of
 * queueing without limit behind an import. The budget closes when the response is sent, so work a
 * request started in the background (an import's commit) is never refused. Routes that need no
 * database (`config.noCaller`: health, the web app's files) are not affected.
 */
export function admitRequests(server: FastifyInstance, limits: Pick<Limits, 'dbWaitMs' | 'dbQueue'>) {
  server.decorateRequest('waitBudget', null);
  server.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/') || route.config?.noCaller) return;
    const handler = route.handler;
    route.handler = function (this: FastifyInstance, req, reply) {
      return inBudget(req, () => handler.call(this, req, reply));
    };
  });
  server.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url;
    if (!url?.startsWith('/api/v1/') || req.routeOptions.config?.noCaller) return;
    req.waitBudget = { maxWaitMs: limits.dbWaitMs, maxQueue: limits.dbQueue, open: true };
  });
  server.addHook('onResponse', async (req) => {
    if (req.waitBudget) req.waitBudget.open = false;
  });
}

/** Runs `fn` (database work for `req`) within the request's wait budget, if it has one. */
export function inBudget<T>(req: FastifyRequest, fn: () => T): T {
  return req.waitBudget ? withWaitBudget(req.waitBudget, fn) : fn();
}

/**
 * Starts work a request leaves running after its response (an import's dry run or commit) outside the
 * request's budget: its waits for the database are never refused.
 */
export function inBackground<T>(fn: () => T): T {
  return withoutWaitBudget(fn);
}
