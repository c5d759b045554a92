import { parse, UsageError } from '../../cli/args.js';
import { type CliIo, lineWriter } from '../../cli/io.js';
import { checkNik } from '../../domain/nik.js';
import { regionCatalog } from './catalog.js';

/**
 * `payung nik NIK... [--json]`: needs no database, only the region catalog. Exit code 0 whenever the
 * check ran (valid or not); the verdict is in the output.
 */
export async function nikCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false } }, true);
  if (positionals.length === 0) throw new UsageError('Sebutkan minimal satu NIK.');
  const catalog = regionCatalog();
  const today = new Date();
  const say = lineWriter(io.stdout);
  for (const input of positionals) {
    const r = checkNik(input, catalog, today);
    const out = {
      nik: r.nik,
      valid: r.valid,
      errors: r.errors.map((e) => ({ code: e.code, message: e.message })),
      warnings: r.warnings.map((e) => ({ code: e.code, message: e.message })),
      province: r.province,
      regency: r.regency,
      district: r.district,
      birthDate: r.birthDate,
      sex: r.sex,
    };
    if (values.json) {
      say(JSON.stringify(out));
      continue;
    }
    const where = [r.province, r.regency, r.district]
      .filter((c): c is string => c !== null)
      .map((c) => catalog.get(c)?.name ?? c)
      .join(' / ');
    say(`${r.nik}  ${r.valid ? 'VALID' : 'TIDAK VALID'}`);
    if (r.birthDate) say(`  lahir ${r.birthDate}, ${r.sex === 'P' ? 'perempuan' : 'laki-laki'}`);
    if (where) say(`  wilayah penerbit: ${where}`);
    for (const e of r.errors) say(`  ✗ ${e.code}: ${e.message}`);
    for (const w of r.warnings) say(`  ! ${w.code}: ${w.message}`);
  }
  return 0;
}
