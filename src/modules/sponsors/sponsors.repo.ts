import type { SponsorKind } from '../../contracts/sponsors.js';
import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import type { ResourceScope } from '../../platform/scope.js';
import type { SponsorPlace } from './sponsors.scope.js';

export interface SponsorRow {
  id: string;
  kind: SponsorKind;
  name: string;
  region_code: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  is_active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export type SponsorFields = Pick<
  SponsorRow,
  'kind' | 'name' | 'region_code' | 'contact_name' | 'contact_phone' | 'contact_email'
>;

/** The only place that speaks SQL for sponsors. */
export function createSponsorsRepo(db: Queryable) {
  return {
    async insert(s: SponsorFields): Promise<SponsorRow> {
      const r = await db.query<SponsorRow>(
        `INSERT INTO sponsors (kind, name, region_code, contact_name, contact_phone, contact_email)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [s.kind, s.name, s.region_code, s.contact_name, s.contact_phone, s.contact_email],
      );
      return r.rows[0]!;
    },
    /** `lock`: held until the transaction ends ('share': it stays as read; 'update': it is about to change). */
    async findById(
      id: string,
      scope: ResourceScope<SponsorPlace>,
      lock?: 'share' | 'update',
    ): Promise<SponsorRow | null> {
      const p = new Params();
      const r = await db.query<SponsorRow>(
        `SELECT * FROM sponsors s WHERE s.id = ${p.add(id)} AND ${scope.where('s', p)}
         ${lock ? `FOR ${lock.toUpperCase()}` : ''}`,
        p.values,
      );
      return r.rows[0] ?? null;
    },
    async list(
      scope: ResourceScope<SponsorPlace>,
      filter: { kind?: SponsorKind; includeInactive: boolean },
    ): Promise<SponsorRow[]> {
      const p = new Params();
      const where = [scope.where('s', p)];
      if (filter.kind) where.push(`s.kind = ${p.add(filter.kind)}`);
      if (!filter.includeInactive) where.push('s.is_active');
      const r = await db.query<SponsorRow>(
        `SELECT * FROM sponsors s WHERE ${where.join(' AND ')} ORDER BY s.region_code, lower(s.name), s.id`,
        p.values,
      );
      return r.rows;
    },
    /** Null when `version` is given and is no longer the row's (changed meanwhile). */
    async update(
      id: string,
      fields: Partial<SponsorFields & Pick<SponsorRow, 'is_active'>>,
      now: Date,
      version?: number,
    ) {
      const p = new Params();
      const sets = Object.entries(fields).map(([k, v]) => `${k} = ${p.add(v)}`);
      const where = [`id = ${p.add(id)}`, ...(version !== undefined ? [`version = ${p.add(version)}`] : [])];
      const r = await db.query<SponsorRow>(
        `UPDATE sponsors SET ${[...sets, `updated_at = ${p.add(now)}`, 'version = version + 1'].join(', ')}
         WHERE ${where.join(' AND ')} RETURNING *`,
        p.values,
      );
      return r.rows[0] ?? null;
    },
    async hasProgrammes(id: string): Promise<boolean> {
      const r = await db.query('SELECT 1 FROM programmes WHERE sponsor_id = $1 LIMIT 1', [id]);
      return r.rows.length > 0;
    },
    /** Names of sponsors by id, whatever the reader's scope (labels of records it already sees). */
    async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const r = await db.query<{ id: string; name: string }>(
        'SELECT id, name FROM sponsors WHERE id = ANY($1::uuid[])',
        [ids],
      );
      return new Map(r.rows.map((x) => [x.id, x.name]));
    },
  };
}
export type SponsorsRepo = ReturnType<typeof createSponsorsRepo>;
