import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { ENROLMENT_STATUSES } from '../../../../src/contracts/enrolments.js';
import { useI18n } from '../../app/i18n.js';
import { navigate, searchString } from '../../app/navigation.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { DataTable } from '../../ui/DataTable.js';
import { formatNumber } from '../../ui/format.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice, StatusNotice } from '../../ui/Notice.js';
import { type EnrolmentJob, enrolmentFileUrl, enrolmentsApi, enrolmentsKeys } from './api.js';
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

const POLL_MS = 500;

const running = (j: EnrolmentJob | undefined) =>
  j !== undefined && (j.state === 'queued' || j.state === 'running');

/**
 * A started exchange job, polled until it ends; when it succeeds the programme's enrolments (and the
 * audit trail) are read again, since the job changed them.
 */
function useExchangeJob(jobId: string | null) {
  const client = useQueryClient();
  const job = useQuery({
    queryKey: enrolmentsKeys.enrolmentJob(jobId ?? ''),
    queryFn: () => enrolmentsApi.enrolmentJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (running(q.state.data) ? POLL_MS : false),
  });
  const finished = job.data?.state === 'succeeded' ? job.data.jobId : null;
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: ['enrolments'] });
  }, [finished, client]);
  return job;
}

/** What a running job is doing, in words: "Mengirim ke BPJS: 20.000 dari 100.000". */
function JobProgress(props: { job: EnrolmentJob | undefined; testId: string }) {
  const { t } = useI18n();
  const j = props.job;
  if (!j || !running(j)) return null;
  const p = j.progress;
  const phase = p ? t(`enrol.phase.${p.phase}`) : t('enrol.phase.queued');
  const count = p && p.total !== null ? `: ${formatNumber(p.done)} / ${formatNumber(p.total)}` : '';
  return (
    <p className="loading" role="status" data-testid={props.testId}>
      {phase}
      {count}
      {p?.total ? (
        <progress max={p.total} value={p.done} aria-label={phase}>
          {Math.round((100 * p.done) / p.total)}%
        </progress>
      ) : null}
    </p>
  );
}

/** A job that failed: its error in words. */
function JobFailure(props: { job: EnrolmentJob | undefined }) {
  const { t } = useI18n();
  const j = props.job;
  if (!j || (j.state !== 'failed' && j.state !== 'cancelled')) return null;
  return (
    <div className="notice notice--error" role="alert" data-testid="exchange-failed">
      <p>{t('enrol.jobFailed')}</p>
      {j.error ? <p>{j.error}</p> : null}
    </div>
  );
}

/** Roster out (a job, then a download) and response in (a dry-run job, then the applying one). */
function Exchange(props: { programmeId: string }) {
  const { t } = useI18n();
  const [exportJobId, setExportJobId] = useState<string | null>(null);
  const [responseJobId, setResponseJobId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<unknown>(null);
  const exported = useExchangeJob(exportJobId);
  const responded = useExchangeJob(responseJobId);
  const exportBusy = running(exported.data);
  const responseBusy = running(responded.data);
  const report = responded.data?.state === 'succeeded' ? responded.data.report : null;
  const done = exported.data?.state === 'succeeded' ? exported.data : null;

  const startExport = async (format: 'xlsx' | 'csv') => {
    setError(null);
    try {
      setExportJobId((await enrolmentsApi.startRosterExport(props.programmeId, format)).jobId);
    } catch (e) {
      setError(e);
    }
  };
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    try {
      setResponseJobId((await enrolmentsApi.importEnrolmentResponse(props.programmeId, file, dryRun)).jobId);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      {error ? <ErrorNotice error={error} /> : null}
      <section className="card" aria-labelledby="roster-export">
        <h2 id="roster-export">{t('enrol.exportTitle')}</h2>
        <p className="hint">{t('enrol.exportHint')}</p>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={exportBusy}
            onClick={() => void startExport('xlsx')}
            data-testid="export-xlsx"
          >
            {t('enrol.exportXlsx')}
          </button>
          <button
            type="button"
            className="button"
            disabled={exportBusy}
            onClick={() => void startExport('csv')}
            data-testid="export-csv"
          >
            {t('enrol.exportCsv')}
          </button>
        </div>
        <JobProgress job={exported.data} testId="export-progress" />
        <JobFailure job={exported.data} />
        {done?.export ? (
          <StatusNotice testId="export-ready" tone="success">
            <p>
              {t('enrol.exportReady')} {formatNumber(done.export.rows)} {t('enrol.exportRows')} (
              {formatNumber(done.export.submitted)} {t('enrol.exportSubmitted')})
            </p>
            <p>
              <a
                className="button button--primary"
                href={enrolmentFileUrl(done.jobId)}
                data-testid="export-download"
              >
                {t('enrol.download')} {done.export.fileName}
              </a>
            </p>
          </StatusNotice>
        ) : null}
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
              setResponseJobId(null);
            }}
          />
        </label>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={!file || responseBusy}
            onClick={() => void send(true)}
          >
            {t('enrol.check')}
          </button>
          {report?.dryRun ? (
            <button
              type="button"
              className="button button--primary"
              disabled={responseBusy}
              data-testid="apply-response"
              onClick={() => void send(false)}
            >
              {t('enrol.applyResponse')}
            </button>
          ) : null}
        </div>
        <JobProgress job={responded.data} testId="response-progress" />
        <JobFailure job={responded.data} />
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
            {report.errorCount > report.errors.length ? (
              <p className="hint">
                {t('enrol.moreErrors')} {formatNumber(report.errorCount - report.errors.length)}
              </p>
            ) : null}
          </>
        ) : null}
      </section>
    </>
  );
}
