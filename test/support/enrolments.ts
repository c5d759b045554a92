import { EligibilityRules, PriorityWeights } from '../../src/contracts/programmes.js';
import type { Queryable } from '../../src/platform/db/index.js';

/**
 * Sponsors, programmes, rosters and enrolments written straight into their tables, for tests of the
 * enrolments feature (the allocation writes them in the app).
 */
export async function aSponsor(
  db: Queryable,
  o: { name?: string; regionCode?: string } = {},
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO sponsors (kind, name, region_code) VALUES ('apbd_province', $1, $2) RETURNING id`,
    [o.name ?? `Pemprov ${Math.random().toString(36).slice(2, 8)}`, o.regionCode ?? '16'],
  );
  return r.rows[0]!.id;
}

export async function aProgramme(
  db: Queryable,
  o: { sponsorId?: string; name?: string; start?: string; end?: string; regionCode?: string } = {},
): Promise<{ id: string; sponsorId: string }> {
  const sponsorId = o.sponsorId ?? (await aSponsor(db));
  const r = await db.query<{ id: string }>(
    `INSERT INTO programmes (sponsor_id, name, region_code, period_start, period_end, budget, eligibility,
                             priority_weights, status, created_by)
     VALUES ($1, $2, $3, $4, $5, 1000000000, $6, $7, 'open', 'test') RETURNING id`,
    [
      sponsorId,
      o.name ?? 'Perlindungan Pekerja Rentan 2027',
      o.regionCode ?? '16',
      o.start ?? '2027-01-01',
      o.end ?? '2027-12-01',
      // Whole rule sets, as the programmes feature stores them (its answers carry every field).
      JSON.stringify(EligibilityRules.parse({})),
      JSON.stringify(PriorityWeights.parse({})),
    ],
  );
  return { id: r.rows[0]!.id, sponsorId };
}

export async function aRoster(
  db: Queryable,
  programmeId: string,
  status: 'proposed' | 'approved' | 'rejected' = 'approved',
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO rosters (programme_id, sponsor_id, region_code, status, budget, settings, result, proposed_by,
                          proposed_by_label, decided_by, decided_by_label, decided_at)
     VALUES ($1, (SELECT sponsor_id FROM programmes WHERE id = $1), '16', $2, 1000000000, '{}', '{}', 'user:maker', 'maker@payung.local',
             CASE WHEN $2 = 'proposed' THEN NULL ELSE 'user:checker' END,
             CASE WHEN $2 = 'proposed' THEN NULL ELSE 'checker@payung.local' END,
             CASE WHEN $2 = 'proposed' THEN NULL ELSE now() END)
     RETURNING id`,
    [programmeId, status],
  );
  return r.rows[0]!.id;
}

/** An enrolment of `workerId` (its region copied from the worker), with its first event. */
export async function anEnrolment(
  db: Queryable,
  o: {
    workerId: string;
    programmeId: string;
    sponsorId: string;
    rosterId?: string | null;
    status?: string;
    firstMonth?: string;
    lastMonth?: string;
    kpj?: string | null;
  },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `INSERT INTO enrolments (worker_id, programme_id, roster_id, sponsor_id, province_code, regency_code, district_code,
                             status, first_month, last_month, monthly_cost, total_cost, kpj, coverage_start)
     SELECT w.id, $2, $3, $4, w.province_code, w.regency_code, w.district_code, $5, $6::date, $7::date, 16800, 16800 * 12, $8::text,
            CASE WHEN $8::text IS NULL THEN NULL ELSE $6::date END
       FROM workers w WHERE w.id = $1
     RETURNING id`,
    [
      o.workerId,
      o.programmeId,
      o.rosterId ?? null,
      o.sponsorId,
      o.status ?? 'proposed',
      o.firstMonth ?? '2027-01-01',
      o.lastMonth ?? '2027-12-01',
      o.kpj ?? null,
    ],
  );
  const id = r.rows[0]!.id;
  await db.query(
    `INSERT INTO enrolment_events (enrolment_id, to_status, reason, actor_id, actor_label)
     VALUES ($1, 'proposed', 'Dipilih dalam alokasi', 'test', 'test')`,
    [id],
  );
  return id;
}
