import { loadRegions, regionCatalog } from '../modules/regions/index.js';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db/index.js';
import { migrate } from '../platform/db/migrate.js';
import { parse } from './args.js';

export async function migrateCommand(argv: string[]): Promise<number> {
  parse(argv, {});
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const applied = await migrate(db);
    const regions = await loadRegions(db, regionCatalog());
    console.log(
      applied.length > 0 ? `Migrasi diterapkan: ${applied.join(', ')}` : 'Skema basis data sudah terbaru.',
    );
    if (regions.loaded) console.log(`Data wilayah dimuat: ${regions.count} wilayah.`);
    console.log(`Basis data: ${db.description}`);
    return 0;
  } finally {
    await db.close();
  }
}
