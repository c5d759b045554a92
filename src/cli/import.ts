import { createReadStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { createApp } from '../app.js';
import { nothingToImport, presentRowResult, type RowResult } from '../modules/imports/index.js';
import { loadConfig } from '../platform/config.js';
import { parse, UsageError } from './args.js';
import { cliContext } from './context.js';

/**
 * `payung import FILE [--region CODE] [--dry-run] [--update-existing] [--json] [--as EMAIL]`
 * Always checks the whole file first; without --dry-run it then imports, all or nothing.
 */
export async function importCommand(argv: string[]): Promise<number> {
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
  if (!existsSync(file)) throw new UsageError(`Berkas tidak ditemukan: ${file}`);
  const app = await createApp(loadConfig());
  const tty = process.stderr.isTTY && !values.json;
  const bar = (phase: string, rows: number) => {
    if (tty || (process.stderr.isTTY && values.json))
      process.stderr.write(`\r  ${phase}: ${rows.toLocaleString('id-ID')} baris`);
  };
  try {
    const ctx = await cliContext(app, values.as);
    const up = await app.imports.upload(ctx, {
      fileName: basename(file),
      source: createReadStream(file),
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
        process.stderr.write(`${nothing}\n`);
        counts = { ...counts, added: 0, updated: 0 };
      } else if (!values['dry-run']) {
        counts = await app.imports.commit(ctx, up.job.id, {
          updateExisting: values['update-existing'],
          ...(collect ? { onRow: collect } : {}),
        });
      }
    } finally {
      clearInterval(timer);
      if (process.stderr.isTTY) process.stderr.write('\n');
    }
    if (values.json) {
      const results = [...byRow.values()].sort((a, b) => a.row - b.row).map(presentRowResult);
      console.log(
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
      console.log(
        `${basename(file)}: ${counts.rows.toLocaleString('id-ID')} baris data (${counts.skipped} dilewati)`,
      );
      console.log(
        `  diterima ${counts.accepted}, ditolak ${counts.rejected}, Data Ganda ${counts.duplicates}, Kemungkinan Data Ganda ${counts.possibleDuplicates}`,
      );
      if (values['dry-run'])
        console.log('  Uji coba: belum ada yang disimpan. Jalankan tanpa --dry-run untuk mengimpor.');
      else
        console.log(
          `  Disimpan: ${counts.added ?? 0} pekerja baru${counts.updated ? `, ${counts.updated} diperbarui` : ''}.`,
        );
      if (counts.rejected > 0)
        console.log(`  Laporan kesalahan: unduh dari aplikasi web (Impor Data → ${up.job.id}).`);
    }
    return 0;
  } finally {
    await app.close();
  }
}
