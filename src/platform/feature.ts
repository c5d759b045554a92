import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { CliIo } from '../cli/io.js';
import type { AuditLabel } from '../contracts/common.js';
import type { RegionCatalog } from '../contracts/regions.js';
import { type Permission, ROLES, type Role } from '../contracts/roles.js';
import type { Config } from './config.js';
import type { Database } from './db/index.js';
import type { JobRunner } from './jobs/index.js';
import type { JobHandler, JobKindOptions } from './jobs/types.js';
import type { FileStore } from './storage/index.js';

/**
 * A feature's manifest: everything the app, the server, the policy, the error map and the audit trail
 * need to know about one module, declared in the module's own `index.ts` and listed once in
 * `src/features.ts`. Nothing here imports a module: the platform only folds the list it is given.
 */
export interface Feature<Name extends string = string, Deps = unknown, Services extends object = object> {
  readonly name: Name;
  /**
   * Builds the feature's services (merged into the app: `app.workers`, …) from the core (database,
   * catalog, config) and the services of the features listed before it.
   */
  readonly services?: (deps: Deps) => Services;
  /**
   * The feature's API routes, registered under /api/v1. `app` is the whole app (typed `never` here so
   * the manifest's type does not depend on the app's, which is built from the manifests).
   */
  readonly routes?: (app: never, options: RouteOptions) => FastifyPluginAsyncZod;
  /**
   * The permissions this feature owns (each declared by exactly one feature): the const list in its
   * contracts file, which also adds the names to the `Permission` type (contracts/roles.ts).
   */
  readonly permissions?: readonly Permission[];
  /** Which roles hold which of this feature's permissions. A permission granted to none says so in `ungranted`. */
  readonly grants?: Partial<Record<Role, readonly Permission[]>>;
  /** Permissions deliberately granted to no role yet, each with the reason. */
  readonly ungranted?: Partial<Record<Permission, string>>;
  /** The error codes the feature's services throw, with their HTTP status and a default message. */
  readonly errors?: Readonly<Record<string, ErrorSpec>>;
  /** What each audit action the feature writes is called, for the audit viewer and its CSV. */
  readonly auditLabels?: Readonly<Record<string, AuditLabel>>;
  /**
   * Background job kinds and their handlers, built from the same deps as the services (run by the
   * platform's job runner, src/platform/jobs; a kind is registered once, by one feature).
   */
  readonly jobs?: (deps: Deps) => Readonly<Record<string, JobKind>>;
  /** The largest file a route of this feature accepts (multipart); the server's limit is the largest of these. */
  readonly maxUploadBytes?: number;
  /**
   * The feature's `payung` commands, by name (src/cli/run.ts adds them to its own serve, migrate and
   * help). Each loads its code when run (`await import('./x.cli.js')`): a command opens the app, which
   * is built from this very list.
   */
  readonly commands?: Readonly<Record<string, CliCommand>>;
}

/** Any feature, whatever its deps and services. */
export type AnyFeature = Feature<string, never, object>;

export interface ErrorSpec {
  status: number;
  /** Bahasa Indonesia, for a client that has no better words than the code. */
  message: string;
}

export type { AuditLabel };

/** A job kind a feature declares: its handler and the runner's options for it. */
export interface JobKind {
  // biome-ignore lint/suspicious/noExplicitAny: each kind has its own payload; the runner stores JSON
  handler: JobHandler<any, unknown, any>;
  options?: JobKindOptions;
}

/** A `payung` command a feature brings. */
export interface CliCommand {
  /** The usage line after `payung ` in `payung help` (and after a usage error). */
  help: string;
  /**
   * Where the line stands in `payung help`: lower first, after the CLI's own commands; commands
   * without one come last, in the order of the features.
   */
  order?: number;
  /** Runs the command; its exit code (a UsageError thrown is 2, any other error 1). */
  run: (argv: string[], io: CliIo) => Promise<number>;
}

export interface RouteOptions {
  /** Requests per minute per client address: sign-in, and every public endpoint. */
  rateLimits: { login: number; public: number };
}

/** What every feature's services may be built from, before any feature's own services. */
export interface CoreDeps {
  config: Config;
  db: Database;
  catalog: RegionCatalog;
  provinceCode: string;
  features: readonly AnyFeature[];
  /** Where uploaded and generated files are kept, by key. */
  files: FileStore;
  /** The durable job runner: services enqueue, manifests' `jobs` register the handlers. */
  jobs: JobRunner;
}

/** Declares a feature; the manifest is returned as given, typed by its name, deps and services. */
export function defineFeature<const Name extends string, Deps = unknown, Services extends object = object>(
  feature: Feature<Name, Deps, Services>,
): Feature<Name, Deps, Services> {
  return feature;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The services of every feature in a list, merged: the app's type. */
export type ServicesOf<L extends readonly AnyFeature[]> = UnionToIntersection<
  {
    [K in keyof L]: L[K] extends Feature<string, infer _D, infer S> ? S : never;
  }[number]
>;

/** Merges the features' records of one kind, refusing a key declared twice. */
function fold<T>(
  features: readonly AnyFeature[],
  pick: (f: AnyFeature) => Readonly<Record<string, T>> | undefined,
  what: string,
  base: Readonly<Record<string, T>> = {},
): Record<string, T> {
  const out: Record<string, T> = { ...base };
  const owner = new Map<string, string>(Object.keys(base).map((k) => [k, 'platform']));
  for (const f of features) {
    for (const [key, value] of Object.entries(pick(f) ?? {})) {
      if (owner.has(key)) throw new Error(`${what} ${key} is declared by ${owner.get(key)} and ${f.name}`);
      owner.set(key, f.name);
      out[key] = value;
    }
  }
  return out;
}

/** Every error code with its status: the platform's own and each feature's. */
export function errorTable(
  features: readonly AnyFeature[],
  platform: Readonly<Record<string, ErrorSpec>> = {},
): Record<string, ErrorSpec> {
  return fold(features, (f) => f.errors, 'error code', platform);
}

/**
 * Every command: the CLI's own (`core`, first, in their order) and each feature's, ordered by their
 * `order`; a name taken twice is refused.
 */
export function commandTable(
  features: readonly AnyFeature[],
  core: Readonly<Record<string, CliCommand>> = {},
): Record<string, CliCommand> {
  const all = fold(features, (f) => f.commands, 'command', core);
  const rank = (c: CliCommand) => c.order ?? Number.MAX_SAFE_INTEGER;
  const fromFeatures = Object.entries(all)
    .filter(([name]) => !Object.hasOwn(core, name))
    // A stable sort: equal orders keep the features' order.
    .sort(([, a], [, b]) => rank(a) - rank(b));
  return { ...core, ...Object.fromEntries(fromFeatures) };
}

/** Every audit action with its label. */
export function auditLabelTable(features: readonly AnyFeature[]): Record<string, AuditLabel> {
  return fold(features, (f) => f.auditLabels, 'audit action');
}

/** Every permission the features declare, each declared once, in the order of the features and their lists. */
export function permissionList(features: readonly AnyFeature[]): Permission[] {
  const owners = fold(
    features,
    (f) => Object.fromEntries((f.permissions ?? []).map((p) => [p, f.name])),
    'permission',
  );
  return Object.keys(owners) as Permission[];
}

/**
 * Role → permissions, from every feature's grants. A feature grants only permissions it declares, so
 * who may do what with a feature's things is read in that feature's manifest.
 */
export function grantTable(features: readonly AnyFeature[]): Record<Role, Permission[]> {
  const order = permissionList(features);
  const table = Object.fromEntries(ROLES.map((r) => [r, [] as Permission[]])) as Record<Role, Permission[]>;
  for (const f of features) {
    for (const [role, permissions] of Object.entries(f.grants ?? {}) as [Role, readonly Permission[]][]) {
      if (!table[role]) throw new Error(`${f.name} grants to an unknown role ${role}`);
      for (const p of permissions) {
        if (!f.permissions?.includes(p)) throw new Error(`${f.name} grants ${p}, which it does not declare`);
        if (!table[role].includes(p)) table[role].push(p);
      }
    }
  }
  for (const list of Object.values(table)) list.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return table;
}

/** The largest upload any feature accepts, or `fallback` when none takes files. */
export function maxUploadBytes(features: readonly AnyFeature[], fallback = 1024 * 1024): number {
  return Math.max(fallback, ...features.map((f) => f.maxUploadBytes ?? 0));
}
