import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { ErrorBody } from '../../contracts/common.js';
import { NikCheck, NikCheckRequest } from '../../contracts/nik.js';
import { RegionCode, RegionDetail, RegionList } from '../../contracts/regions.js';
import { checkNik } from '../../domain/nik.js';

export function regionRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/regions',
      {
        config: { public: true },
        schema: {
          tags: ['regions'],
          summary: 'Children of a region (parent=16 lists its regencies/cities); provinces without parent',
          querystring: z.object({ parent: RegionCode.optional() }),
          response: { 200: RegionList, 404: ErrorBody },
        },
      },
      async (req) => ({ items: await app.regions.children(req.query.parent ?? null) }),
    );
    r.get(
      '/regions/:code',
      {
        config: { public: true },
        schema: {
          tags: ['regions'],
          summary: 'One region with its path from the province',
          params: z.object({ code: RegionCode }),
          response: { 200: RegionDetail, 404: ErrorBody },
        },
      },
      async (req) => app.regions.get(req.params.code),
    );
    // POST so that a NIK never travels in a URL (URLs end up in proxies' and browsers' logs).
    r.post(
      '/nik/check',
      {
        schema: {
          tags: ['regions'],
          summary: 'Check a NIK: structure, region, birth date and sex it encodes',
          body: NikCheckRequest,
          response: { 200: NikCheck },
        },
      },
      async (req) => {
        const { serial: _serial, ...result } = checkNik(req.body.nik, app.catalog, req.ctx.now);
        return result;
      },
    );
  };
}
