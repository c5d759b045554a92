import { isWithin, parentOf } from '../domain/regions.js';
import { regionScopeSql } from './db/scope.js';
import type { Params } from './db/sql.js';

/**
 * What of one resource an actor may see, said once and answered two ways: as an SQL condition for the
 * repository's queries, and as a check of a row already in memory. Both give the same answer for every
 * row (test/scopes/ holds them to it). Each resource declares its own in `<module>/<resource>.scope.ts`,
 * built from the blocks below; an empty scope matches nothing, never everything.
 */
export interface ResourceScope<Row> {
  /** SQL condition on the resource's table under `alias`, its values added to `params`. */
  where(alias: string, params: Params): string;
  /** Whether the actor may see this row. */
  allows(row: Row): boolean;
}

/** A scope built on regions, which can also say whether a region lies in it (where one may write). */
export interface RegionScope<Row> extends ResourceScope<Row> {
  /** Whether `code` (any level) lies within the scope's regions. */
  covers(code: string): boolean;
  /** The region codes it is built on: a hint for a query's plan (the workers' name search), not a rule. */
  readonly regions: readonly string[];
}

/** Nothing at all: an actor without the permission a resource needs, or without a region. */
export function nothing<Row>(): RegionScope<Row> {
  return { where: () => 'false', allows: () => false, covers: () => false, regions: [] };
}

/** Rows either scope allows (e.g. regions, or the actor's sponsors). */
export function anyOf<Row>(...scopes: ResourceScope<Row>[]): ResourceScope<Row> {
  if (scopes.length === 0) return nothing();
  return {
    where: (alias, params) => `(${scopes.map((s) => s.where(alias, params)).join(' OR ')})`,
    allows: (row) => scopes.some((s) => s.allows(row)),
  };
}

/** How a table carries its region, and how to read it from a row. */
export type RegionPlacement<Row> =
  /** Columns province_code … village_code (the workers' shape); `regionOf` is the row's finest code. */
  | { kind: 'hierarchy'; regionOf: (row: Row) => string }
  /** One column holding a code of any level (null: no region, in no region scope). */
  | { kind: 'code'; column: string; regionOf: (row: Row) => string | null }
  /** An array of codes of any level, all of which must lie in the scope (an empty array always does). */
  | { kind: 'codes'; column: string; regionsOf: (row: Row) => readonly string[] };

/** The rows of `placement`'s table that lie within `codes` (region codes of any level). */
export function regionScope<Row>(
  codes: readonly string[],
  placement: RegionPlacement<Row>,
): RegionScope<Row> {
  const covers = (code: string) => isWithin(code, codes);
  const regions = [...codes];
  switch (placement.kind) {
    case 'hierarchy':
      return {
        where: (alias, params) => regionScopeSql(codes, params, alias),
        allows: (row) => covers(placement.regionOf(row)),
        covers,
        regions,
      };
    case 'code':
      return {
        where: (alias, params) => codeWithinSql(qualified(alias, placement.column), codes, params),
        allows: (row) => {
          const code = placement.regionOf(row);
          return code !== null && covers(code);
        },
        covers,
        regions,
      };
    case 'codes':
      return {
        where: (alias, params) =>
          `NOT EXISTS (SELECT FROM unnest(${qualified(alias, placement.column)}) AS scope_code(code)
             WHERE NOT ${codeWithinSql('scope_code.code', codes, params)})`,
        allows: (row) => placement.regionsOf(row).every(covers),
        covers,
        regions,
      };
  }
}

/**
 * The rows whose one region column lies within `codes` or contains one of them: what concerns an actor
 * of a regency is also what covers its regency (a province's programme), not only what lies inside it.
 * Read-only: a write is checked with a scope's `covers`.
 */
export function regionOverlap<Row>(
  codes: readonly string[],
  placement: { column: string; regionOf: (row: Row) => string | null },
): ResourceScope<Row> {
  if (codes.length === 0) return nothing();
  return {
    where: (alias, params) => {
      const column = qualified(alias, placement.column);
      return `(${codeWithinSql(column, codes, params)} OR ${column} = ANY(${params.add(
        codes.flatMap(ancestorsOf),
      )}::text[]))`;
    },
    allows: (row) => {
      const code = placement.regionOf(row);
      return code !== null && (isWithin(code, codes) || codes.some((c) => isWithin(c, [code])));
    },
  };
}

/** `16.71.01` → ['16', '16.71']: the regions that contain a code, widest first. */
function ancestorsOf(code: string): string[] {
  const up: string[] = [];
  for (let c = parentOf(code); c !== null; c = parentOf(c)) up.unshift(c);
  return up;
}

/** A column of one code (any level) within `codes`: the code itself or one below it. */
function codeWithinSql(column: string, codes: readonly string[], params: Params): string {
  if (codes.length === 0) return 'false';
  const below = codes.map((c) => `${c.replace(/[\\%_]/g, '\\$&')}.%`);
  return `(${column} = ANY(${params.add(codes)}::text[]) OR ${column} LIKE ANY(${params.add(below)}::text[]))`;
}

/** The rows of a table with a sponsor column that belong to one of `sponsorIds`. */
export function sponsorScope<Row>(
  sponsorIds: readonly string[],
  placement: { column: string; sponsorOf: (row: Row) => string | null },
): ResourceScope<Row> {
  if (sponsorIds.length === 0) return nothing();
  return {
    where: (alias, params) =>
      `${qualified(alias, placement.column)} = ANY(${params.add(sponsorIds)}::uuid[])`,
    allows: (row) => {
      const id = placement.sponsorOf(row);
      return id !== null && sponsorIds.includes(id);
    },
  };
}

/** Rows without a region (`column` null), for readers who see the whole deployment (the audit trail's). */
export function unplaced<Row>(column: string, regionOf: (row: Row) => string | null): ResourceScope<Row> {
  return {
    where: (alias) => `${qualified(alias, column)} IS NULL`,
    allows: (row) => regionOf(row) === null,
  };
}

/** `alias.column`, or the bare column without an alias (a query on one table). */
const qualified = (alias: string, column: string) => (alias ? `${alias}.${column}` : column);
