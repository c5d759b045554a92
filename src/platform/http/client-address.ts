import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/**
 * The client's address as far as Payung can trust it: Fastify's `req.ip` (which follows X-Forwarded-For
 * only through the proxies TRUST_PROXY names), kept only if it is an IP address. A trusted proxy that
 * passes on whatever a client wrote would otherwise put any string into the audit trail and give every
 * request its own sign-in limit; then the connection's own address is used.
 */
export function clientAddress(req: Pick<FastifyRequest, 'ip' | 'socket'>): string {
  if (isIP(req.ip) !== 0) return req.ip;
  const socket = req.socket?.remoteAddress;
  return socket && isIP(socket) !== 0 ? socket : 'unknown';
}
