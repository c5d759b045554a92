import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import {
  AllocationJob,
  AllocationOverview,
  ProposeRequest,
  Roster,
  RosterDecision,
  RosterList,
  RosterListQuery,
  RosterRejection,
  RosterWorkerPage,
  RosterWorkersQuery,
  Simulation,
  SimulationRequest,
  WorkerEligibility,
} from '../../contracts/allocation.js';
import { ErrorBody, IdParams, Uuid } from '../../contracts/common.js';

const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const tags = ['allocation'];

/** Thin routes: parse, call the allocation service with the request's context, return its answer. */
export function allocationRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/programmes/:id/allocation',
      {
        schema: {
          tags,
          summary: 'A programme as allocation sees it: budget left, costs per worker, the score formula',
          params: IdParams,
          response: { 200: AllocationOverview, ...errors },
        },
      },
      async (req) => app.allocation.overview(req.ctx, req.params.id),
    );
    r.post(
      '/programmes/:id/simulation',
      {
        schema: {
          tags,
          summary: 'What several budgets would buy, by regency/city (nothing saved)',
          params: IdParams,
          body: SimulationRequest,
          response: { 200: Simulation, ...errors },
        },
      },
      async (req) => app.allocation.simulate(req.ctx, req.params.id, req.body.budgets),
    );
    r.get(
      '/programmes/:id/workers/:workerId/eligibility',
      {
        schema: {
          tags,
          summary: "One worker's eligibility for a programme, rule by rule, and their score explained",
          params: z.object({ id: Uuid, workerId: Uuid }),
          response: { 200: WorkerEligibility, ...errors },
        },
      },
      async (req) => app.allocation.eligibility(req.ctx, req.params.id, req.params.workerId),
    );
    r.post(
      '/programmes/:id/rosters',
      {
        schema: {
          tags,
          summary: 'Propose a roster (a durable job): 202 with the job to poll',
          params: IdParams,
          body: ProposeRequest,
          response: { 202: AllocationJob, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(202).send(await app.allocation.startPropose(req.ctx, req.params.id, req.body.budget)),
    );
    r.get(
      '/programmes/:id/rosters',
      {
        schema: {
          tags,
          summary:
            "A programme's rosters, newest first, keyset pages (limit, cursor = the previous page's nextCursor)",
          params: IdParams,
          querystring: RosterListQuery,
          response: { 200: RosterList, ...errors },
        },
      },
      async (req) => app.allocation.listRosters(req.ctx, req.params.id, req.query),
    );
    r.get(
      '/allocation-jobs/:id',
      {
        schema: {
          tags,
          summary: "A roster proposal's progress and, once done, its roster",
          params: IdParams,
          response: { 200: AllocationJob, ...errors },
        },
      },
      async (req) => app.allocation.job(req.ctx, req.params.id),
    );
    r.get(
      '/rosters/:id',
      {
        schema: { tags, summary: 'A roster', params: IdParams, response: { 200: Roster, ...errors } },
      },
      async (req) => app.allocation.roster(req.ctx, req.params.id),
    );
    r.get(
      '/rosters/:id/workers',
      {
        schema: {
          tags,
          summary: "A roster's workers in rank order, with masked NIK, score and why (pages after a rank)",
          params: IdParams,
          querystring: RosterWorkersQuery,
          response: { 200: RosterWorkerPage, ...errors },
        },
      },
      async (req) => app.allocation.rosterWorkers(req.ctx, req.params.id, req.query),
    );
    r.post(
      '/rosters/:id/approve',
      {
        schema: {
          tags,
          summary: 'Approve a roster proposed by someone else (maker–checker; 409 for its proposer)',
          params: IdParams,
          body: RosterDecision,
          response: { 200: Roster, ...errors },
        },
      },
      async (req) => app.allocation.approve(req.ctx, req.params.id, req.body.note),
    );
    r.post(
      '/rosters/:id/reject',
      {
        schema: {
          tags,
          summary: 'Reject a roster proposed by someone else: its enrolments are cancelled',
          params: IdParams,
          body: RosterRejection,
          response: { 200: Roster, ...errors },
        },
      },
      async (req) => app.allocation.reject(req.ctx, req.params.id, req.body.note),
    );
  };
}
