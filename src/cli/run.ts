import { AppError } from '../platform/errors.js';
import { allocateCommand, rostersCommand } from './allocate.js';
import { UsageError } from './args.js';
import { calcCommand } from './calc.js';
import { demoCommand } from './demo.js';
import { enrolmentsCommand } from './enrolments.js';
import { importCommand } from './import.js';
import type { CliIo } from './io.js';
import { migrateCommand } from './migrate.js';
import { nikCommand } from './nik.js';
import { programmesCommand } from './programmes.js';
import { serveCommand } from './serve.js';
import { sponsorsCommand } from './sponsors.js';
import { usersCommand } from './users.js';

const COMMANDS: Record<string, { run: (argv: string[], io: CliIo) => Promise<number>; help: string }> = {
  serve: {
    run: serveCommand,
    help: 'serve [--port N] [--host H] [--demo | --no-demo]   start the web app and API',
  },
  migrate: {
    run: migrateCommand,
    help: 'migrate                                   apply database migrations',
  },
  demo: { run: demoCommand, help: 'demo --workers N                          add N synthetic workers' },
  nik: { run: nikCommand, help: 'nik NIK... [--json]                       check and decode NIKs' },
  import: {
    run: importCommand,
    help: 'import FILE [--region CODE] [--dry-run] [--update-existing] [--json]   import a worker spreadsheet',
  },
  sponsors: {
    run: sponsorsCommand,
    help: 'sponsors list [--all] [--json]            list sponsors (Pemberi Bantuan Iuran)',
  },
  programmes: {
    run: programmesCommand,
    help: 'programmes list [--status S] [--json]     list programmes with budget and committed',
  },
  enrolments: {
    run: enrolmentsCommand,
    help: 'enrolments export PROGRAMME --out FILE | import-response FILE [--programme ID] [--dry-run] [--json]   exchange with BPJS',
  },
  allocate: {
    run: allocateCommand,
    help: 'allocate PROGRAMME [--budget N] [--dry-run] [--json] [--as EMAIL]   choose whom a programme covers',
  },
  rosters: {
    run: rostersCommand,
    help: 'rosters approve|reject ID [--note TEXT] [--as EMAIL]   decide a proposed roster (not its proposer)',
  },
  calc: {
    run: calcCommand,
    help: 'calc bpu|jakon|benefit [...] [--json]    contribution and benefit calculators, with the breakdown',
  },
  users: {
    run: usersCommand,
    help: 'users add|list|reset-password [...]      manage users (add --email --role --region ...)',
  },
};

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
