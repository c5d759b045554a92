import { levelOf, parentOf } from '../../domain/regions.js';
import type { Params } from './sql.js';

const COLUMN_BY_LEVEL = {
  province: 'province_code',
  regency: 'regency_code',
  district: 'district_code',
  village: 'village_code',
} as const;

/** The column of a region-carrying table that holds codes of the given code's level. */
export function regionColumn(code: string): string {
  const level = levelOf(code);
  if (!level) throw new Error(`Not a region code: ${code}`);
  return COLUMN_BY_LEVEL[level];
}

/**
 * SQL condition restricting a region-carrying table (columns province_code … village_code) to the given
 * codes of any level. An empty list matches nothing: no scope means no rows, never all rows.
 */
export function regionScopeSql(codes: readonly string[], params: Params, alias = ''): string {
  if (codes.length === 0) return 'false';
  const p = alias ? `${alias}.` : '';
  const byColumn = new Map<string, string[]>();
  for (const code of codes) {
    const col = regionColumn(code);
    byColumn.set(col, [...(byColumn.get(col) ?? []), code]);
  }
  const parts = [...byColumn].map(([col, list]) =>
    col === 'village_code'
      ? villageSql(`${p}${col} = ANY(${params.add(list)}::text[])`, list, params, p)
      : `${p}${col} = ANY(${params.add(list)}::text[])`,
  );
  return `(${parts.join(' OR ')})`;
}

/**
 * A condition on villages, with their districts named too: a village lies in its district, so this
 * changes no result, and lets a district's index serve a village (`workers` has no index of its own
 * on villages: migration 0010).
 */
function villageSql(condition: string, villages: readonly string[], params: Params, p: string): string {
  const districts = [...new Set(villages.map((v) => parentOf(v)!))];
  return `(${condition} AND ${p}district_code = ANY(${params.add(districts)}::text[]))`;
}

/** SQL condition: the table's rows in exactly this region (its own level's column). */
export function regionEqualsSql(code: string, params: Params, alias = ''): string {
  const p = alias ? `${alias}.` : '';
  const column = regionColumn(code);
  const condition = `${p}${column} = ${params.add(code)}`;
  return column === 'village_code' ? villageSql(condition, [code], params, p) : condition;
}

/** Kept here for the callers that still import it from the database helpers. */
export { isWithin } from '../../domain/regions.js';
