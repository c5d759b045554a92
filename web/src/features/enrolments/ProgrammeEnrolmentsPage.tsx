import { useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ENROLMENT_STATUSES } from '../../../../src/contracts/enrolments.js';
import { useI18n } from '../../app/i18n.js';
import { navigate, searchString } from '../../app/navigation.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { DataTable } from '../../ui/DataTable.js';
import { formatNumber } from '../../ui/format.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice, StatusNotice } from '../../ui/Notice.js';
import { enrolmentsApi, enrolmentsKeys, type ResponseReport, rosterExportUrl } from './api.js';
import { EnrolmentTable } from './EnrolmentParts.js';
import { enrolmentsPaths } from './paths.js';
import { programmeEnrolmentsRoute } from './routes.js';

const STATUSES = ENROLMENT_STATUSES;

export function ProgrammeEnrolmentsPage() {
  const { t } = useI18n();
  const session = useSession();
  const { id } = programmeEnrolmentsRoute.useParams();
  const search = programmeEnrolmentsRoute.useSearch();
  const heading = usePageHeading<HTMLHeadingElement>(t('enrol.title'));
  const [draft, setDraft] = useState({ status: search.status ?? '', regency: search.regency ?? '' });
  const pages = useInfiniteQuery({
    queryKey: enrolmentsKeys.programmeEnrolments(id, search),
    queryFn: ({ pageParam }) =>
      enrolmentsApi.programmeEnrolments(id, {
        ...search,
        limit: 50,
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = pages.data?.pages[0]?.counts ?? {};

  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`${enrolmentsPaths.programmeEnrolments(id)}${searchString(draft)}`);
  };

  return (
    <div className="page">
      <h1 ref={heading} tabIndex={-1}>
        {t('enrol.title')}
      </h1>
      <p className="lead">{t('enrol.intro')}</p>
      <p data-testid="enrolment-counts">
        <span className="visually-hidden">{t('enrol.counts')}: </span>
        {STATUSES.filter((s) => counts[s])
          .map((s) => `${t(`enrol.status.${s}`)}: ${formatNumber(counts[s] ?? 0)}`)
          .join(' · ')}
      </p>
      <form className="filters" onSubmit={apply} aria-label={t('enrol.filters')}>
        <label>
          {t('enrol.status')}
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
            <option value="">{t('enrol.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`enrol.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('enrol.regency')}
          <input
            value={draft.regency}
            placeholder="16.71"
            title={t('enrol.regencyHint')}
            onChange={(e) => setDraft({ ...draft, regency: e.target.value.trim() })}
          />
        </label>
        <button type="submit" className="button">
          {t('enrol.apply')}
        </button>
      </form>
      {pages.error ? <ErrorNotice error={pages.error} onRetry={() => void pages.refetch()} /> : null}
      {pages.isPending ? (
        <p className="loading" role="status">
          {t('enrol.loading')}
        </p>
      ) : (
        <EnrolmentTable rows={rows} caption={t('enrol.title')} />
      )}
      <LoadMore query={pages} label={t('enrol.more')} />
      {session.can('enrolment.exchange') ? <Exchange programmeId={id} /> : null}
    </div>
  );
}

/** Roster out (downloads) and response in (dry run, then apply). */
function Exchange(props: { programmeId: string }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ResponseReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setReport(await enrolmentsApi.importEnrolmentResponse(props.programmeId, file, dryRun));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="card" aria-labelledby="roster-export">
        <h2 id="roster-export">{t('enrol.exportTitle')}</h2>
        <p className="hint">{t('enrol.exportHint')}</p>
        <div className="button-row">
          <a className="button" href={rosterExportUrl(props.programmeId, 'xlsx')} data-testid="export-xlsx">
            {t('enrol.exportXlsx')}
          </a>
          <a className="button" href={rosterExportUrl(props.programmeId, 'csv')} data-testid="export-csv">
            {t('enrol.exportCsv')}
          </a>
        </div>
      </section>
      <section className="card" aria-labelledby="bpjs-response">
        <h2 id="bpjs-response">{t('enrol.responseTitle')}</h2>
        <p className="hint">{t('enrol.responseHint')}</p>
        <label>
          {t('enrol.responseFile')}
          <input
            type="file"
            accept=".xlsx,.csv"
            data-testid="response-file"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </label>
        <div className="button-row">
          <button type="button" className="button" disabled={!file || busy} onClick={() => void send(true)}>
            {t('enrol.check')}
          </button>
          {report?.dryRun ? (
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              data-testid="apply-response"
              onClick={() => void send(false)}
            >
              {t('enrol.applyResponse')}
            </button>
          ) : null}
        </div>
        {busy ? (
          <p className="loading" role="status">
            {t('enrol.checking')}
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        {report ? (
          <>
            <StatusNotice testId="response-summary" tone={report.errorCount ? 'info' : 'success'}>
              <p>{report.dryRun ? t('enrol.dryRunDone') : t('enrol.applied')}</p>
              <p>{report.summary}</p>
            </StatusNotice>
            {report.errors.length > 0 ? (
              <DataTable
                columns={[
                  { key: 'row', header: t('enrol.row'), cell: (e) => e.row },
                  { key: 'field', header: t('enrol.field'), cell: (e) => e.field.toUpperCase() },
                  { key: 'message', header: t('enrol.problem'), cell: (e) => e.message },
                ]}
                rows={report.errors}
                rowKey={(e) => `${e.row}-${e.code}`}
                caption={t('enrol.errorsCaption')}
                testId="response-errors"
              />
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}
