import { useState } from 'react';
import { type MessageKey, useI18n } from '../../app/i18n.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { formatNumber } from '../../ui/format.js';
import { workersPaths } from '../workers/paths.js';
import { type ImportCounts, type ImportJob, importReportUrl, importsApi } from './api.js';
import { ImportRows } from './ImportRows.js';
import { importsPaths } from './paths.js';

const STATS: { key: keyof ImportCounts; label: MessageKey; tone?: string }[] = [
  { key: 'rows', label: 'review.rows' },
  { key: 'accepted', label: 'review.accepted', tone: 'ok' },
  { key: 'rejected', label: 'review.rejected', tone: 'error' },
  { key: 'duplicates', label: 'review.duplicates' },
  { key: 'withWarnings', label: 'review.warnings', tone: 'warning' },
  { key: 'possibleDuplicates', label: 'review.possible', tone: 'warning' },
];

export function CountSummary(props: { counts: ImportCounts }) {
  const { t } = useI18n();
  return (
    <dl className="stats" data-testid="import-counts">
      {STATS.map((s) => (
        <div key={s.key} className={`stat${s.tone ? ` stat--${s.tone}` : ''}`} data-testid={`count-${s.key}`}>
          <dt>{t(s.label)}</dt>
          <dd>{formatNumber(props.counts[s.key] ?? 0)}</dd>
        </div>
      ))}
    </dl>
  );
}

function ReportLink(props: { jobId: string }) {
  const { t } = useI18n();
  return (
    <p className="report-link">
      <a className="button" href={importReportUrl(props.jobId)} download data-testid="import-report">
        {t('review.report')}
      </a>
      <span className="hint">{t('review.reportHint')}</span>
    </p>
  );
}

/** Step 3: what the check found, the rows to look at, and the way on to importing. */
export function ImportReview(props: {
  job: ImportJob;
  counts: ImportCounts;
  canWrite: boolean;
  onStarted(job: ImportJob): void;
}) {
  const { t } = useI18n();
  const { counts } = props;
  const [updateExisting, setUpdateExisting] = useState(false);
  const [isConfirming, setConfirming] = useState(false);
  const skipped = counts.rejected + counts.duplicates;
  // Nothing would be added: not offered, and why is said (the server refuses such an import as well).
  const nothing =
    counts.rows === 0
      ? 'commit.nothingRows'
      : counts.accepted > 0
        ? null
        : counts.rejected === 0 && counts.duplicates > 0
          ? 'commit.nothingRegistered'
          : 'commit.nothing';
  const canUpdateOnly = counts.accepted === 0 && counts.duplicates > 0;

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title" tabIndex={-1}>
        {t('review.title')}
      </h2>
      <p>{t('review.intro')}</p>
      <CountSummary counts={counts} />
      <ReportLink jobId={props.job.id} />
      <ImportRows
        jobId={props.job.id}
        run={props.job.importedAt ?? props.job.validatedAt ?? ''}
        counts={counts}
      />
      {props.canWrite ? (
        <div className="card commit" data-testid="commit">
          <h3>{t('commit.title')}</h3>
          {nothing ? (
            <p className="notice notice--warning" data-testid="commit-nothing">
              {t(nothing)}
            </p>
          ) : null}
          {nothing && !canUpdateOnly ? null : (
            <>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={updateExisting}
                  aria-describedby="commit-update-hint"
                  onChange={(e) => setUpdateExisting(e.target.checked)}
                />
                {t('commit.updateExisting')}
              </label>
              <p className="hint commit__hint" id="commit-update-hint">
                {t('commit.updateExistingHint')}
              </p>
              {canUpdateOnly && !updateExisting ? null : (
                <div className="form-actions">
                  <button
                    type="button"
                    className="button button--primary"
                    data-testid="commit-start"
                    onClick={() => setConfirming(true)}
                  >
                    {canUpdateOnly
                      ? t('commit.updateSubmit')
                      : t('commit.submit', { n: formatNumber(counts.accepted) })}
                  </button>
                </div>
              )}
            </>
          )}
        </div>
      ) : null}
      {isConfirming ? (
        <ConfirmDialog
          id="commit-confirm"
          title={t('commit.confirmTitle')}
          confirmLabel={t('commit.confirm')}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            const job = await importsApi.commitImport(props.job.id, updateExisting);
            setConfirming(false);
            props.onStarted(job);
          }}
        >
          <p data-testid="commit-confirm-added">
            {t('commit.confirmAdd', { n: formatNumber(counts.accepted) })}
          </p>
          {updateExisting ? <p>{t('commit.confirmUpdate')}</p> : null}
          {skipped > 0 ? <p>{t('commit.confirmSkip', { n: formatNumber(skipped) })}</p> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Step 5: what was written, and where to go next. */
export function ImportDone(props: { job: ImportJob; counts: ImportCounts }) {
  const { t } = useI18n();
  const { counts } = props;
  return (
    <section aria-labelledby="done-title">
      <h2 id="done-title" tabIndex={-1}>
        {t('done.title')}
      </h2>
      <div className="notice notice--success" data-testid="import-done">
        <p>
          {t('done.summary', {
            added: formatNumber(counts.added ?? 0),
            updated: formatNumber(counts.updated ?? 0),
          })}
        </p>
      </div>
      <dl className="stats">
        <div className="stat stat--ok" data-testid="count-added">
          <dt>{t('done.added')}</dt>
          <dd>{formatNumber(counts.added ?? 0)}</dd>
        </div>
        <div className="stat" data-testid="count-updated">
          <dt>{t('done.updated')}</dt>
          <dd>{formatNumber(counts.updated ?? 0)}</dd>
        </div>
        <div className="stat stat--error">
          <dt>{t('review.rejected')}</dt>
          <dd>{formatNumber(counts.rejected)}</dd>
        </div>
        <div className="stat">
          <dt>{t('review.duplicates')}</dt>
          <dd>{formatNumber(counts.duplicates)}</dd>
        </div>
      </dl>
      <div className="button-row">
        <a className="button button--primary" href={workersPaths.workers()}>
          {t('done.toWorkers')}
        </a>
        {counts.possibleDuplicates > 0 ? (
          <a className="button" href={importsPaths.duplicates(props.job.id)}>
            {t('done.toDuplicates')}
          </a>
        ) : null}
        <a className="button" href={importsPaths.imports()}>
          {t('done.another')}
        </a>
      </div>
      <ReportLink jobId={props.job.id} />
      <ImportRows
        jobId={props.job.id}
        run={props.job.importedAt ?? props.job.validatedAt ?? ''}
        counts={counts}
      />
    </section>
  );
}
