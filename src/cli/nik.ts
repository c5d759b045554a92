import { checkNik } from '../domain/nik.js';
import { regionCatalog } from '../modules/regions/index.js';
import { parse, UsageError } from './args.js';

/**
 * `payung nik NIK... [--json]`: needs no database, only the region catalog. Exit code 0 whenever the
 * check ran (valid or not); the verdict is in the output.
 */
export async function nikCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean', default: false } }, true);
  if (positionals.length === 0) throw new UsageError('Sebutkan minimal satu NIK.');
  const catalog = regionCatalog();
  const today = new Date();
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
      console.log(JSON.stringify(out));
      continue;
    }
    const where = [r.province, r.regency, r.district]
      .filter((c): c is string => c !== null)
      .map((c) => catalog.get(c)?.name ?? c)
      .join(' / ');
    console.log(`${r.nik}  ${r.valid ? 'VALID' : 'TIDAK VALID'}`);
    if (r.birthDate) console.log(`  lahir ${r.birthDate}, ${r.sex === 'P' ? 'perempuan' : 'laki-laki'}`);
    if (where) console.log(`  wilayah penerbit: ${where}`);
    for (const e of r.errors) console.log(`  ✗ ${e.code}: ${e.message}`);
    for (const w of r.warnings) console.log(`  ! ${w.code}: ${w.message}`);
  }
  return 0;
}
