import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { enrolmentsApi, enrolmentsKeys } from './api.js';
import { EnrolmentHistory, monthsText, StatusBadge } from './EnrolmentParts.js';

/** The enrolments section of a worker's page: each programme, status, months, KPJ and its history. */
export function WorkerEnrolments(props: { workerId: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const enabled = session.can('enrolment.read');
  const list = useQuery({
    queryKey: enrolmentsKeys.workerEnrolments(props.workerId),
    queryFn: () => enrolmentsApi.workerEnrolments(props.workerId),
    enabled,
  });
  if (!enabled) return null;
  return (
    <section className="card" aria-labelledby="worker-enrolments" data-testid="worker-enrolments">
      <h2 id="worker-enrolments">{t('enrol.sectionTitle')}</h2>
      {list.error ? <ErrorNotice error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <p className="empty">{t('enrol.none')}</p> : null}
      {list.data?.map((e) => (
        <div key={e.id} className="enrolment">
          <p>
            <strong>{e.programmeName}</strong> ({e.sponsorName}) <StatusBadge status={e.status} />
          </p>
          <p>
            {t('enrol.months')}: {monthsText(e, lang)} · {t('enrol.kpj')}: {e.kpj ?? '—'}
            {e.rejectionReason ? ` · ${e.rejectionReason}` : ''}
          </p>
          <EnrolmentHistory enrolment={e} />
        </div>
      ))}
    </section>
  );
}
