import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { DataTable } from '../../ui/DataTable.js';
import { formatDateTime, formatNumber } from '../../ui/format.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { useRegionNames } from '../../ui/ScopePicker.js';
import { type ImportJob, importsApi, importsKeys } from './api.js';
import { ImportUpload } from './ImportUpload.js';
import { importsPaths } from './paths.js';

const STATUS_TONE: Record<ImportJob['status'], string> = {
  uploaded: 'muted',
  validating: 'info',
  validated: 'info',
  importing: 'info',
  imported: 'ok',
  failed: 'error',
};

export function ImportsPage() {
  const { t } = useI18n();
  const session = useSession();
  const heading = usePageHeading<HTMLHeadingElement>(t('imports.title'));
  const history = useQuery({ queryKey: importsKeys.imports, queryFn: importsApi.imports });
  const jobs = history.data ?? null;
  const error = history.error;
  const load = () => void history.refetch();

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('imports.title')}
          </h1>
          <p className="lead">{t('imports.intro')}</p>
        </div>
      </div>
      {session.can('worker.write') ? <ImportUpload /> : null}
      <section aria-labelledby="history-title" className="results">
        <h2 id="history-title">{t('imports.history')}</h2>
        {error ? <ErrorNotice error={error} onRetry={load} /> : null}
        {jobs === null && !error ? <p className="loading">{t('common.loading')}</p> : null}
        {jobs && jobs.length === 0 ? <p>{t('imports.historyNone')}</p> : null}
        {jobs && jobs.length > 0 ? <History jobs={jobs} /> : null}
      </section>
    </div>
  );
}

function History(props: { jobs: ImportJob[] }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const names = useRegionNames(props.jobs.map((j) => j.regionCode));
  const regionName = (code: string) =>
    names.get(code) ?? (code.length === 2 ? (session.meta?.provinceName ?? code) : code);
  const result = (j: ImportJob) => {
    const c = j.counts;
    if (!c) return t('common.empty');
    if (j.status === 'imported')
      return t('imports.resultImported', {
        added: formatNumber(c.added ?? 0),
        updated: formatNumber(c.updated ?? 0),
      });
    return t('imports.resultShort', {
      rows: formatNumber(c.rows),
      accepted: formatNumber(c.accepted),
      rejected: formatNumber(c.rejected),
    });
  };
  return (
    <DataTable
      testId="import-history"
      rows={props.jobs}
      rowKey={(j) => j.id}
      columns={[
        {
          key: 'file',
          header: t('imports.colFile'),
          cell: (j) => (
            <a href={importsPaths.importJob(j.id)} className="break">
              {j.fileName}
            </a>
          ),
        },
        { key: 'at', header: t('imports.colAt'), cell: (j) => formatDateTime(j.createdAt, lang) },
        { key: 'by', header: t('imports.colBy'), className: 'break', cell: (j) => j.createdBy },
        { key: 'region', header: t('imports.colRegion'), cell: (j) => regionName(j.regionCode) },
        {
          key: 'status',
          header: t('imports.colStatus'),
          cell: (j) => (
            <span className={`badge badge--${STATUS_TONE[j.status]}`}>{t(`importStatus.${j.status}`)}</span>
          ),
        },
        { key: 'result', header: t('imports.colResult'), cell: result },
      ]}
    />
  );
}
