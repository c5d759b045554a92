import { FEATURES } from '../features.js';
import { AppError } from '../platform/errors.js';
import { type CliCommand, commandTable } from '../platform/feature.js';
import { UsageError } from './args.js';
import type { CliIo } from './io.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';

/**
 * The CLI's own commands (help is answered below); every other command is declared by its feature's
 * manifest (`commands` in src/modules/<m>/index.ts) and listed after these in `payung help`.
 */
const CORE: Record<string, CliCommand> = {
  serve: {
    run: serveCommand,
    help: 'serve [--port N] [--host H] [--demo | --no-demo]   start the web app and API',
  },
  migrate: {
    run: migrateCommand,
    help: 'migrate                                   apply database migrations',
  },
};

const COMMANDS = commandTable(FEATURES, CORE);

function usage(): string {
  return [
    'Payung — perlindungan jaminan sosial bagi pekerja rentan',
    '',
    'Usage: payung <command> [options]',
    '',
    ...Object.values(COMMANDS).map((c) => `  payung ${c.help}`),
    '',
    'Environment: DATABASE_URL (PostgreSQL; default embedded PGlite in PAYUNG_DATA_DIR=./data),',
    '             PORT, HOST, PAYUNG_PROVINCE (default 16), LOG_LEVEL',
  ].join('\n');
}

/** Runs `payung ARGV…` against `io` and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`Perintah tidak dikenal: ${name}\n\n${usage()}\n`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`${e.message}\n\nUsage: payung ${command.help}\n`);
      return 2;
    }
    if (e instanceof AppError) {
      io.stderr.write(`Gagal (${e.code}): ${e.message}\n`);
      return 1;
    }
    // Messages only: an error from the database may quote row values.
    io.stderr.write(`Gagal: ${(e as Error).message}\n`);
    return 1;
  }
}
