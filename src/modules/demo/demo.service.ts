import type { RegionCatalog } from '../../contracts/regions.js';
import type { Database } from '../../platform/db/index.js';
import { insertWorkersBulk } from '../workers/index.js';
import { demoGenerator } from './demo.generator.js';

export interface DemoResult {
  workers: number;
}

/**
 * Adds `count` synthetic workers. Runs again add more (a different seed each time); a NIK that already
 * exists is skipped and replaced by another, so exactly `count` are added.
 */
export async function seedDemoWorkers(
  db: Database,
  catalog: RegionCatalog,
  opts: {
    count: number;
    provinceCode: string;
    now: Date;
    onProgress?: (done: number) => void;
    chunkSize?: number;
  },
): Promise<DemoResult> {
  const existing = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM workers');
  const gen = demoGenerator(catalog, {
    provinceCode: opts.provinceCode,
    now: opts.now,
    seed: 1608 + (existing.rows[0]?.n ?? 0),
    recordedBy: 'demo',
  });
  const chunkSize = opts.chunkSize ?? 5_000;
  let added = 0;
  while (added < opts.count) {
    const n = Math.min(chunkSize, opts.count - added);
    const rows = Array.from({ length: n }, () => ({ ...gen.next(), source: 'demo' }));
    added += await insertWorkersBulk(db, rows);
    opts.onProgress?.(added);
  }
  return { workers: added };
}
