import assert from 'node:assert/strict';
import { ROLES } from '../../src/contracts/roles.js';
import { FEATURES } from '../../src/features.js';
import { installPolicy } from '../../src/modules/access/index.js';
import type { Actor } from '../../src/platform/context.js';
import type { Queryable } from '../../src/platform/db/index.js';
import { Params } from '../../src/platform/db/sql.js';
import type { ResourceScope } from '../../src/platform/scope.js';
import { anActor } from './factories.js';

// The scopes ask the policy what a role may do; without an app, install it from the features here.
installPolicy(FEATURES);

/** The regions every resource's scope is tried with (Palembang 16.71, Ogan Ilir 16.10, in South Sumatra 16). */
export const SCOPE_REGIONS = {
  province: ['16'],
  regency: ['16.71'],
  district: ['16.71.01'],
  otherRegency: ['16.10'],
} as const;
export type ScopeRegion = keyof typeof SCOPE_REGIONS;

/** Every role × every region of SCOPE_REGIONS, in the style of the route matrix. */
export function scopeMatrix(): { name: string; region: ScopeRegion; actor: Actor }[] {
  return ROLES.flatMap((role) =>
    (Object.keys(SCOPE_REGIONS) as ScopeRegion[]).map((region) => ({
      name: `${role} × ${region}`,
      region,
      actor: anActor(role, [...SCOPE_REGIONS[region]]),
    })),
  );
}

/** A sponsor officer of the whole province acting for one sponsor: what sponsor scopes will start from. */
export const sponsorOfficer = (): Actor =>
  anActor('sponsor_officer', ['16'], { sponsorIds: ['0190a0a0-0000-7000-8000-000000000001'] });

/**
 * The ids `scope` lets through, asked both ways — its SQL condition on `from` (a table and alias,
 * `workers w`) and its in-memory check on `rows` (the same table's rows, each with its id) — after
 * checking they agree. Sorted.
 */
export async function seenBoth<Place, Row extends Place & { id: string }>(
  db: Queryable,
  from: string,
  scope: ResourceScope<Place>,
  rows: readonly Row[],
  what: string,
): Promise<string[]> {
  const alias = from.trim().split(/\s+/).at(-1)!;
  const p = new Params();
  const r = await db.query<{ id: string }>(
    `SELECT ${alias}.id::text AS id FROM ${from} WHERE ${scope.where(alias, p)}`,
    p.values,
  );
  const bySql = r.rows.map((x) => x.id).sort();
  const inMemory = rows
    .filter((row) => scope.allows(row))
    .map((row) => row.id)
    .sort();
  assert.deepEqual(bySql, inMemory, `${what}: the SQL condition and the in-memory check disagree`);
  return bySql;
}
