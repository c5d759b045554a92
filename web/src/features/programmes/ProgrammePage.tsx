import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { SPONSOR_KIND_LABELS } from '../../../../src/contracts/sponsors.js';
import { PRIORITY_FACTORS } from '../../../../src/domain/priority.js';
import { occupationLabel, type Translate, useI18n } from '../../app/i18n.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { type Column, DataTable } from '../../ui/DataTable.js';
import { formatMoney, formatNumber } from '../../ui/format.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { useChildren } from '../../ui/RegionPicker.js';
import { allocationPaths } from '../allocation/paths.js';
import { enrolmentsPaths } from '../enrolments/paths.js';
import { type Programme, programmesApi, programmesKeys } from './api.js';
import { statusBadge, statusKey } from './labels.js';
import { programmesPaths } from './paths.js';
import { programmeRoute } from './routes.js';

export function ProgrammeRoute(): ReactNode {
  const { id } = programmeRoute.useParams();
  return <ProgrammePage key={id} id={id} />;
}

/** One programme: money (budget, committed, remaining), whom it covers by regency and occupation, its status. */
export function ProgrammePage(props: { id: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const programme = useQuery({
    queryKey: programmesKeys.programme(props.id),
    queryFn: () => programmesApi.programme(props.id),
  });
  const summary = useQuery({
    queryKey: programmesKeys.programmeSummary(props.id),
    queryFn: () => programmesApi.programmeSummary(props.id),
  });
  const p = programme.data;
  const heading = usePageHeading<HTMLHeadingElement>(p?.name ?? t('programmes.title'));
  const [confirm, setConfirm] = useState<'open' | 'close' | null>(null);
  const canManage = session.can('programme.manage');

  if (programme.error)
    return <ErrorNotice error={programme.error} onRetry={() => void programme.refetch()} />;
  if (!p)
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  const s = summary.data;
  return (
    <div className="page">
      <p>
        <a href={programmesPaths.programmes()}>← {t('programmes.title')}</a>
      </p>
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {p.name}
          </h1>
          <p className="lead">
            {p.sponsorName} ({SPONSOR_KIND_LABELS[p.sponsorKind][lang]}) ·{' '}
            <span className={`badge ${statusBadge(p.status)}`} data-testid="programme-status">
              {t(statusKey(p.status))}
            </span>
          </p>
        </div>
        {canManage ? (
          <div className="button-row">
            {p.status !== 'closed' ? (
              <a className="button" href={programmesPaths.programmeEdit(p.id)}>
                {t('programmes.edit')}
              </a>
            ) : null}
            {p.status === 'draft' ? (
              <button type="button" className="button button--primary" onClick={() => setConfirm('open')}>
                {t('programmes.open')}
              </button>
            ) : null}
            {p.status === 'open' ? (
              <button type="button" className="button" onClick={() => setConfirm('close')}>
                {t('programmes.close')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <nav className="button-row" aria-label={t('programmes.detail')}>
        {session.can('allocation.read') ? (
          <a className="button" href={allocationPaths.programmeAllocation(p.id)}>
            {t('programmes.allocation')}
          </a>
        ) : null}
        <a className="button" href={enrolmentsPaths.programmeEnrolments(p.id)}>
          {t('programmes.enrolments')}
        </a>
      </nav>
      <dl className="facts" data-testid="programme-money">
        <dt>{t('programmes.budget')}</dt>
        <dd>{formatMoney(p.budget)}</dd>
        <dt>{t('programmes.committed')}</dt>
        <dd>{s ? formatMoney(s.committed) : '…'}</dd>
        <dt>{t('programmes.remaining')}</dt>
        <dd>{s ? formatMoney(s.remaining) : '…'}</dd>
        <dt>{t('programmes.region')}</dt>
        <dd>{p.regionName}</dd>
        <dt>{t('programmes.period')}</dt>
        <dd>
          {p.periodStart} – {p.periodEnd} ({t('programmes.months', { n: p.months })})
        </dd>
        <dt>{t('programmes.package')}</dt>
        <dd>
          {t('programmes.packageBase')}
          {p.includeJht ? ' + JHT' : ''} · {t('programmes.incomeBase')} {formatMoney(p.incomeBase)}
        </dd>
      </dl>
      <Settings programme={p} />
      {summary.error ? <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} /> : null}
      {s ? (
        <>
          <h2>{t('programmes.byRegency')}</h2>
          <DataTable
            testId="programme-by-regency"
            rows={s.byRegency}
            rowKey={(r) => r.regionCode}
            empty={<p>{t('programmes.noWorkers')}</p>}
            columns={[
              { key: 'region', header: t('programmes.region'), cell: (r) => r.name },
              ...countColumns<RowOf<typeof s.byRegency>>(t),
            ]}
          />
          <h2>{t('programmes.byOccupation')}</h2>
          <DataTable
            testId="programme-by-occupation"
            rows={s.byOccupation}
            rowKey={(r) => r.occupation}
            empty={<p>{t('programmes.noWorkers')}</p>}
            columns={[
              {
                key: 'occupation',
                header: t('programmes.occupations'),
                cell: (r) => occupationLabel(lang, r.occupation),
              },
              ...countColumns<RowOf<typeof s.byOccupation>>(t),
            ]}
          />
        </>
      ) : null}
      {confirm ? (
        <ConfirmDialog
          id="programme-confirm"
          title={t(confirm === 'open' ? 'programmes.confirmOpen' : 'programmes.confirmClose', {
            name: p.name,
          })}
          confirmLabel={t(confirm === 'open' ? 'programmes.open' : 'programmes.close')}
          tone={confirm === 'open' ? 'primary' : 'danger'}
          onConfirm={async () => {
            await programmesApi.setProgrammeStatus(p.id, confirm);
            setConfirm(null);
          }}
          onCancel={() => setConfirm(null)}
        >
          <p>{t(confirm === 'open' ? 'programmes.confirmOpenBody' : 'programmes.confirmCloseBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

type RowOf<L> = L extends readonly (infer R)[] ? R : never;

/** Workers and their contributions: the columns both summary tables end with. */
function countColumns<Row extends { workers: number; cost: number }>(t: Translate): Column<Row>[] {
  return [
    {
      key: 'workers',
      header: t('programmes.workers'),
      cell: (r) => formatNumber(r.workers),
      className: 'num',
    },
    { key: 'cost', header: t('programmes.cost'), cell: (r) => formatMoney(r.cost), className: 'num' },
  ];
}

/** The rules, weights and quotas in words. */
function Settings(props: { programme: Programme }) {
  const { t, lang } = useI18n();
  const { eligibility: e, priorityWeights: w, quotas } = props.programme;
  const regencies = useChildren(props.programme.regionCode.slice(0, 2)).items;
  const nameOf = (code: string) => regencies.find((r) => r.code === code)?.name ?? code;
  const yes = (on: boolean, key: Parameters<typeof t>[0]) => (on ? <li>{t(key)}</li> : null);
  return (
    <details className="card">
      <summary>
        {t('programmes.eligibility')} · {t('programmes.weights')} · {t('programmes.quotas')}
      </summary>
      <h3>{t('programmes.eligibility')}</h3>
      <ul data-testid="programme-rules">
        <li>
          {t('programmes.ageMin')}: {e.ageMin} – {e.ageMax}
        </li>
        <li>
          {t('programmes.occupations')}:{' '}
          {e.occupations
            ? e.occupations.map((o) => occupationLabel(lang, o)).join(', ')
            : t('programmes.occupationsAny')}
        </li>
        <li>
          {t('programmes.domiciles')}:{' '}
          {e.regionCodes ? e.regionCodes.join(', ') : t('programmes.domicilesAny')}
        </li>
        {e.incomeCeiling !== null ? (
          <li>
            {t('programmes.incomeCeiling')}: {formatMoney(e.incomeCeiling)}
          </li>
        ) : null}
        {yes(e.requireWelfareRegister, 'programmes.requireWelfareRegister')}
        {yes(e.requireDisability, 'programmes.requireDisability')}
        {yes(e.requireConsent, 'programmes.requireConsent')}
        {yes(e.requireActive, 'programmes.requireActive')}
      </ul>
      <h3>{t('programmes.weights')}</h3>
      <p className="hint">{t('programmes.weightsIntro')}</p>
      <ul>
        {WEIGHT_KEYS.map((k) => (
          <li key={k}>
            {t(`programmes.weight.${k}`)}: {w[k]}
          </li>
        ))}
        {w.priorityOccupations.length > 0 ? (
          <li>
            {t('programmes.priorityOccupations')}:{' '}
            {w.priorityOccupations.map((o) => occupationLabel(lang, o)).join(', ')}
          </li>
        ) : null}
      </ul>
      <h3>{t('programmes.quotas')}</h3>
      {quotas.length === 0 ? <p>{t('programmes.noQuotas')}</p> : null}
      <ul>
        {quotas.map((q) => (
          <li key={q.regionCode}>
            {nameOf(q.regionCode)}:{' '}
            {q.maxWorkers !== undefined
              ? `${formatNumber(q.maxWorkers)} ${t('programmes.workers').toLowerCase()}`
              : `${q.budgetPercent}%`}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The score's factors, in the order the formula names them (src/domain/priority.ts). */
export const WEIGHT_KEYS = PRIORITY_FACTORS;
