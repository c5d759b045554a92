import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * Which proxies in front of Payung may tell it the client's address (X-Forwarded-For). Unset: none, the
 * address is the connection's. A number: that many proxies (hops) directly in front. Otherwise a
 * comma-separated list of proxy addresses or CIDR ranges. `true` (trust anyone) is not accepted: any
 * client could then pick its own address and slip past the per-address sign-in limit.
 */
export type TrustProxy = false | number | string[];

const PROXY_HINT =
  'isi dengan jumlah proxy di depan Payung (misalnya 1) atau daftar alamat/CIDR proxy dipisah koma (misalnya 10.0.0.5,192.168.1.0/24)';

function isAddressOrCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

const TrustProxySchema = z.string().transform((raw, ctx): TrustProxy => {
  const value = raw.trim();
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) ctx.addIssue({ code: 'custom', message: `${value} proxy terlalu banyak; ${PROXY_HINT}` });
    return hops === 0 ? false : hops;
  }
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (entries.length === 0 || bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `${bad.length > 0 ? `"${bad.join('", "')}" bukan alamat IP atau CIDR` : 'kosong'}; ${PROXY_HINT}`,
    });
  }
  return entries;
});

const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL harus berupa URL postgres://user@host:port/db')
    .optional(),
  PAYUNG_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PAYUNG_PROVINCE: z
    .string()
    .regex(/^\d{2}$/, 'PAYUNG_PROVINCE harus kode provinsi Kemendagri dua angka, misalnya 16')
    .default('16'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAYUNG_DB_WAIT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  PAYUNG_DB_QUEUE: z.coerce.number().int().min(1).max(100_000).default(64),
  PAYUNG_SEARCH_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(4),
  PAYUNG_SEARCH_QUEUE: z.coerce.number().int().min(0).max(100_000).default(16),
  PAYUNG_SEARCHES_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(120),
  TRUST_PROXY: TrustProxySchema.optional(),
  PAYUNG_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  provinceCode: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  limits: Limits;
  /** Proxies allowed to set the client address; false = none (the default). */
  trustProxy: TrustProxy;
  jobs: JobSettings;
}

/** Background jobs (src/platform/jobs). */
export interface JobSettings {
  /**
   * How long a claimed job is held without its server renewing the lease (renewed every third of it
   * while the job runs). A job whose server died is claimed again this long after the last renewal.
   */
  leaseSeconds: number;
}

/** How much work the server admits (decision 0011; README.md lists the variables). */
export interface Limits {
  /** The longest a request waits for the database before 503 DATABASE_BUSY. */
  dbWaitMs: number;
  /** Requests that may wait for the database at once; the next gets 503 at once. */
  dbQueue: number;
  /** Name searches (fuzzy, the expensive kind) run at once in this process… */
  searchConcurrency: number;
  /** …and how many more may wait for one of those places (503 SERVER_BUSY beyond). */
  searchQueue: number;
  /** Worker searches and lookups per user per minute (429 RATE_LIMITED beyond, audited). */
  searchesPerMinute: number;
}

/**
 * Reads and validates the environment once. Every problem is listed at once, so an operator fixes the
 * whole configuration in one go. Nothing else in Payung reads process.env. A relative PAYUNG_DATA_DIR is
 * resolved against `cwd`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // An empty variable (`DATABASE_URL= npm start`) means "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Konfigurasi tidak valid:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    databaseUrl: c.DATABASE_URL,
    dataDir: resolve(cwd, c.PAYUNG_DATA_DIR),
    port: c.PORT,
    host: c.HOST,
    provinceCode: c.PAYUNG_PROVINCE,
    logLevel: c.LOG_LEVEL,
    limits: {
      dbWaitMs: c.PAYUNG_DB_WAIT_MS,
      dbQueue: c.PAYUNG_DB_QUEUE,
      searchConcurrency: c.PAYUNG_SEARCH_CONCURRENCY,
      searchQueue: c.PAYUNG_SEARCH_QUEUE,
      searchesPerMinute: c.PAYUNG_SEARCHES_PER_MINUTE,
    },
    trustProxy: c.TRUST_PROXY ?? false,
    jobs: { leaseSeconds: c.PAYUNG_JOB_LEASE_SECONDS },
  };
}
