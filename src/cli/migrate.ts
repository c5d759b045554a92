import { loadRegions, regionCatalog } from '../modules/regions/index.js';
import { openDatabase } from '../platform/db/index.js';
import { migrate } from '../platform/db/migrate.js';
import { parse } from './args.js';
import { configOf } from './context.js';
import { type CliIo, lineWriter } from './io.js';

export async function migrateCommand(argv: string[], io: CliIo): Promise<number> {
  parse(argv, {});
  const config = configOf(io);
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db);
    const regions = await loadRegions(db, regionCatalog());
    const say = lineWriter(io.stdout);
    say(applied.length > 0 ? `Migrasi diterapkan: ${applied.join(', ')}` : 'Skema basis data sudah terbaru.');
    if (regions.loaded) say(`Data wilayah dimuat: ${regions.count} wilayah.`);
    say(`Basis data: ${db.description}`);
    return 0;
  } finally {
    await db.close();
  }
}
