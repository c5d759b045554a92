import type { Enrolment, EnrolmentEvent, EnrolmentWithHistory } from '../../contracts/enrolments.js';
import { maskNik } from '../../domain/nik.js';
import type { EnrolmentEventRow, EnrolmentRow } from './enrolments.repo.js';

/** `YYYY-MM` of a month's first day. */
export const monthOf = (firstDay: string) => firstDay.slice(0, 7);

/** The API shape of an enrolment: the worker's name and masked NIK, never more of the registry. */
export function presentEnrolment(row: EnrolmentRow): Enrolment {
  return {
    id: row.id,
    workerId: row.worker_id,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    sponsorId: row.sponsor_id,
    sponsorName: row.sponsor_name,
    rosterId: row.roster_id,
    workerName: row.full_name,
    nikMasked: maskNik(row.nik),
    regencyCode: row.regency_code,
    districtCode: row.district_code,
    status: row.status,
    firstMonth: monthOf(row.first_month),
    lastMonth: monthOf(row.last_month),
    monthlyCost: Number(row.monthly_cost),
    totalCost: Number(row.total_cost),
    kpj: row.kpj,
    coverageStart: row.coverage_start,
    rejectionReason: row.rejection_reason,
    endReason: row.end_reason,
    endedOn: row.ended_on,
    version: row.version,
  };
}

export function presentEvent(e: EnrolmentEventRow): EnrolmentEvent {
  return {
    at: new Date(e.at).toISOString(),
    effectiveOn: e.effective_on,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    reason: e.reason,
    actor: e.actor_label,
  };
}

export function withHistory(rows: EnrolmentRow[], events: EnrolmentEventRow[]): EnrolmentWithHistory[] {
  const byId = new Map<string, EnrolmentEvent[]>();
  for (const e of events) {
    const list = byId.get(e.enrolment_id) ?? [];
    list.push(presentEvent(e));
    byId.set(e.enrolment_id, list);
  }
  return rows.map((r) => ({ ...presentEnrolment(r), history: byId.get(r.id) ?? [] }));
}
