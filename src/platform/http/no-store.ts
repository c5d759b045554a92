import type { FastifyInstance } from 'fastify';

/**
 * `Cache-Control: no-store` on every API answer that may carry personal data — a worker, a list, an
 * error report, a sign-in — so that neither the browser's cache nor a proxy keeps a copy. Only the
 * public reference reads (meta, regions, health: `GET`s of routes marked `public`) may be cached.
 */
export function registerNoStore(server: FastifyInstance): void {
  server.addHook('onSend', async (req, reply, payload) => {
    if (!req.url.startsWith('/api/')) return payload;
    const isPublicRead = req.method === 'GET' && req.routeOptions.config?.public === true;
    if (!isPublicRead) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    return payload;
  });
}
