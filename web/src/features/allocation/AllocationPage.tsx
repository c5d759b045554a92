import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { occupationLabel, useI18n } from '../../app/i18n.js';
import { usePageHeading } from '../../app/session.js';
import { DataTable } from '../../ui/DataTable.js';
import { formatDateTime, formatMoney, formatNumber, parseRupiah } from '../../ui/format.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { type AllocationJob, allocationApi, allocationKeys, type Simulation } from './api.js';
import { CoverageChart } from './CoverageChart.js';
import { RosterPanel } from './RosterPanel.js';
import { allocationRoute } from './routes.js';

const POLL_MS = 500;

export function AllocationPage() {
  const { id } = allocationRoute.useParams();
  const { t, lang } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('alloc.title'));
  const overview = useQuery({
    queryKey: allocationKeys.allocation(id),
    queryFn: () => allocationApi.allocation(id),
  });
  // Newest first, a page at a time (a programme proposes a roster per round, and keeps them all).
  const rosters = useInfiniteQuery({
    queryKey: allocationKeys.rosters(id),
    queryFn: ({ pageParam }) =>
      allocationApi.rosters(id, { limit: 10, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rosterRows = rosters.data?.pages.flatMap((page) => page.items) ?? [];
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useQuery({
    queryKey: allocationKeys.allocationJob(jobId ?? ''),
    queryFn: () => allocationApi.allocationJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data) ? POLL_MS : false),
  });
  if (overview.error) return <ErrorNotice error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  if (!o) return <p>{t('alloc.loading')}</p>;
  const p = o.programme;
  const left = Math.max(0, p.budget - p.committed);
  const done = job.data && !isRunning(job.data);
  const latest =
    done && job.data?.rosterId ? job.data.rosterId : (o.pendingRosterId ?? rosterRows[0]?.id ?? null);

  async function propose() {
    setError(null);
    try {
      setJobId((await allocationApi.proposeRoster(id)).jobId);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section>
      <h1 ref={heading} tabIndex={-1}>
        {t('alloc.title')}: {p.name}
      </h1>
      <dl className="facts">
        <dt>{t('alloc.sponsor')}</dt>
        <dd>{p.sponsorName}</dd>
        <dt>{t('alloc.region')}</dt>
        <dd>{p.regionName}</dd>
        <dt>{t('alloc.period')}</dt>
        <dd>
          {p.periodStart} – {p.periodEnd} ({p.months})
        </dd>
        <dt>{t('alloc.budget')}</dt>
        <dd>{formatMoney(p.budget)}</dd>
        <dt>{t('alloc.committed')}</dt>
        <dd>{formatMoney(p.committed)}</dd>
        <dt>{t('alloc.costs')}</dt>
        <dd>
          {o.costClasses
            .map(
              (c) =>
                `${formatMoney(c.total)} (${c.occupations.map((x) => occupationLabel(lang, x)).join(', ')})`,
            )
            .join('; ')}
        </dd>
      </dl>
      <h2>{t('alloc.formula')}</h2>
      <p data-testid="formula">{o.formula[lang]}</p>

      <SimulationForm programmeId={id} defaultBudget={left} />

      {o.canRun ? (
        <section aria-labelledby="propose-title">
          <h2 id="propose-title">{t('alloc.propose')}</h2>
          <p>{t('alloc.proposeHint', { budget: formatMoney(left) })}</p>
          {o.pendingRosterId && !jobId ? <p role="status">{t('alloc.pending')}</p> : null}
          <button
            type="button"
            onClick={() => void propose()}
            disabled={!!o.pendingRosterId || (job.data !== undefined && isRunning(job.data))}
          >
            {t('alloc.propose')}
          </button>
          {job.data && isRunning(job.data) ? (
            <p role="status">{t('alloc.proposing', { phase: job.data.progress?.phase ?? '' })}</p>
          ) : null}
          {job.data?.error ? <p role="alert">{job.data.error}</p> : null}
          {error ? <ErrorNotice error={error} /> : null}
        </section>
      ) : null}

      {rosters.error ? <ErrorNotice error={rosters.error} onRetry={() => void rosters.refetch()} /> : null}
      {rosterRows.length > 0 ? (
        <section aria-labelledby="rosters-title">
          <h2 id="rosters-title">{t('alloc.rosters')}</h2>
          <ul data-testid="roster-list">
            {rosterRows.map((r) => (
              <li key={r.id}>
                {t('alloc.roster', { by: r.proposedBy, at: formatDateTime(r.proposedAt, lang) })} —{' '}
                {t(`alloc.status.${r.status}`)}; {t('alloc.selected')} {formatNumber(r.result.selected)},{' '}
                {formatMoney(r.result.totalCost)}
              </li>
            ))}
          </ul>
          <LoadMore query={rosters} label={t('alloc.moreRosters')} />
        </section>
      ) : null}
      {latest ? <RosterPanel rosterId={latest} /> : null}
      <EligibilityChecker programmeId={id} />
    </section>
  );
}

const isRunning = (j: AllocationJob) => j.state === 'queued' || j.state === 'running';

function SimulationForm(props: { programmeId: string; defaultBudget: number }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(
    [0.5, 1, 2].map((f) => formatNumber(Math.round(props.defaultBudget * f))).join(', '),
  );
  const [result, setResult] = useState<Simulation | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const budgets = text
      .split(/[;,\n]+/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map(parseRupiah);
    if (budgets.length === 0 || budgets.some((b) => b === null)) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    setProblem(null);
    try {
      setResult(await allocationApi.simulate(props.programmeId, budgets as number[]));
    } catch (err) {
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }
  const last = result?.runs[result.runs.length - 1];
  return (
    <section aria-labelledby="simulate-title">
      <h2 id="simulate-title">{t('alloc.simulate')}</h2>
      <form onSubmit={(e) => void submit(e)}>
        <label htmlFor="budgets">{t('alloc.budgets')}</label>
        <input
          id="budgets"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-describedby="budgets-hint"
          aria-invalid={invalid}
        />
        <p id="budgets-hint">{invalid ? t('alloc.budgetsInvalid') : t('alloc.simulateHint')}</p>
        <button type="submit" disabled={busy}>
          {busy ? t('alloc.running') : t('alloc.run')}
        </button>
      </form>
      {problem ? <ErrorNotice error={problem} /> : null}
      {result ? (
        <>
          <DataTable
            caption={t('alloc.simulate')}
            columns={[
              { key: 'budget', header: t('alloc.budget'), cell: (r) => formatMoney(r.budget) },
              { key: 'eligible', header: t('alloc.eligible'), cell: (r) => formatNumber(r.eligible) },
              { key: 'selected', header: t('alloc.selected'), cell: (r) => formatNumber(r.selected) },
              { key: 'cost', header: t('alloc.totalCost'), cell: (r) => formatMoney(r.totalCost) },
              { key: 'remaining', header: t('alloc.remaining'), cell: (r) => formatMoney(r.remaining) },
              {
                key: 'limitedBy',
                header: t('alloc.limitedBy'),
                cell: (r) => t(`alloc.limitedBy.${r.limitedBy}`),
              },
            ]}
            rows={result.runs}
            rowKey={(r) => String(r.budget)}
            testId="simulation"
          />
          <CoverageChart points={result.runs} title={t('alloc.chart')} desc={t('alloc.chartDesc')} />
          {last ? (
            <DataTable
              caption={t('alloc.byRegency', { budget: formatMoney(last.budget) })}
              columns={[
                { key: 'name', header: t('alloc.regency'), cell: (r) => r.regencyName },
                { key: 'eligible', header: t('alloc.eligible'), cell: (r) => formatNumber(r.eligible) },
                { key: 'selected', header: t('alloc.selected'), cell: (r) => formatNumber(r.selected) },
                { key: 'cost', header: t('alloc.totalCost'), cell: (r) => formatMoney(r.cost) },
              ]}
              rows={last.byRegency}
              rowKey={(r) => r.regencyCode}
            />
          ) : null}
          <p lang={lang}>{result.formula[lang]}</p>
        </>
      ) : null}
    </section>
  );
}

function EligibilityChecker(props: { programmeId: string }) {
  const { t, lang } = useI18n();
  const [workerId, setWorkerId] = useState('');
  const [asked, setAsked] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['allocation', props.programmeId, 'eligibility', asked],
    queryFn: () => allocationApi.eligibility(props.programmeId, asked!),
    enabled: asked !== null,
  });
  return (
    <section aria-labelledby="checker-title">
      <h2 id="checker-title">{t('alloc.checker')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(workerId.trim());
        }}
      >
        <label htmlFor="worker-id">{t('alloc.workerId')}</label>
        <input
          id="worker-id"
          value={workerId}
          onChange={(e) => setWorkerId(e.target.value)}
          aria-describedby="worker-id-hint"
        />
        <p id="worker-id-hint">{t('alloc.workerIdHint')}</p>
        <button type="submit">{t('alloc.check')}</button>
      </form>
      {q.error ? <ErrorNotice error={q.error} /> : null}
      {q.data ? (
        <>
          <p role="status">
            {q.data.eligible
              ? t('alloc.isEligible', { name: q.data.fullName, score: q.data.score })
              : t('alloc.notEligible', { name: q.data.fullName })}
          </p>
          <ul data-testid="eligibility-rules">
            {q.data.rules.map((r) => (
              <li key={r.rule}>
                <strong>{r.passed ? t('alloc.passed') : t('alloc.failed')}</strong>:{' '}
                {lang === 'id' ? r.message : r.messageEn}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
