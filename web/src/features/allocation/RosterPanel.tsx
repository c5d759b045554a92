import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { occupationLabel, useI18n } from '../../app/i18n.js';
import { DataTable } from '../../ui/DataTable.js';
import { formatDateTime, formatMoney, formatNumber } from '../../ui/format.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { allocationApi, allocationKeys } from './api.js';

const PAGE = 50;

/** A roster: its summary, the ranked workers with why, the formula beside them, and the decision. */
export function RosterPanel(props: { rosterId: string }) {
  const { t, lang } = useI18n();
  const roster = useQuery({
    queryKey: allocationKeys.roster(props.rosterId),
    queryFn: () => allocationApi.roster(props.rosterId),
  });
  const workers = useInfiniteQuery({
    queryKey: allocationKeys.rosterWorkers(props.rosterId),
    queryFn: ({ pageParam }) => allocationApi.rosterWorkers(props.rosterId, pageParam, PAGE),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const r = roster.data;
  if (roster.error) return <ErrorNotice error={roster.error} />;
  if (!r) return null;

  async function decide(kind: 'approve' | 'reject') {
    setError(null);
    try {
      if (kind === 'approve') await allocationApi.approveRoster(r!.id, note || undefined);
      else await allocationApi.rejectRoster(r!.id, note);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section aria-labelledby="roster-title" data-testid="roster">
      <h2 id="roster-title">
        {t('alloc.roster', { by: r.proposedBy, at: formatDateTime(r.proposedAt, lang) })} —{' '}
        {t(`alloc.status.${r.status}`)}
      </h2>
      <p>
        {t('alloc.selected')}: {formatNumber(r.result.selected)} / {formatNumber(r.result.eligible)};{' '}
        {t('alloc.totalCost')}: {formatMoney(r.result.totalCost)}; {t('alloc.remaining')}:{' '}
        {formatMoney(r.result.remaining)}; {t('alloc.limitedBy')}:{' '}
        {t(`alloc.limitedBy.${r.result.limitedBy}`)}
      </p>
      <aside aria-label={t('alloc.formula')}>
        <p>{r.formula[lang]}</p>
      </aside>
      {r.status === 'proposed' ? (
        r.canDecide ? (
          <div>
            <label htmlFor="decision-note">{t('alloc.rejectNote')}</label>
            <input id="decision-note" value={note} onChange={(e) => setNote(e.target.value)} />
            <button type="button" onClick={() => void decide('approve')}>
              {t('alloc.approve')}
            </button>
            <button type="button" onClick={() => void decide('reject')}>
              {t('alloc.reject')}
            </button>
          </div>
        ) : (
          <p role="note" data-testid="cannot-decide">
            {r.cannotDecideReason}
          </p>
        )
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {workers.data ? (
        <DataTable
          caption={t('alloc.rosters')}
          isCaptionHidden
          columns={[
            { key: 'rank', header: t('alloc.rank'), cell: (w) => formatNumber(w.rank) },
            { key: 'name', header: t('alloc.name'), cell: (w) => w.fullName },
            { key: 'nik', header: t('alloc.nik'), cell: (w) => w.nik },
            { key: 'regency', header: t('alloc.regency'), cell: (w) => w.regencyName },
            {
              key: 'occupation',
              header: t('alloc.occupation'),
              cell: (w) => occupationLabel(lang, w.occupation),
            },
            { key: 'score', header: t('alloc.score'), cell: (w) => formatNumber(w.score) },
            {
              key: 'why',
              header: t('alloc.why'),
              cell: (w) =>
                w.factors
                  .filter((f) => f.points > 0)
                  .map((f) => `${lang === 'id' ? f.message : f.messageEn} (+${f.points})`)
                  .join('; '),
            },
            { key: 'cost', header: t('alloc.totalCost'), cell: (w) => formatMoney(w.totalCost) },
          ]}
          rows={workers.data.pages.flatMap((p) => p.items)}
          rowKey={(w) => w.workerId}
          testId="roster-workers"
          pagination={<LoadMore query={workers} label={t('alloc.more')} />}
        />
      ) : null}
    </section>
  );
}
