import { resolve } from 'node:path';
import { z } from 'zod';

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
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  provinceCode: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
}

/**
 * Reads and validates the environment once. Every problem is listed at once, so an operator fixes the
 * whole configuration in one go. Nothing else in Payung reads process.env.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
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
    dataDir: resolve(c.PAYUNG_DATA_DIR),
    port: c.PORT,
    host: c.HOST,
    provinceCode: c.PAYUNG_PROVINCE,
    logLevel: c.LOG_LEVEL,
  };
}
