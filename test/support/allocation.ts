import { EligibilityRules, PriorityWeights, type Quota } from '../../src/contracts/programmes.js';
import type { SponsorKind } from '../../src/contracts/sponsors.js';
import { OCCUPATIONS } from '../../src/contracts/workers.js';
import { demoGenerator } from '../../src/modules/demo/demo.generator.js';
import { regionCatalog } from '../../src/modules/regions/index.js';
import { insertWorkersBulk } from '../../src/modules/workers/index.js';
import type { Queryable } from '../../src/platform/db/index.js';
import { between, oneOf, prng } from './prng.js';

/** A sponsor row (the sponsors feature owns the table; tests write it directly). */
export async function aSponsor(db: Queryable, kind: SponsorKind = 'csr_private', regionCode = '16') {
  const r = await db.query<{ id: string }>(
    `INSERT INTO sponsors (kind, name, region_code) VALUES ($1, $2, $3) RETURNING id`,
    [kind, `Sponsor ${kind} ${Math.random().toString(36).slice(2, 8)}`, regionCode],
  );
  return r.rows[0]!.id;
}

export interface ProgrammeInput {
  sponsorId: string;
  regionCode?: string;
  periodStart?: string;
  periodEnd?: string;
  budget?: number;
  includeJht?: boolean;
  eligibility?: Partial<EligibilityRules>;
  weights?: Partial<PriorityWeights>;
  quotas?: Quota[];
  status?: 'draft' | 'open' | 'closed';
  name?: string;
}

/** A programme row; months as 'YYYY-MM'. */
export async function aProgramme(db: Queryable, p: ProgrammeInput) {
  const r = await db.query<{ id: string }>(
    `INSERT INTO programmes (sponsor_id, name, region_code, period_start, period_end, budget, include_jht,
                             eligibility, priority_weights, quotas, status, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'test') RETURNING id`,
    [
      p.sponsorId,
      p.name ?? 'Program Uji',
      p.regionCode ?? '16',
      `${p.periodStart ?? '2027-01'}-01`,
      `${p.periodEnd ?? '2027-12'}-01`,
      p.budget ?? 100_000_000,
      p.includeJht ?? false,
      // Whole rule sets, as the programmes feature stores them (its answers carry every field).
      JSON.stringify(EligibilityRules.parse(p.eligibility ?? {})),
      JSON.stringify(PriorityWeights.parse(p.weights ?? { priorityOccupations: ['nelayan', 'buruh_tani'] })),
      JSON.stringify(p.quotas ?? []),
      p.status ?? 'open',
    ],
  );
  return r.rows[0]!.id;
}

/**
 * `n` synthetic workers from a seed, with facts spread wide: every occupation, ages from 10 to 75
 * (29 February and first-of-month birthdays too), incomes missing or from 0 to 6 million, every
 * vulnerability flag, some deactivated.
 */
export async function generatedRegistry(
  db: Queryable,
  seed: number,
  n: number,
  now = new Date('2026-11-01'),
) {
  const gen = demoGenerator(regionCatalog(), { provinceCode: '16', now, seed, recordedBy: 'test' });
  const r = prng(seed);
  const rows = Array.from({ length: n }, () => {
    const w = gen.next();
    const year = between(r, 1951, 2016);
    const special = r();
    const birth =
      special < 0.05
        ? `${year - (year % 4)}-02-29`
        : special < 0.15
          ? `${year}-${String(between(r, 1, 12)).padStart(2, '0')}-01`
          : w.birth_date;
    return {
      ...w,
      birth_date: birth,
      occupation: oneOf(r, OCCUPATIONS),
      declared_income: r() < 0.15 ? null : between(r, 0, 120) * 50_000,
      in_welfare_register: r() < 0.4,
      has_disability: r() < 0.1,
      is_female_head_of_household: r() < 0.15,
      source: 'test',
    };
  });
  await insertWorkersBulk(db, rows);
  await db.query(
    `UPDATE workers SET is_active = false, deactivation_reason = 'uji', deactivated_at = now()
      WHERE source = 'test' AND ('x' || substr(md5(nik), 1, 4))::bit(16)::int % 20 = 0`,
  );
}
