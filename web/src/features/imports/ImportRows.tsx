import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useRef, useState } from 'react';
import {
  importFieldText,
  isMessageKey,
  type Lang,
  type MessageKey,
  type Translate,
  useI18n,
} from '../../app/i18n.js';
import { nextRowAfter } from '../../app/pages.js';
import { formatNumber } from '../../ui/format.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { type FindingGroup, type ImportCounts, importsApi, importsKeys, type RowResult } from './api.js';

const PAGE = 200;

type Tab = { status: RowResult['status']; label: MessageKey; count: (c: ImportCounts) => number };
const ALL_TABS: Tab[] = [
  { status: 'rejected', label: 'review.rejected', count: (c) => c.rejected },
  { status: 'duplicate', label: 'review.duplicates', count: (c) => c.duplicates },
  { status: 'accepted', label: 'review.warnings', count: (c) => c.withWarnings },
  // Totals lines and blank lines (only the former are listed: a blank line needs no explaining).
  { status: 'skipped', label: 'review.skipped', count: (c) => c.skipped },
];

/** The column a finding is about, in words: an import field, a registry field, or just "Baris". */
function findingField(field: string, t: Translate, lang: Lang): string {
  const known = importFieldText(lang, field);
  if (known.label !== field) return known.label;
  const key = `field.${field}`;
  if (isMessageKey(key)) return t(key);
  return field || t('review.general');
}

/**
 * Rows needing attention, one group per tab (rejected, duplicates, accepted with warnings). `run` names
 * the dry run or commit they came from (its time), so a new run never shows the last one's rows.
 */
export function ImportRows(props: { jobId: string; run: string; counts: ImportCounts }) {
  const { t } = useI18n();
  const TABS = ALL_TABS.filter((tab) => tab.status !== 'skipped' || props.counts.skipped > 0);
  const [selected, setSelected] = useState<RowResult['status']>(
    () => TABS.find((tab) => tab.count(props.counts) > 0)?.status ?? 'rejected',
  );
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({});

  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((tab) => tab.status === selected);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i + TABS.length - 1) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const status = TABS[next]!.status;
    setSelected(status);
    tabs.current[status]?.focus();
  };

  return (
    <section className="row-review" aria-labelledby="row-review-title">
      <h3 id="row-review-title">{t('review.tabs')}</h3>
      <div className="tabs" role="tablist" aria-labelledby="row-review-title">
        {TABS.map((tab) => (
          <button
            key={tab.status}
            ref={(el) => {
              tabs.current[tab.status] = el;
            }}
            type="button"
            role="tab"
            id={`rows-tab-${tab.status}`}
            aria-selected={tab.status === selected}
            aria-controls={`rows-panel-${tab.status}`}
            tabIndex={tab.status === selected ? 0 : -1}
            className="tabs__tab"
            onClick={() => setSelected(tab.status)}
            onKeyDown={onKeyDown}
          >
            {t(tab.label)} ({formatNumber(tab.count(props.counts))})
          </button>
        ))}
      </div>
      <div
        className="tabs__panel"
        role="tabpanel"
        id={`rows-panel-${selected}`}
        aria-labelledby={`rows-tab-${selected}`}
        data-testid={`rows-${selected}`}
      >
        <FilteredRows key={selected} jobId={props.jobId} run={props.run} status={selected} />
      </div>
    </section>
  );
}

/**
 * One tab's rows, with its findings counted by kind: thousands of rows with the same warning read as one
 * line with their number, and the rows behind any line can be listed on their own.
 */
function FilteredRows(props: { jobId: string; run: string; status: RowResult['status'] }) {
  const { t, lang } = useI18n();
  const [code, setCode] = useState<string | null>(null);
  // Without the groups the rows are still listed; nothing else depends on them (an error shows none).
  const findings = useQuery({
    queryKey: importsKeys.importFindings(props.jobId, props.run, props.status),
    queryFn: ({ signal }) => importsApi.importFindings(props.jobId, props.status, signal),
  });
  const groups: FindingGroup[] = findings.data ?? [];
  const chosen = groups.find((g) => g.code === code);
  return (
    <>
      {groups.some((g) => g.rows > 1) ? (
        <section className="finding-groups" aria-labelledby={`groups-${props.status}`}>
          <h4 id={`groups-${props.status}`}>{t('review.groups')}</h4>
          <ul className="finding-groups__list" data-testid="finding-groups">
            {groups.map((g) => (
              <li key={`${g.kind}:${g.field}:${g.code}`} className={`finding finding--${g.kind}`}>
                <strong>{findingField(g.field, t, lang)}</strong>: {g.message} —{' '}
                <strong>{t('review.groupRows', { n: formatNumber(g.rows) })}</strong>{' '}
                <button
                  type="button"
                  className="link-button"
                  aria-pressed={code === g.code}
                  onClick={() => setCode(g.code)}
                >
                  {t('review.groupShow')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {chosen ? (
        <p className="hint" data-testid="finding-filter">
          {t('review.groupFilter', { message: chosen.message })}{' '}
          <button type="button" className="link-button" onClick={() => setCode(null)}>
            {t('review.groupAll')}
          </button>
        </p>
      ) : null}
      <RowList jobId={props.jobId} run={props.run} status={props.status} code={code} />
    </>
  );
}

function RowList(props: { jobId: string; run: string; status: RowResult['status']; code: string | null }) {
  const { t, lang } = useI18n();
  const list = useInfiniteQuery({
    queryKey: importsKeys.importRows(props.jobId, props.run, props.status, props.code),
    queryFn: ({ pageParam, signal }) =>
      importsApi.importResults(props.jobId, props.status, pageParam, PAGE, props.code ?? undefined, signal),
    initialPageParam: 0,
    getNextPageParam: (page) => nextRowAfter(page, PAGE),
  });
  const rows = list.data?.pages.flat() ?? null;

  if (list.error) {
    const retry = () => void (rows ? list.fetchNextPage() : list.refetch());
    return <ErrorNotice error={list.error} onRetry={retry} />;
  }
  if (!rows) return <p className="loading">{t('review.loading')}</p>;
  if (rows.length === 0) return <p className="hint">{t('review.none')}</p>;
  return (
    <>
      <ul className="row-results">
        {rows.map((r) => (
          <li key={r.row} className="row-result" data-testid="row-result">
            <p className="row-result__row">
              <strong>{t('review.row', { n: r.row })}</strong>
              {r.status === 'skipped' ? null : (
                <>
                  {' — '}
                  <span data-testid="row-person">{r.name || t('review.noName')}</span>
                  {r.nik ? (
                    <>
                      {' · '}
                      <span className="mono">{t('review.nik', { nik: r.nik })}</span>
                    </>
                  ) : null}
                </>
              )}
            </p>
            <ul className="findings">
              {r.errors.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: findings of one row have no id of their own
                <li key={`e${i}`} className="finding finding--error">
                  <span className="finding__kind">{t('review.error')}</span>{' '}
                  <strong>{findingField(f.field, t, lang)}</strong>: {f.message}
                </li>
              ))}
              {r.warnings.map((f, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: findings of one row have no id of their own
                <li key={`w${i}`} className="finding finding--warning">
                  <span className="finding__kind">{t('review.warning')}</span>{' '}
                  <strong>{findingField(f.field, t, lang)}</strong>: {f.message}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <LoadMore query={list} label={t('review.more')} />
    </>
  );
}
