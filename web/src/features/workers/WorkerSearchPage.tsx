import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { OCCUPATIONS, type Worker } from '../../../../src/contracts/workers.js';
import { occupationLabel, useI18n } from '../../app/i18n.js';
import { itemsOf } from '../../app/pages.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { type Column, DataTable } from '../../ui/DataTable.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { RegionPicker } from '../../ui/RegionPicker.js';
import { type WorkerQuery, workersApi, workersKeys } from './api.js';
import { workersPaths } from './paths.js';

interface Filters {
  q: string;
  region: string;
  occupation: string;
  sex: string;
  ageMin: string;
  ageMax: string;
  status: string;
}

const NO_FILTERS: Filters = {
  q: '',
  region: '',
  occupation: '',
  sex: '',
  ageMin: '',
  ageMax: '',
  status: 'active',
};
const PAGE_SIZE = 25;

// The last search survives a visit to a worker's page, so "back" returns to the same list (the answers
// are in the query cache). It lives in memory only: a NIK typed into the search box never lands in the
// address bar or browser history.
let remembered: { userId: string; draft: Filters; applied: Filters } | null = null;

/** The search as the API takes it: the words trimmed, one page at a time. */
const toQuery = (f: Filters): WorkerQuery => ({ ...f, q: f.q.trim(), limit: PAGE_SIZE });

const activeFilterCount = (f: Filters) =>
  [f.region, f.occupation, f.sex, f.ageMin, f.ageMax].filter(Boolean).length +
  (f.status !== 'active' ? 1 : 0);

export function WorkerSearchPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const heading = usePageHeading<HTMLHeadingElement>(t('search.title'));
  const userId = session.me.user.id;
  // Another user signing in on the same tab must not see the previous user's list.
  if (remembered && remembered.userId !== userId) remembered = null;
  const [draft, setDraft] = useState<Filters>(remembered?.draft ?? NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(remembered?.applied ?? NO_FILTERS);
  const query = toQuery(applied);
  const search = useInfiniteQuery({
    queryKey: workersKeys.workerSearch(query),
    queryFn: ({ pageParam, signal }) =>
      workersApi.searchWorkers({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // The last list stays on screen while a new search runs.
    placeholderData: keepPreviousData,
  });
  const items = itemsOf(search.data);
  const isSearching = search.isPending || search.isPlaceholderData;
  const [areFiltersOpen, setFiltersOpen] = useState(
    () => window.matchMedia('(min-width: 48rem)').matches || activeFilterCount(draft) > 0,
  );
  const firstNewRow = useRef<HTMLAnchorElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);

  useEffect(() => {
    remembered = { userId, draft, applied };
  }, [userId, draft, applied]);

  // After "Muat lagi", put keyboard focus on the first row that arrived.
  useEffect(() => {
    if (focusFrom !== null && items && items.length > focusFrom) {
      firstNewRow.current?.focus();
      setFocusFrom(null);
    }
  }, [items, focusFrom]);

  /** Searching for what is shown already reads it anew. */
  const run = (filters: Filters) => {
    if (JSON.stringify(toQuery(filters)) === JSON.stringify(query)) void search.refetch();
    else setApplied(filters);
  };
  const set = (field: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run(draft);
  };
  const reset = () => {
    setDraft(NO_FILTERS);
    run(NO_FILTERS);
  };
  const provinceCode = session.meta?.provinceCode ?? session.me.user.regionCodes[0]?.slice(0, 2) ?? '';
  const filterCount = activeFilterCount(draft);

  let statusText = '';
  if (isSearching) statusText = t('search.searching');
  else if (items && items.length === 0) statusText = t('search.none');
  else if (items)
    statusText = t(search.hasNextPage ? 'search.countMore' : 'search.count', { n: items.length });

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('search.title')}
          </h1>
          <p className="lead">{t('search.intro')}</p>
        </div>
        {session.can('worker.write') ? (
          <a className="button button--primary" href={workersPaths.workerNew()} data-testid="add-worker">
            {t('search.add')}
          </a>
        ) : null}
      </div>

      <search className="card search-form" aria-label={t('search.title')}>
        <form onSubmit={submit}>
          <div className="search-form__main">
            <div className="field field--grow">
              <label htmlFor="search-q">{t('search.q')}</label>
              <input
                id="search-q"
                type="search"
                autoComplete="off"
                spellCheck={false}
                aria-describedby="search-q-hint"
                value={draft.q}
                maxLength={100}
                onChange={(e) => set('q')(e.target.value)}
              />
              <p className="hint" id="search-q-hint">
                {t('search.qHint')}
              </p>
            </div>
            <div className="search-form__actions">
              <button type="submit" className="button button--primary">
                {t('search.submit')}
              </button>
              <button
                type="button"
                className="button"
                aria-expanded={areFiltersOpen}
                aria-controls="search-filters"
                onClick={() => setFiltersOpen((o) => !o)}
              >
                {t('search.filters')}
                {filterCount > 0 ? ` (${filterCount})` : ''}
              </button>
            </div>
          </div>
          <div id="search-filters" className="search-form__filters" hidden={!areFiltersOpen}>
            <RegionPicker
              idPrefix="search-region"
              legend={t('field.domicile')}
              provinceCode={provinceCode}
              value={draft.region}
              onChange={set('region')}
              mode="filter"
              scope={session.me.user.regionCodes}
            />
            <div className="filter-grid">
              <div className="field">
                <label htmlFor="search-occupation">{t('field.occupation')}</label>
                <select
                  id="search-occupation"
                  value={draft.occupation}
                  onChange={(e) => set('occupation')(e.target.value)}
                >
                  <option value="">{t('region.all')}</option>
                  {OCCUPATIONS.map((o) => (
                    <option key={o} value={o}>
                      {occupationLabel(lang, o)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="search-sex">{t('field.sex')}</label>
                <select id="search-sex" value={draft.sex} onChange={(e) => set('sex')(e.target.value)}>
                  <option value="">{t('region.all')}</option>
                  <option value="L">{t('sex.L')}</option>
                  <option value="P">{t('sex.P')}</option>
                </select>
              </div>
              <div className="field">
                <label htmlFor="search-age-min">{t('search.ageMin')}</label>
                <input
                  id="search-age-min"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={130}
                  value={draft.ageMin}
                  onChange={(e) => set('ageMin')(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="search-age-max">{t('search.ageMax')}</label>
                <input
                  id="search-age-max"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={130}
                  value={draft.ageMax}
                  onChange={(e) => set('ageMax')(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor="search-status">{t('field.status')}</label>
                <select
                  id="search-status"
                  value={draft.status}
                  onChange={(e) => set('status')(e.target.value)}
                >
                  <option value="active">{t('status.active')}</option>
                  <option value="inactive">{t('status.inactive')}</option>
                  <option value="all">{t('status.all')}</option>
                </select>
              </div>
            </div>
            <div className="form-actions">
              <button type="button" className="button button--ghost" onClick={reset}>
                {t('search.reset')}
              </button>
            </div>
          </div>
        </form>
      </search>

      {search.error ? <ErrorNotice error={search.error} onRetry={() => void search.refetch()} /> : null}

      <section aria-labelledby="results-heading" className="results">
        <h2 id="results-heading" className="visually-hidden">
          {t('search.results')}
        </h2>
        <p role="status" className="results__status" data-testid="search-status">
          {statusText}
        </p>
        {items && items.length > 0 ? (
          <ResultsTable
            items={items}
            firstNewRow={firstNewRow}
            focusId={items[focusFrom ?? -1]?.id ?? null}
          />
        ) : null}
        {items ? (
          <LoadMore query={search} label={t('search.more')} onMore={() => setFocusFrom(items.length)} />
        ) : null}
      </section>
    </div>
  );
}

function ResultsTable(props: {
  items: Worker[];
  firstNewRow: RefObject<HTMLAnchorElement | null>;
  /** The row to put focus on once it is shown (the first of those "Muat lagi" brought). */
  focusId: string | null;
}) {
  const { t, lang } = useI18n();
  const columns: Column<Worker>[] = [
    {
      key: 'name',
      header: t('field.fullName'),
      cell: (w) => (
        <>
          <a href={workersPaths.worker(w.id)} ref={w.id === props.focusId ? props.firstNewRow : undefined}>
            {w.fullName}
          </a>
          {w.isActive ? null : <span className="badge badge--muted">{t('status.inactive')}</span>}
        </>
      ),
    },
    { key: 'nik', header: t('field.nik'), cell: (w) => <span className="mono">{w.nik}</span> },
    { key: 'sex', header: t('field.sex'), cell: (w) => t(w.sex === 'L' ? 'sex.L' : 'sex.P') },
    { key: 'age', header: t('field.age'), cell: (w) => w.age },
    { key: 'occupation', header: t('field.occupation'), cell: (w) => occupationLabel(lang, w.occupation) },
    { key: 'domicile', header: t('field.domicile'), cell: (w) => w.domicileLabel },
  ];
  return (
    <DataTable
      columns={columns}
      rows={props.items}
      rowKey={(w) => w.id}
      testId="results"
      rowProps={(w) => (w.isActive ? {} : { className: 'is-inactive' })}
    />
  );
}
