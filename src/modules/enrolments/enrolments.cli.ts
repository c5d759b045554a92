import { createReadStream, existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { parse, UsageError } from '../../cli/args.js';
import { cliContext, openApp } from '../../cli/context.js';
import { type CliIo, lineWriter } from '../../cli/io.js';
import { ExportFormat } from '../../contracts/enrolments.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `payung enrolments export PROGRAMME --out FILE [--as EMAIL]` (format from the file's extension) and
 * `payung enrolments import-response FILE [--programme ID] [--dry-run] [--json] [--as EMAIL]`.
 */
export async function enrolmentsCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'export') return exportRoster(rest, io);
  if (sub === 'import-response') return importResponse(rest, io);
  throw new UsageError(
    'Sebutkan: enrolments export PROGRAM --out BERKAS, atau enrolments import-response BERKAS.',
  );
}

async function exportRoster(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: 'string' }, as: { type: 'string' } }, true);
  const programmeId = positionals[0];
  if (!programmeId || positionals.length > 1 || !UUID.test(programmeId))
    throw new UsageError('Sebutkan tepat satu ID program (UUID).');
  if (!values.out) throw new UsageError('--out wajib diisi: berkas .xlsx atau .csv yang akan ditulis.');
  const format = ExportFormat.safeParse(extname(values.out).slice(1).toLowerCase());
  if (!format.success) throw new UsageError('--out harus berakhiran .xlsx atau .csv.');
  await using app = await openApp(io);
  const ctx = await cliContext(app, values.as);
  const path = resolve(io.cwd, values.out);
  const r = await app.enrolments.exportRoster(ctx, programmeId, format.data, path);
  lineWriter(io.stdout)(
    `${basename(path)}: ${r.rows.toLocaleString('id-ID')} peserta (${r.submitted.toLocaleString('id-ID')} baru dikirim ke BPJS).`,
  );
  return 0;
}

async function importResponse(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      programme: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      as: { type: 'string' },
    },
    true,
  );
  const file = positionals[0];
  if (!file || positionals.length > 1)
    throw new UsageError('Sebutkan tepat satu berkas jawaban .xlsx atau .csv.');
  if (values.programme !== undefined && !UUID.test(values.programme))
    throw new UsageError('--programme harus ID program (UUID).');
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`Berkas tidak ditemukan: ${file}`);
  await using app = await openApp(io);
  const ctx = await cliContext(app, values.as);
  const report = await app.enrolments.importResponse(ctx, {
    source: createReadStream(path),
    fileName: basename(path),
    programmeId: values.programme,
    dryRun: values['dry-run'],
  });
  const say = lineWriter(io.stdout);
  if (values.json) say(JSON.stringify(report));
  else {
    say(`${report.fileName}: ${report.summary}.`);
    for (const e of report.errors) say(`  baris ${e.row} (${e.field}): ${e.message}`);
    if (report.errorCount > report.errors.length)
      say(
        `  … dan ${(report.errorCount - report.errors.length).toLocaleString('id-ID')} baris bermasalah lainnya.`,
      );
    if (report.dryRun) say('  Uji coba: belum ada yang disimpan. Jalankan tanpa --dry-run untuk menerapkan.');
  }
  return 0;
}
