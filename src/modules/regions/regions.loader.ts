import type { Database } from '../../platform/db/index.js';
import type { RegionCatalog } from './catalog.js';

const CHUNK = 20_000;

/**
 * Loads the catalog into the `regions` table when the table is empty or holds another dataset version.
 * Set-based: a few INSERT … SELECT FROM unnest(...) statements, in one transaction.
 */
export async function loadRegions(
  db: Database,
  catalog: RegionCatalog,
): Promise<{ loaded: boolean; count: number }> {
  const current = await db.query<{ source: string; version: string }>(
    'SELECT source, version FROM region_dataset',
  );
  const row = current.rows[0];
  if (row && row.source === catalog.source && row.version === catalog.version) {
    return { loaded: false, count: 0 };
  }
  const all = [...catalog.all()];
  const counts: Record<string, number> = {};
  for (const r of all) counts[r.level] = (counts[r.level] ?? 0) + 1;
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM regions');
    for (let i = 0; i < all.length; i += CHUNK) {
      const part = all.slice(i, i + CHUNK);
      await tx.query(
        `INSERT INTO regions (code, level, parent_code, name, province_code)
         SELECT code, level, parent_code, name, left(code, 2)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(code, level, parent_code, name)`,
        [
          part.map((r) => r.code),
          part.map((r) => r.level),
          part.map((r) => r.parentCode),
          part.map((r) => r.name),
        ],
      );
    }
    await tx.query(
      `INSERT INTO region_dataset (id, source, version, counts) VALUES (true, $1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, version = EXCLUDED.version,
         counts = EXCLUDED.counts, loaded_at = now()`,
      [catalog.source, catalog.version, JSON.stringify(counts)],
    );
  });
  return { loaded: true, count: all.length };
}
