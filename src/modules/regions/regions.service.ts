import type { Region, RegionDetail } from '../../contracts/regions.js';
import type { Queryable } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { RegionCatalog } from './catalog.js';

interface RegionRow {
  code: string;
  name: string;
  level: Region['level'];
  parent_code: string | null;
}

const present = (r: RegionRow): Region => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parent_code,
});

/** Regions are public reference data (Kemendagri open data): no scoping, no audit. */
export function createRegionService(deps: { db: Queryable; catalog: RegionCatalog }) {
  const { db, catalog } = deps;
  return {
    async children(parent: string | null): Promise<Region[]> {
      if (parent !== null) {
        const exists = await db.query('SELECT 1 FROM regions WHERE code = $1', [parent]);
        if (exists.rows.length === 0)
          throw new AppError('NOT_FOUND', `Wilayah dengan kode ${parent} tidak ditemukan.`);
      }
      const r = await db.query<RegionRow>(
        parent === null
          ? "SELECT code, name, level, parent_code FROM regions WHERE level = 'province' ORDER BY code"
          : 'SELECT code, name, level, parent_code FROM regions WHERE parent_code = $1 ORDER BY code',
        parent === null ? [] : [parent],
      );
      return r.rows.map(present);
    },

    async get(code: string): Promise<RegionDetail> {
      const r = await db.query<RegionRow>(
        'SELECT code, name, level, parent_code FROM regions WHERE code = $1',
        [code],
      );
      const row = r.rows[0];
      if (!row) throw new AppError('NOT_FOUND', `Wilayah dengan kode ${code} tidak ditemukan.`);
      return { ...present(row), path: catalog.path(code) };
    },
  };
}
export type RegionService = ReturnType<typeof createRegionService>;
