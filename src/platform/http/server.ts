import { existsSync } from 'node:fs';
import { relative, sep } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config, TrustProxy } from '../config.js';
import type { ServiceContext } from '../context.js';
import type { Database } from '../db/index.js';
import { AppError, PLATFORM_ERRORS } from '../errors.js';
import { type AnyFeature, errorTable, maxUploadBytes } from '../feature.js';
import { WEB_DIST_DIR } from '../paths.js';
import { admitRequests } from './admission.js';
import { type Authenticator, authenticate } from './auth.js';
import { clientAddress } from './client-address.js';
import { contentSecurityPolicy } from './csp.js';
import { errorHandler, refuseNul } from './errors.js';
import { terminalLogStream } from './log-format.js';
import { registerNoStore } from './no-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: ServiceContext;
  }
  interface FastifyInstance {
    /** Every route registered, for the route × role test that no new route may escape. */
    routeList: { method: string; url: string; isPublic: boolean; feature?: string }[];
  }
}

/**
 * What the server needs of the app: its settings, database, the features whose routes it serves and
 * who callers are. The app (src/app.ts) is one; the platform never imports it or any module.
 */
export interface ServedApp {
  config: Config;
  db: Pick<Database, 'kind' | 'turns' | 'query'>;
  features: readonly AnyFeature[];
  auth: Authenticator;
}

// Messages from schema validation are for people: Bahasa Indonesia.
z.config(z.locales.id());

export interface ServerOptions {
  /** Where log lines go (tests capture them); defaults to stdout (readable lines when it is a terminal). */
  logStream?: NodeJS.WritableStream;
  webDir?: string;
  /** Requests per minute per client address: sign-in, and every public endpoint. */
  rateLimits?: { login?: number; public?: number };
}

/**
 * Files under /assets/ carry a hash of their content in their name (Vite): a changed file has a new name,
 * so browsers may keep them for a year. Everything else (index.html) is checked on each visit.
 */
export function cacheControlFor(webDir: string, path: string): string {
  const inAssets = relative(webDir, path).split(sep)[0] === 'assets';
  return inAssets ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Fastify's form of TRUST_PROXY: a hop count becomes "trust the first n hops". */
function trustProxyOption(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

export async function buildServer(app: ServedApp, options: ServerOptions = {}): Promise<FastifyInstance> {
  // JSON lines for log collectors; readable lines on a terminal, so the start banner stays in view.
  const logStream = options.logStream ?? terminalLogStream(process.stdout);
  const server = Fastify({
    logger: {
      level: app.config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // Never log URLs with their query strings or bodies: a search for a NIK must not end up in a log.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // Only the proxies the operator names may set the client address (TRUST_PROXY); by default none.
    trustProxy: trustProxyOption(app.config.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();

  const routeList: FastifyInstance['routeList'] = [];
  server.decorate('routeList', routeList);
  server.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routeList.push({ method, url: route.url, isPublic: route.config?.public === true });
    }
  });

  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  server.setErrorHandler(errorHandler(errorTable(app.features, PLATFORM_ERRORS)));

  const limits = { login: options.rateLimits?.login ?? 10, public: options.rateLimits?.public ?? 300 };
  await server.register(fastifyCookie);
  await server.register(fastifyMultipart, {
    limits: { fileSize: maxUploadBytes(app.features), files: 1, fields: 5, parts: 6 },
  });
  await server.register(fastifyHelmet, {
    contentSecurityPolicy,
    // HSTS only makes sense behind HTTPS; a proxy in front adds it there.
    strictTransportSecurity: false,
  });
  await server.register(fastifyRateLimit, {
    global: false,
    keyGenerator: clientAddress,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        'RATE_LIMITED',
        `Terlalu banyak permintaan. Coba lagi dalam ${Math.ceil(ctx.ttl / 1000)} detik.`,
      ),
  });
  // Public routes are rate-limited per client address; the rest need a signed-in user or an API token.
  server.addHook('onRoute', (route) => {
    if (route.config?.public && !route.config.rateLimit) {
      route.config = { ...route.config, rateLimit: { max: limits.public, timeWindow: '1 minute' } };
    }
  });

  server.decorateRequest('ctx', null as unknown as ServiceContext);
  server.decorateRequest('session', null);
  admitRequests(server, app.config.limits);
  server.addHook('onRequest', authenticate(app.auth));
  registerNoStore(server);
  server.addHook('preValidation', refuseNul);
  server.addHook('onResponse', async (req, reply) => {
    req.log.info(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  await server.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Payung API',
        description: 'Perlindungan jaminan sosial ketenagakerjaan bagi pekerja rentan dan sektor informal.',
        version: '1',
      },
    },
    transform: jsonSchemaTransform,
  });
  await server.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
  });

  for (const feature of app.features) {
    if (!feature.routes) continue;
    const routes = feature.routes(app as never, { rateLimits: limits });
    await server.register(
      async (scope) => {
        // Each route remembers its feature, so the route × role test can ask for it in the feature's matrix.
        scope.addHook('onRoute', (route) => {
          for (const entry of routeList) if (entry.url === route.url) entry.feature ??= feature.name;
        });
        await scope.register(routes);
      },
      { prefix: '/api/v1' },
    );
  }

  const webDir = options.webDir ?? WEB_DIST_DIR;
  const hasWeb = existsSync(webDir);
  if (hasWeb) {
    await server.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      // Brotli or gzip copies written at build time (web/vite.config.ts), chosen by Accept-Encoding.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', cacheControlFor(webDir, path));
        res.setHeader('vary', 'accept-encoding');
      },
      // Source maps would publish the whole source: never served, even if a build left one.
      globIgnore: ['**/*.map'],
      allowedPath: (pathName) => !pathName.endsWith('.map'),
    });
  }
  server.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0]!;
    // Missing assets and source maps are 404s, not the app's page (the app's own routes are after '#').
    if (
      path.startsWith('/api/') ||
      path.startsWith('/assets/') ||
      path.endsWith('.map') ||
      req.method !== 'GET' ||
      !hasWeb
    ) {
      return reply.status(404).send({
        error: { code: 'NOT_FOUND', message: `Alamat ${req.method} ${path} tidak ada.` },
      });
    }
    // The single-page app handles its own routes.
    return reply.sendFile('index.html');
  });
  return server;
}
