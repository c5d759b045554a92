import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { OCCUPATIONS } from '../../contracts/workers.js';

const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  /** `busy`: the database did not answer within half a second (an import at work, say); the server does. */
  databaseState: z.enum(['ok', 'busy']),
  /** Requests waiting for the database now. */
  databaseWaiting: z.number().int(),
});

/** How long health waits for the database before reporting it busy. */
const HEALTH_PROBE_MS = 500;
const Meta = z.object({
  provinceCode: z.string(),
  provinceName: z.string(),
  occupations: z.array(z.string()),
  regionDataset: z.object({ source: z.string(), version: z.string() }),
});

export function metaRoutes(app: App): FastifyPluginAsyncZod {
  // One probe of the database at a time: health checks arriving while it is busy share it instead of
  // queueing behind the busy work one each.
  let probe: Promise<unknown> | null = null;
  async function databaseAnswers(): Promise<boolean> {
    probe ??= app.db.query('SELECT 1').finally(() => {
      probe = null;
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        probe.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), HEALTH_PROBE_MS);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
  return async (r) => {
    r.get(
      '/health',
      {
        // Answered by the process at once, whatever the database is doing (decision 0011).
        config: { public: true, noCaller: true },
        schema: { tags: ['meta'], summary: 'Liveness and database reachability', response: { 200: Health } },
      },
      async () => ({
        status: 'ok' as const,
        database: app.db.kind,
        databaseState: (await databaseAnswers()) ? ('ok' as const) : ('busy' as const),
        databaseWaiting: app.db.turns.waiting,
      }),
    );
    r.get(
      '/meta',
      {
        config: { public: true, noCaller: true },
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
