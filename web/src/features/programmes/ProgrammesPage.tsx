import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { DataTable } from '../../ui/DataTable.js';
import { formatMoney } from '../../ui/format.js';
import { QueryList } from '../../ui/QueryList.js';
import { programmesApi, programmesKeys } from './api.js';
import { statusBadge, statusKey } from './labels.js';
import { programmesPaths } from './paths.js';

/** The programmes the reader may see (a sponsor officer: its sponsor's), newest period first. */
export function ProgrammesPage() {
  const { t } = useI18n();
  const session = useSession();
  const heading = usePageHeading<HTMLHeadingElement>(t('programmes.title'));
  const list = useQuery({ queryKey: programmesKeys.programmes, queryFn: programmesApi.programmes });
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('programmes.title')}
          </h1>
          <p className="lead">
            {session.me.user.sponsorName ? `${session.me.user.sponsorName}. ` : ''}
            {t('programmes.intro')}
          </p>
        </div>
        {session.can('programme.manage') ? (
          <a
            className="button button--primary"
            href={programmesPaths.programmeNew()}
            data-testid="add-programme"
          >
            {t('programmes.add')}
          </a>
        ) : null}
      </div>
      <QueryList
        query={list}
        id="programmes-list"
        heading={t('programmes.list')}
        count={(n) => t('programmes.count', { n })}
      >
        {(rows) => (
          <DataTable
            testId="programmes"
            rows={rows}
            rowKey={(p) => p.id}
            empty={<p>{t('programmes.none')}</p>}
            rowProps={() => ({ 'data-testid': 'programme-row' })}
            columns={[
              {
                key: 'name',
                header: t('programmes.name'),
                cell: (p) => (
                  <>
                    <a href={programmesPaths.programme(p.id)}>{p.name}</a>
                    <br />
                    <span className="hint">{p.sponsorName}</span>
                  </>
                ),
              },
              { key: 'region', header: t('programmes.region'), cell: (p) => p.regionName },
              {
                key: 'period',
                header: t('programmes.period'),
                cell: (p) => `${p.periodStart} – ${p.periodEnd} (${t('programmes.months', { n: p.months })})`,
              },
              {
                key: 'budget',
                header: t('programmes.budget'),
                cell: (p) => formatMoney(p.budget),
                className: 'num',
              },
              {
                key: 'remaining',
                header: t('programmes.remaining'),
                cell: (p) => formatMoney(p.remaining),
                className: 'num',
              },
              {
                key: 'status',
                header: t('programmes.status'),
                cell: (p) => (
                  <span className={`badge ${statusBadge(p.status)}`}>{t(statusKey(p.status))}</span>
                ),
              },
            ]}
          />
        )}
      </QueryList>
    </div>
  );
}
