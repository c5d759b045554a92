import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { App } from '../../app.js';
import { OCCUPATIONS } from '../../contracts/workers.js';
import { AppError } from '../../platform/errors.js';

const Health = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  /** `busy`: the database is held by other work or did not answer within 250 ms (an import at work, say). */
  databaseState: z.enum(['ok', 'busy']),
  /** Requests waiting for the database now. */
  databaseWaiting: z.number().int(),
});

/** How long health waits for the database before reporting it busy… */
const HEALTH_PROBE_MS = 250;
/** …unless other work has held every turn for this long already: then it says busy at once. */
const HEALTH_HELD_MS = 100;
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
    // An import's statement holding PGlite: no need to wait half of a load balancer's patience to say so.
    if (app.db.turns.busyForMs() >= HEALTH_HELD_MS) return false;
    // A database that fails the probe (PGlite's thread gone, the server unreachable) is down, not busy.
    probe ??= app.db.query('SELECT 1').finally(() => {
      probe = null;
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        probe.then(
          () => true,
          () => {
            throw new AppError('DATABASE_UNAVAILABLE', 'Basis data tidak dapat dihubungi.');
          },
        ),
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
