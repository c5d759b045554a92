import { useI18n } from '../../app/i18n.js';
import { type Column, DataTable } from '../../ui/DataTable.js';
import { formatDate, formatDateTime } from '../../ui/format.js';
import type { Enrolment, EnrolmentWithHistory } from './api.js';

type Status = Enrolment['status'];
const TONE: Record<Status, string> = {
  proposed: 'badge--muted',
  submitted: 'badge--muted',
  active: 'badge--ok',
  ended: 'badge--muted',
  rejected: 'badge--danger',
  cancelled: 'badge--muted',
};

export function StatusBadge(props: { status: Status }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${TONE[props.status]}`} data-testid="enrolment-status">
      {t(`enrol.status.${props.status}`)}
    </span>
  );
}

/** "2027-01 – 2027-12" as months people read. */
export function monthsText(e: Pick<Enrolment, 'firstMonth' | 'lastMonth'>, lang: 'id' | 'en'): string {
  const month = (m: string) =>
    new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(`${m}-01T00:00:00Z`));
  return `${month(e.firstMonth)} – ${month(e.lastMonth)}`;
}

/**
 * The columns every list of enrolments shows: who (masked NIK), status, months, KPJ; with `regions`, the
 * regency/city's name from `regions` (code → name).
 */
export function useEnrolmentColumns(
  withProgramme = false,
  regions?: ReadonlyMap<string, string>,
): Column<Enrolment>[] {
  const { t, lang } = useI18n();
  return [
    { key: 'worker', header: t('enrol.worker'), cell: (e) => e.workerName },
    { key: 'nik', header: t('enrol.nik'), cell: (e) => <span className="mono">{e.nikMasked}</span> },
    ...(regions
      ? [
          {
            key: 'region',
            header: t('enrol.region'),
            cell: (e: Enrolment) => regions.get(e.regencyCode) ?? e.regencyCode,
          },
        ]
      : []),
    ...(withProgramme
      ? [{ key: 'programme', header: t('enrol.programme'), cell: (e: Enrolment) => e.programmeName }]
      : []),
    { key: 'status', header: t('enrol.status'), cell: (e) => <StatusBadge status={e.status} /> },
    { key: 'months', header: t('enrol.months'), cell: (e) => monthsText(e, lang) },
    {
      key: 'kpj',
      header: t('enrol.kpj'),
      cell: (e) => (e.kpj ? <span className="mono">{e.kpj}</span> : '—'),
    },
  ];
}

/** An enrolment's history, oldest first: when, from what to what, why, by whom. */
export function EnrolmentHistory(props: { enrolment: EnrolmentWithHistory }) {
  const { t, lang } = useI18n();
  return (
    <details>
      <summary>{t('enrol.history')}</summary>
      <ol className="history" data-testid="enrolment-history">
        {props.enrolment.history.map((h) => (
          <li key={`${h.at}-${h.toStatus}`}>
            {formatDateTime(h.at, lang)}: {h.fromStatus ? `${t(`enrol.status.${h.fromStatus}`)} → ` : ''}
            {t(`enrol.status.${h.toStatus}`)}
            {h.effectiveOn ? ` (${formatDate(h.effectiveOn, lang)})` : ''}
            {h.reason ? ` — ${h.reason}` : ''} · {h.actor}
          </li>
        ))}
      </ol>
    </details>
  );
}

export function EnrolmentTable(props: {
  rows: Enrolment[];
  caption: string;
  withProgramme?: boolean;
  /** Names of the rows' regencies/cities, to show a region column. */
  regions?: ReadonlyMap<string, string>;
}) {
  const { t } = useI18n();
  const columns = useEnrolmentColumns(props.withProgramme, props.regions);
  return (
    <DataTable
      columns={columns}
      rows={props.rows}
      rowKey={(e) => e.id}
      caption={props.caption}
      isCaptionHidden
      testId="enrolments-table"
      empty={<p className="empty">{t('enrol.none')}</p>}
    />
  );
}
