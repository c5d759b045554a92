import { createReadStream, existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parse, UsageError } from '../../cli/args.js';
import { cliContext, openApp } from '../../cli/context.js';
import { type CliIo, lineWriter } from '../../cli/io.js';
import { presentRowResult } from './imports.presenter.js';
import type { RowResult } from './imports.repo.js';
import { nothingToImport } from './imports.service.js';

/**
 * `payung import FILE [--region CODE] [--dry-run] [--update-existing] [--json] [--as EMAIL]`
 * Always checks the whole file first; without --dry-run it then imports, all or nothing.
 */
export async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      region: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'update-existing': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      as: { type: 'string' },
    },
    true,
  );
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('Sebutkan tepat satu berkas .xlsx atau .csv.');
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`Berkas tidak ditemukan: ${file}`);
  await using app = await openApp(io);
  const tty = io.stderr.isTTY && !values.json;
  const bar = (phase: string, rows: number) => {
    if (tty || (io.stderr.isTTY && values.json))
      io.stderr.write(`\r  ${phase}: ${rows.toLocaleString('id-ID')} baris`);
  };
  const say = lineWriter(io.stdout);
  const ctx = await cliContext(app, values.as);
  const up = await app.imports.upload(ctx, {
    fileName: basename(file),
    source: createReadStream(path),
    ...(values.region ? { regionCode: values.region } : {}),
  });
  // Every row's outcome from the dry run; the commit reports the rows whose outcome it changed.
  const byRow = new Map<number, RowResult>();
  // Data rows only: a totals line is counted in `skipped`, not listed.
  const collect = values.json
    ? (r: RowResult) => {
        if (r.status !== 'skipped') byRow.set(r.row, r);
      }
    : undefined;
  const timer = setInterval(() => {
    const p = app.imports.progressOf(up.job.id);
    if (p) bar(p.phase === 'validating' ? 'memeriksa' : 'mengimpor', p.rows);
  }, 250);
  let counts: Awaited<ReturnType<typeof app.imports.validate>>;
  try {
    counts = await app.imports.validate(ctx, up.job.id, collect);
    // An import that would add nothing is not run: the reason goes to stderr, and nothing is added.
    const nothing = values['dry-run']
      ? null
      : nothingToImport(await app.imports.get(ctx, up.job.id), values['update-existing']);
    if (nothing) {
      io.stderr.write(`${nothing}\n`);
      counts = { ...counts, added: 0, updated: 0 };
    } else if (!values['dry-run']) {
      counts = await app.imports.commit(ctx, up.job.id, {
        updateExisting: values['update-existing'],
        ...(collect ? { onRow: collect } : {}),
      });
    }
  } finally {
    clearInterval(timer);
    if (io.stderr.isTTY) io.stderr.write('\n');
  }
  if (values.json) {
    const results = [...byRow.values()].sort((a, b) => a.row - b.row).map(presentRowResult);
    say(
      JSON.stringify({
        file: basename(file),
        rows: counts.rows,
        accepted: counts.accepted,
        rejected: counts.rejected,
        duplicates: counts.duplicates,
        skipped: counts.skipped,
        possibleDuplicates: counts.possibleDuplicates,
        ...(counts.added !== undefined ? { added: counts.added, updated: counts.updated ?? 0 } : {}),
        dryRun: values['dry-run'],
        importId: up.job.id,
        results,
      }),
    );
  } else {
    say(`${basename(file)}: ${counts.rows.toLocaleString('id-ID')} baris data (${counts.skipped} dilewati)`);
    say(
      `  diterima ${counts.accepted}, ditolak ${counts.rejected}, Data Ganda ${counts.duplicates}, Kemungkinan Data Ganda ${counts.possibleDuplicates}`,
    );
    if (values['dry-run'])
      say('  Uji coba: belum ada yang disimpan. Jalankan tanpa --dry-run untuk mengimpor.');
    else
      say(
        `  Disimpan: ${counts.added ?? 0} pekerja baru${counts.updated ? `, ${counts.updated} diperbarui` : ''}.`,
      );
    if (counts.rejected > 0) say(`  Laporan kesalahan: unduh dari aplikasi web (Impor Data → ${up.job.id}).`);
  }
  return 0;
}
