import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { OCCUPATIONS } from '../../contracts/workers.js';

const Health = z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) });
const Meta = z.object({
  provinceCode: z.string(),
  provinceName: z.string(),
  occupations: z.array(z.string()),
  regionDataset: z.object({ source: z.string(), version: z.string() }),
});

export function metaRoutes(app: App): FastifyPluginAsyncZod {
  return async (r) => {
    r.get(
      '/health',
      {
        config: { public: true },
        schema: { tags: ['meta'], summary: 'Liveness and database reachability', response: { 200: Health } },
      },
      async () => {
        await app.db.query('SELECT 1');
        return { status: 'ok' as const, database: app.db.kind };
      },
    );
    r.get(
      '/meta',
      {
        config: { public: true },
        schema: { tags: ['meta'], summary: 'Deployment facts the web app needs', response: { 200: Meta } },
      },
      async () => ({
        provinceCode: app.config.provinceCode,
        provinceName: app.catalog.get(app.config.provinceCode)?.name ?? app.config.provinceCode,
        occupations: [...OCCUPATIONS],
        regionDataset: { source: app.catalog.source, version: app.catalog.version },
      }),
    );
  };
}
