import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/api.js';
import { useI18n } from '../../app/i18n.js';
import { queryClient } from '../../app/queryClient.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { formatDateTime } from '../../ui/format.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { useRegionNames } from '../../ui/ScopePicker.js';
import { type ImportJob, importsApi, importsKeys } from './api.js';
import { ImportMapping, StoredMapping } from './ImportMapping.js';
import { ImportProgress, ImportSteps, type StepKey } from './ImportProgress.js';
import { ImportDone, ImportReview } from './ImportReview.js';
import { rememberUpload, uploadOf } from './importUploads.js';
import { importsPaths } from './paths.js';
import { importJobRoute } from './routes.js';

const POLL_MS = 500;
const FOCUS_AFTER: Partial<Record<ImportJob['status'], string>> = {
  validating: 'import-progress',
  importing: 'import-progress',
  validated: 'review-title',
  imported: 'done-title',
  failed: 'failed-title',
};
/** After a 503 (busy server), the next poll waits this long. */
const BUSY_RETRY_MS = 2000;
const isRunning = (j: ImportJob) => j.status === 'validating' || j.status === 'importing';

/** The job as it is now, asked for again every half second while it runs in the background. */
function useImportJob(id: string) {
  const query = useQuery({
    queryKey: importsKeys.importJob(id),
    queryFn: () => importsApi.importJob(id),
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data) ? POLL_MS : false),
    // The server is busy (503, e.g. PGlite finishing a long statement): ask again shortly.
    retry: (_count, e) => e instanceof ApiError && e.status === 503,
    retryDelay: BUSY_RETRY_MS,
  });
  const setJob = useCallback(
    (job: ImportJob) => queryClient.setQueryData(importsKeys.importJob(id), job),
    [id],
  );
  const refresh = useCallback(() => void query.refetch(), [query.refetch]);
  return { job: query.data ?? null, setJob, error: query.error, refresh };
}

/**
 * The file's header and sample rows for the mapping step: what the upload answered, or — after a
 * reload, when memory no longer holds it — asked for again, only when the mapping step is shown
 * (the rows hold personal data, and every such read is audited).
 */
function useUpload(id: string, isMapping: boolean) {
  const remembered = uploadOf(id);
  const asked = useQuery({
    queryKey: importsKeys.importLayout(id),
    queryFn: async () => {
      const u = await importsApi.importLayout(id);
      rememberUpload(u);
      return u;
    },
    enabled: !remembered && isMapping,
    // Asked once: every read of the sample rows is audited.
    staleTime: Number.POSITIVE_INFINITY,
  });
  // Without it the stored mapping is shown instead; nothing else depends on it.
  return remembered ?? asked.data ?? null;
}

/** The page at `#/imports/:id`; a new id starts a fresh page. */
export function ImportJobRoute(): ReactNode {
  const { id } = importJobRoute.useParams();
  return <ImportJobPage key={id} id={id} />;
}

export function ImportJobPage(props: { id: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const { job, setJob, error, refresh } = useImportJob(props.id);
  const [isRemapping, setRemapping] = useState(false);
  const heading = usePageHeading<HTMLHeadingElement>(job?.fileName ?? t('imports.title'));
  const canWrite = session.can('worker.write');
  const upload = useUpload(props.id, canWrite && (job?.status === 'uploaded' || isRemapping));
  const names = useRegionNames(job ? [job.regionCode] : []);
  const regionName = job ? (names.get(job.regionCode) ?? job.regionCode) : '';

  // The button that starts a run disappears with its step: focus goes to the progress, and from there to
  // the result's heading, so keyboard and screen-reader users follow along.
  const lastStatus = useRef<string | null>(null);
  useEffect(() => {
    if (!job) return;
    const was = lastStatus.current;
    lastStatus.current = job.status;
    if (was && was !== job.status) {
      const target = FOCUS_AFTER[job.status];
      if (target) document.getElementById(target)?.focus();
    }
  }, [job]);

  const started = (next: ImportJob) => {
    setRemapping(false);
    setJob(next);
  };

  let step: StepKey = 'mapping';
  if (job?.status === 'validating' || job?.status === 'validated' || job?.status === 'failed')
    step = 'validate';
  if (job?.status === 'importing') step = 'import';
  if (job?.status === 'imported') step = 'done';
  if (isRemapping) step = 'mapping';

  const isNotFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="page">
      <p className="breadcrumb">
        <a href={importsPaths.imports()}>← {t('job.back')}</a>
      </p>
      {error ? <ErrorNotice error={error} {...(isNotFound ? {} : { onRetry: refresh })} /> : null}
      {!job && !error ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {job ? (
        <>
          <div className="page-header">
            <div>
              <h1 ref={heading} tabIndex={-1} className="break">
                {job.fileName}
              </h1>
              <p className="lead">
                {t('job.meta', {
                  by: job.createdBy,
                  at: formatDateTime(job.createdAt, lang),
                  region: regionName,
                })}
              </p>
            </div>
          </div>
          {job.alreadyImported && job.status !== 'imported' ? (
            <div className="notice notice--warning" role="note" data-testid="already-imported">
              <p>
                {t('job.alreadyImported', {
                  at: formatDateTime(job.alreadyImported.at, lang),
                  by: job.alreadyImported.by,
                  file: job.alreadyImported.fileName,
                })}{' '}
                <a href={importsPaths.importJob(job.alreadyImported.id)}>{t('job.alreadyImportedLink')}</a>
              </p>
            </div>
          ) : null}
          <ImportSteps current={step} />
          <JobStep
            job={job}
            isRemapping={isRemapping}
            canWrite={canWrite}
            upload={upload}
            onStarted={started}
            onRemap={() => setRemapping(true)}
          />
        </>
      ) : null}
    </div>
  );
}

function JobStep(props: {
  job: ImportJob;
  isRemapping: boolean;
  canWrite: boolean;
  upload: ReturnType<typeof uploadOf>;
  onStarted(job: ImportJob): void;
  onRemap(): void;
}) {
  const { t } = useI18n();
  const { job, upload } = props;
  if (job.status === 'validating' || job.status === 'importing') {
    return (
      <ImportProgress
        phase={job.status}
        rows={job.progress?.rows ?? 0}
        total={job.status === 'importing' ? (job.counts?.rows ?? null) : null}
      />
    );
  }
  if ((job.status === 'uploaded' || props.isRemapping) && props.canWrite) {
    return upload ? (
      <ImportMapping job={job} upload={upload} onStarted={props.onStarted} />
    ) : (
      <StoredMapping job={job} onStarted={props.onStarted} />
    );
  }
  if (job.status === 'failed') {
    return (
      <section aria-labelledby="failed-title">
        <h2 id="failed-title" tabIndex={-1}>
          {t('failed.title')}
        </h2>
        <ErrorNotice error={new Error(job.error ?? '')} />
        <a className="button" href={importsPaths.imports()}>
          {t('done.another')}
        </a>
      </section>
    );
  }
  if (job.status === 'imported' && job.counts) return <ImportDone job={job} counts={job.counts} />;
  if (job.status === 'validated' && job.counts) {
    return (
      <>
        {job.error ? (
          <div className="notice notice--error" role="alert" data-testid="commit-failed">
            <p>
              <strong>{t('commit.failed')}</strong>
            </p>
            <p>{job.error}</p>
          </div>
        ) : null}
        <ImportReview job={job} counts={job.counts} canWrite={props.canWrite} onStarted={props.onStarted} />
        {props.canWrite ? (
          <p>
            <button type="button" className="link-button" onClick={props.onRemap}>
              {t('mapping.change')}
            </button>
          </p>
        ) : null}
      </>
    );
  }
  return <p className="hint">{t(`importStatus.${job.status}`)}</p>;
}
