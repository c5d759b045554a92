import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Worker } from '../../../../src/contracts/workers.js';
import { occupationLabel, useI18n } from '../../app/i18n.js';
import { itemsOf, type Pages, withoutItem } from '../../app/pages.js';
import { queryClient } from '../../app/queryClient.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { formatDate, formatDateTime, formatNumber } from '../../ui/format.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice, StatusNotice } from '../../ui/Notice.js';
import { workersPaths } from '../workers/paths.js';
import { type DuplicatePage, type DuplicateReview, importsApi, importsKeys } from './api.js';
import { importsPaths } from './paths.js';
import { duplicatesRoute } from './routes.js';

type Decision = { review: DuplicateReview; kind: 'keepLeft' | 'keepRight' | 'keepBoth' };

/** 0.92 → '92%'; the server may also send a percentage already. */
const percent = (s: number) => `${Math.round(s <= 1 ? s * 100 : s)}%`;

const PAGE = 50;

export function DuplicatesPage() {
  const { t } = useI18n();
  const session = useSession();
  const heading = usePageHeading<HTMLHeadingElement>(t('dup.title'));
  // `#/duplicates?job=…`: only the pairs one import brought.
  const jobId = duplicatesRoute.useSearch().job;
  const key = importsKeys.duplicates(jobId);
  const list = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) =>
      importsApi.duplicates(
        { limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}), ...(jobId ? { jobId } : {}) },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const items = itemsOf(list.data);
  const total = list.data?.pages.at(-1)?.total ?? 0;
  const error = list.error;
  const [decision, setDecision] = useState<Decision | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [decidedCount, setDecidedCount] = useState(0);
  const canWrite = session.can('worker.write');

  const decide = async (d: Decision) => {
    const { review, kind } = d;
    if (kind === 'keepBoth') {
      await importsApi.decideDuplicate(review.id, 'keep_both');
      setMessage(t('dup.keptBoth'));
    } else {
      const keep = kind === 'keepLeft' ? review.worker : review.other;
      await importsApi.decideDuplicate(review.id, 'merge', keep.id);
      setMessage(t('dup.merged', { name: keep.fullName }));
    }
    setDecision(null);
    setDecidedCount((n) => n + 1);
    // Gone from the list at once; the queue is asked for again in the background (decideDuplicate marks it stale).
    queryClient.setQueryData<Pages<DuplicatePage>>(key, (data) => withoutItem(data, review.id));
  };

  // The decided pair is gone, and with it the button that had focus: start again from the heading (after
  // the dialog has closed, which hands focus back to that button).
  useEffect(() => {
    if (decidedCount > 0) heading.current?.focus();
  }, [decidedCount, heading]);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('dup.title')}
          </h1>
          <p className="lead">{t('dup.intro')}</p>
        </div>
      </div>
      <StatusNotice testId="dup-flash">{message ? <p>{message}</p> : null}</StatusNotice>
      {error ? <ErrorNotice error={error} onRetry={() => void list.refetch()} /> : null}
      {items === null && !error ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {jobId ? (
        <p className="hint" data-testid="dup-filter">
          {t('dup.ofImport')} <a href={importsPaths.duplicates()}>{t('dup.allImports')}</a>
        </p>
      ) : null}
      {items ? (
        <p className="results__status" data-testid="dup-status" role="status">
          {total === 0
            ? t('dup.none')
            : items.length < total
              ? t('dup.countShown', { shown: formatNumber(items.length), n: formatNumber(total) })
              : t('dup.count', { n: formatNumber(total) })}
        </p>
      ) : null}
      {items && items.length > 0 && !canWrite ? <p className="hint">{t('dup.readOnly')}</p> : null}
      {items?.map((review, i) => (
        <section
          key={review.id}
          className="dup-pair card"
          aria-labelledby={`dup-${review.id}`}
          data-testid="dup-pair"
        >
          <h2 id={`dup-${review.id}`} className="dup-pair__title">
            {t('dup.pair', { n: i + 1 })}
            <span className="badge badge--warning">
              {t('dup.similarity', { pct: percent(review.similarity) })}
            </span>
          </h2>
          {review.jobId && review.row ? (
            <p className="hint">
              <a href={importsPaths.importJob(review.jobId)}>{t('dup.fromImport', { row: review.row })}</a>
            </p>
          ) : null}
          <div className="dup-pair__cards">
            <WorkerCard worker={review.worker} side={t('dup.left')} />
            <WorkerCard worker={review.other} side={t('dup.right')} />
          </div>
          {canWrite ? (
            <div className="button-row dup-pair__actions">
              <button
                type="button"
                className="button"
                onClick={() => setDecision({ review, kind: 'keepLeft' })}
              >
                {t('dup.keepLeft')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => setDecision({ review, kind: 'keepRight' })}
              >
                {t('dup.keepRight')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => setDecision({ review, kind: 'keepBoth' })}
              >
                {t('dup.keepBoth')}
              </button>
            </div>
          ) : null}
        </section>
      ))}
      {items ? <LoadMore query={list} label={t('dup.more')} /> : null}
      {decision ? (
        <DecisionDialog decision={decision} onConfirm={decide} onCancel={() => setDecision(null)} />
      ) : null}
    </div>
  );
}

function DecisionDialog(props: {
  decision: Decision;
  onConfirm(d: Decision): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const { review, kind } = props.decision;
  const [keep, drop] = kind === 'keepRight' ? [review.other, review.worker] : [review.worker, review.other];
  return (
    <ConfirmDialog
      id="dup-confirm"
      title={t(kind === 'keepBoth' ? 'dup.confirmBothTitle' : 'dup.confirmMergeTitle')}
      confirmLabel={t(
        kind === 'keepLeft' ? 'dup.keepLeft' : kind === 'keepRight' ? 'dup.keepRight' : 'dup.keepBoth',
      )}
      tone={kind === 'keepBoth' ? 'primary' : 'danger'}
      onConfirm={() => props.onConfirm(props.decision)}
      onCancel={props.onCancel}
    >
      <p>
        {kind === 'keepBoth'
          ? t('dup.confirmBothBody', { a: review.worker.fullName, b: review.other.fullName })
          : t('dup.confirmMergeBody', { keep: keep.fullName, drop: drop.fullName })}
      </p>
    </ConfirmDialog>
  );
}

function WorkerCard(props: { worker: Worker; side: string }) {
  const { t, lang } = useI18n();
  const w = props.worker;
  const fact = (label: string, value: string, mono = false) => (
    <div className="fact">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{value || t('common.empty')}</dd>
    </div>
  );
  return (
    <article className="dup-card" aria-label={`${props.side}: ${w.fullName}`}>
      <p className="dup-card__side">{props.side}</p>
      <h3 className="dup-card__name">
        <a href={workersPaths.worker(w.id)}>{w.fullName}</a>
      </h3>
      <dl className="facts facts--stacked">
        {fact(t('field.nik'), w.nik, true)}
        {fact(
          t('field.birthPlaceDate'),
          [w.birthPlace, formatDate(w.birthDate, lang)].filter(Boolean).join(', '),
        )}
        {fact(t('field.sex'), t(w.sex === 'L' ? 'sex.L' : 'sex.P'))}
        {fact(t('field.domicile'), w.domicileLabel)}
        {fact(t('field.occupation'), occupationLabel(lang, w.occupation))}
        {fact(t('field.createdAt'), formatDateTime(w.createdAt, lang))}
        {fact(t('field.status'), t(w.isActive ? 'status.active' : 'status.inactive'))}
      </dl>
    </article>
  );
}
