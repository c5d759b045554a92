import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../../app.js';
import { ErrorBody, IdParams } from '../../contracts/common.js';
import {
  BenefitCalc,
  BenefitCalcInput,
  BpuCalc,
  BpuCalcInput,
  JakonCalc,
  JakonCalcInput,
  RateVersion,
  RateVersionCreate,
  RateVersionList,
  RateVersionQuery,
} from '../../contracts/rates.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody };

export function rateRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/rates',
      {
        schema: {
          tags: ['rates'],
          summary: 'Every version of the rate tables (BPU, discounts, construction, benefits), newest first',
          querystring: RateVersionQuery,
          response: { 200: RateVersionList, ...errors },
        },
      },
      async (req) => app.rates.list(req.ctx, req.query),
    );
    r.get(
      '/rates/:id',
      {
        schema: {
          tags: ['rates'],
          summary: 'One rate version',
          params: IdParams,
          response: { 200: RateVersion, ...errors },
        },
      },
      async (req) => app.rates.get(req.ctx, req.params.id),
    );
    r.post(
      '/rates',
      {
        schema: {
          tags: ['rates'],
          summary:
            'Add a version of a rate table, taking effect after today (a version in force is never changed)',
          body: RateVersionCreate,
          response: { 201: RateVersion, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await app.rates.add(req.ctx, req.body)),
    );
    r.get(
      '/calc/bpu',
      {
        schema: {
          tags: ['calculators'],
          summary: 'A BPU participant’s monthly contribution for a declared income, with its breakdown',
          querystring: BpuCalcInput,
          response: { 200: BpuCalc, ...errors },
        },
      },
      async (req) => app.rates.calcBpu(req.ctx, req.query),
    );
    r.get(
      '/calc/jakon',
      {
        schema: {
          tags: ['calculators'],
          summary: 'A construction project’s JKK and JKM from its contract value, tier by tier',
          querystring: JakonCalcInput,
          response: { 200: JakonCalc, ...errors },
        },
      },
      async (req) => app.rates.calcJakon(req.ctx, req.query),
    );
    r.get(
      '/calc/benefit',
      {
        schema: {
          tags: ['calculators'],
          summary: 'A JKK or JKM cash benefit with its components',
          querystring: BenefitCalcInput,
          response: { 200: BenefitCalc, ...errors },
        },
      },
      async (req) => app.rates.calcBenefit(req.ctx, req.query),
    );
  };
}
