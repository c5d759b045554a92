import type { EligibilityRules, Month, PriorityWeights } from '../../contracts/programmes.js';
import type { Occupation } from '../../contracts/workers.js';
import { birthDateRangeForAge } from '../../domain/age.js';
import { firstDayOf, HOLDING_STATUSES } from '../../domain/eligibility.js';
import { incomeReference } from '../../domain/priority.js';
import { monthStart } from '../../domain/programmes.js';
import type { Queryable } from '../../platform/db/index.js';
import { regionScopeSql } from '../../platform/db/scope.js';
import { Params } from '../../platform/db/sql.js';

/**
 * A programme's eligible pool, scored and ranked, set-based in SQL: one statement reads the registry
 * once (eligibility rules, the programme's region, and no enrolment already holding any of its months)
 * into a temporary table `allocation_ranked` (dropped at the end of the transaction) with each worker's
 * score (the integer formula of domain/priority.ts, term by term), cost class and rank (score desc,
 * birth date asc, id asc). The greedy choice then reads the ranks in keyset chunks (`readRanked`), so
 * memory stays bounded whatever the pool's size.
 */

export interface PoolSettings {
  programmeId: string;
  /** The programme's region: a regency programme stays in its regency. */
  regionCode: string;
  firstMonth: Month;
  lastMonth: Month;
  rules: EligibilityRules;
  weights: PriorityWeights;
  /** Period cost and first month's contribution per occupation the programme covers. */
  costs: ReadonlyMap<Occupation, { monthly: number; total: number }>;
}

export interface RankedRow {
  rank: number;
  regency_code: string;
  cost: number;
}

/** The score of `w` (a row of workers) with age `age`: the formula of domain/priority.ts in SQL. */
function scoreSql(s: PoolSettings, p: Params): string {
  const k = s.weights;
  const span = s.rules.ageMax - s.rules.ageMin;
  const R = incomeReference({ weights: k, rules: s.rules, firstMonth: s.firstMonth });
  const agePart =
    span > 0
      ? `(${p.add(k.age)}::bigint * LEAST(GREATEST(a.age - ${p.add(s.rules.ageMin)}::int, 0), ${p.add(span)}::int)) / ${p.add(span)}::int`
      : '0';
  return `(CASE WHEN w.in_welfare_register THEN ${p.add(k.welfareRegister)}::int ELSE 0 END
         + CASE WHEN w.has_disability THEN ${p.add(k.disability)}::int ELSE 0 END
         + CASE WHEN w.is_female_head_of_household THEN ${p.add(k.femaleHeadOfHousehold)}::int ELSE 0 END
         + ${agePart}
         + CASE WHEN w.declared_income IS NULL THEN 0
                ELSE (${p.add(k.income)}::bigint * LEAST(GREATEST(${p.add(R)}::bigint - w.declared_income, 0), ${p.add(R)}::bigint)) / ${p.add(R)}::bigint END
         + CASE WHEN w.occupation = ANY(${p.add(k.priorityOccupations)}::text[]) THEN ${p.add(k.occupation)}::int ELSE 0 END)::int`;
}

/** The conditions of domain/eligibility.ts on `w`, and the costs joined as `c` (allowed occupations only). */
function poolFrom(s: PoolSettings, p: Params): string {
  const r = s.rules;
  const start = firstDayOf(s.firstMonth);
  const born = birthDateRangeForAge(r.ageMin, r.ageMax, start);
  const occupations = [...s.costs.keys()];
  const where = [
    regionScopeSql([s.regionCode], p, 'w'),
    `w.birth_date <= ${p.add(born.bornOnOrBefore)}::date`,
    `w.birth_date >= ${p.add(born.bornOnOrAfter)}::date`,
  ];
  if (r.regionCodes) where.push(regionScopeSql(r.regionCodes, p, 'w'));
  if (r.incomeCeiling !== null)
    where.push(`(w.declared_income IS NULL OR w.declared_income <= ${p.add(r.incomeCeiling)}::bigint)`);
  if (r.requireWelfareRegister) where.push('w.in_welfare_register');
  if (r.requireDisability) where.push('w.has_disability');
  if (r.requireConsent) where.push('w.consent_given_at IS NOT NULL');
  if (r.requireActive) where.push('w.is_active');
  where.push(`NOT EXISTS (
      SELECT FROM enrolments e
       WHERE e.worker_id = w.id
         AND e.status = ANY(${p.add(HOLDING_STATUSES)}::text[])
         AND e.months && daterange(${p.add(monthStart(s.firstMonth))}::date, ${p.add(monthStart(s.lastMonth))}::date, '[]'))`);
  return `workers w
     JOIN unnest(${p.add(occupations)}::text[], ${p.add(occupations.map((o) => s.costs.get(o)!.monthly))}::bigint[],
                 ${p.add(occupations.map((o) => s.costs.get(o)!.total))}::bigint[]) AS c(occupation, monthly, cost)
       ON c.occupation = w.occupation
     CROSS JOIN LATERAL (
       SELECT date_part('year', age(${p.add(monthStart(s.firstMonth))}::date, w.birth_date))::int AS age
     ) AS a
    WHERE ${where.join('\n      AND ')}`;
}

/** Builds `allocation_ranked` for the programme (inside a transaction); the pool's size by regency. */
export async function buildPool(
  q: Queryable,
  s: PoolSettings,
  opts: { sortMemory?: string } = {},
): Promise<{ eligible: number; byRegency: Map<string, number> }> {
  await q.exec('DROP TABLE IF EXISTS allocation_ranked');
  // The ranking sorts the whole pool once: on a server, in memory rather than in temporary files.
  if (opts.sortMemory) await q.query(`SELECT set_config('work_mem', $1, true)`, [opts.sortMemory]);
  const p = new Params();
  const score = scoreSql(s, p);
  const from = poolFrom(s, p);
  await q.query(
    `CREATE TEMP TABLE allocation_ranked ON COMMIT DROP AS
     SELECT (row_number() OVER (ORDER BY scored.score DESC, scored.birth_date, scored.id))::int AS rank,
            scored.*
       FROM (SELECT w.id, w.province_code, w.regency_code, w.district_code, w.birth_date,
                    c.monthly, c.cost, ${score} AS score
               FROM ${from}) AS scored`,
    p.values,
  );
  await q.exec('CREATE UNIQUE INDEX allocation_ranked_rank ON allocation_ranked (rank)');
  // A fresh table has no statistics: the planner would guess the chosen rows' join blind.
  await q.exec('ANALYZE allocation_ranked');
  const counts = await q.query<{ regency_code: string; n: number }>(
    'SELECT regency_code, count(*)::int AS n FROM allocation_ranked GROUP BY regency_code',
  );
  const byRegency = new Map(counts.rows.map((r) => [r.regency_code, r.n]));
  return { eligible: [...byRegency.values()].reduce((a, b) => a + b, 0), byRegency };
}

/** The next `limit` ranks after `after`, in order: what the greedy choice needs of each. */
export async function readRanked(q: Queryable, after: number, limit: number): Promise<RankedRow[]> {
  const r = await q.query<RankedRow>(
    `SELECT rank, regency_code, cost FROM allocation_ranked WHERE rank > $1 AND rank <= $2 ORDER BY rank`,
    [after, after + limit],
  );
  return r.rows;
}

/**
 * The chosen workers (runs of consecutive ranks) with what an enrolment records of them, as a query for
 * insertProposedEnrolments (modules/enrolments); `rank` there is the order among the chosen.
 */
export function chosenQuery(runs: { from: number[]; to: number[] }) {
  return {
    sql: `SELECT r.id AS worker_id, r.province_code, r.regency_code, r.district_code,
                 (row_number() OVER (ORDER BY r.rank))::int AS rank, r.score, r.monthly AS monthly_cost,
                 r.cost AS total_cost
            FROM unnest($1::int[], $2::int[]) AS run(first_rank, last_rank)
            JOIN allocation_ranked r ON r.rank BETWEEN run.first_rank AND run.last_rank`,
    params: [runs.from, runs.to],
  };
}

/** Every pooled worker's score and rank (tests compare them with domain/priority.ts). */
export async function pooledScores(q: Queryable): Promise<{ id: string; rank: number; score: number }[]> {
  return (
    await q.query<{ id: string; rank: number; score: number }>(
      'SELECT id, rank, score FROM allocation_ranked ORDER BY rank',
    )
  ).rows;
}
