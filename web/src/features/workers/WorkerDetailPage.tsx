import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { Issue } from '../../../../src/contracts/common.js';
import type { Worker } from '../../../../src/contracts/workers.js';
import { ApiError } from '../../api/api.js';
import { occupationLabel, useI18n } from '../../app/i18n.js';
import { flashFor, setFlash } from '../../app/navigation.js';
import { queryClient } from '../../app/queryClient.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { formatDate, formatDateTime, formatMoney, formatPhone } from '../../ui/format.js';
import { ErrorNotice, StatusNotice } from '../../ui/Notice.js';
import { auditPaths } from '../audit/paths.js';
import { WorkerEnrolments } from '../enrolments/WorkerEnrolments.js';
import { workersApi, workersKeys } from './api.js';
import { DeactivateDialog } from './DeactivateDialog.js';
import { workersPaths } from './paths.js';
import { workerRoute } from './routes.js';

/** The page at `#/workers/:id`; a new id starts a fresh page. */
export function WorkerDetailRoute(): ReactNode {
  const { id } = workerRoute.useParams();
  return <WorkerDetailPage key={id} id={id} />;
}

export function WorkerDetailPage(props: { id: string }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const record = useQuery({
    queryKey: workersKeys.worker(props.id),
    queryFn: () => workersApi.worker(props.id),
  });
  const worker = record.data ?? null;
  const error = record.error;
  const setWorker = (w: Worker) => queryClient.setQueryData(workersKeys.worker(props.id), w);
  const [isDeactivating, setDeactivating] = useState(false);
  const flash = flashFor(workersPaths.worker(props.id));
  const heading = usePageHeading<HTMLHeadingElement>(
    worker?.fullName ??
      t(error instanceof ApiError && error.status === 404 ? 'detail.notFoundTitle' : 'detail.title'),
  );

  const load = () => void record.refetch();

  const onDeactivated = (updated: Worker) => {
    setDeactivating(false);
    setFlash(workersPaths.worker(props.id), { kind: 'deactivated' });
    setWorker(updated);
  };

  const isNotFound = error instanceof ApiError && error.status === 404;
  return (
    <div className="page">
      <p className="breadcrumb">
        <a href={workersPaths.workers()}>← {t('common.back')}</a>
      </p>
      <StatusNotice testId="flash" tone={flash?.kind === 'noChanges' ? 'info' : 'success'}>
        {flash ? (
          <FlashText kind={flash.kind} warnings={flash.kind === 'saved' ? flash.warnings : undefined} />
        ) : null}
      </StatusNotice>
      {error ? (
        <h1 ref={heading} tabIndex={-1}>
          {t(isNotFound ? 'detail.notFoundTitle' : 'detail.title')}
        </h1>
      ) : null}
      {error ? <ErrorNotice error={error} {...(isNotFound ? {} : { onRetry: load })} /> : null}
      {!worker && !error ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {worker ? (
        <>
          <div className="page-header">
            <div>
              <h1 ref={heading} tabIndex={-1} data-testid="worker-name">
                {worker.fullName}
              </h1>
              <p className="lead">
                <span
                  className={`badge ${worker.isActive ? 'badge--ok' : 'badge--muted'}`}
                  data-testid="worker-status"
                >
                  {t(worker.isActive ? 'status.active' : 'status.inactive')}
                </span>{' '}
                {worker.domicileLabel}
              </p>
            </div>
            <div className="button-row">
              {session.can('worker.write') ? (
                <>
                  <a
                    className="button button--primary"
                    href={workersPaths.workerEdit(worker.id)}
                    data-testid="edit-worker"
                  >
                    {t('detail.edit')}
                  </a>
                  {worker.isActive ? (
                    <button
                      type="button"
                      className="button button--danger"
                      data-testid="deactivate-worker"
                      onClick={() => setDeactivating(true)}
                    >
                      {t('detail.deactivate')}
                    </button>
                  ) : null}
                </>
              ) : null}
              {session.can('audit.read') ? (
                <a
                  className="button"
                  href={auditPaths.audit({ entityId: worker.id })}
                  data-testid="worker-audit"
                >
                  {t('audit.workerTrail')}
                </a>
              ) : null}
            </div>
          </div>
          {worker.deactivation ? (
            <p className="notice notice--info">
              {t('detail.inactiveSince', {
                date: formatDateTime(worker.deactivation.at, lang),
                reason: worker.deactivation.reason,
              })}
            </p>
          ) : null}
          {worker.isMasked ? <p className="hint">{t('detail.masked')}</p> : null}
          <WorkerFacts worker={worker} />
          <WorkerEnrolments workerId={worker.id} />
          {isDeactivating ? (
            <DeactivateDialog
              worker={worker}
              onDone={onDeactivated}
              onCancel={() => setDeactivating(false)}
              onConflict={() => {
                setDeactivating(false);
                load();
              }}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function FlashText(props: { kind: string; warnings: Issue[] | undefined }) {
  const { t, lang } = useI18n();
  if (props.kind === 'noChanges') return <p>{t('detail.noChanges')}</p>;
  if (props.kind === 'deactivated') return <p>{t('detail.deactivated')}</p>;
  return (
    <>
      <p>
        <strong>{t('detail.saved')}</strong>
      </p>
      {props.warnings && props.warnings.length > 0 ? (
        <>
          <p>{t('detail.warnings')}</p>
          <ul>
            {props.warnings.map((w) => (
              <li key={w.code + w.message}>{lang === 'en' && w.messageEn ? w.messageEn : w.message}</li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function Fact(props: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{props.label}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </div>
  );
}

function WorkerFacts({ worker: w }: { worker: Worker }) {
  const { t, lang } = useI18n();
  const orEmpty = (v: string | null | undefined) => (v ? v : t('common.empty'));
  const yesNo = (b: boolean) => t(b ? 'common.yes' : 'common.no');
  const birth = [w.birthPlace, formatDate(w.birthDate, lang)].filter(Boolean).join(', ');
  return (
    <div className="fact-sections">
      <section className="card" aria-labelledby="facts-identity">
        <h2 id="facts-identity">{t('detail.identity')}</h2>
        <dl className="facts">
          <Fact label={t('field.nik')} testId="worker-nik">
            <span className="mono">{w.nik}</span>
          </Fact>
          <Fact label={t('field.fullName')}>{w.fullName}</Fact>
          <Fact label={t('field.sex')} testId="worker-sex">
            {t(w.sex === 'L' ? 'sex.L' : 'sex.P')}
          </Fact>
          <Fact label={t('field.birthPlaceDate')} testId="worker-birth">
            {birth}
          </Fact>
          <Fact label={t('field.age')}>{t('detail.years', { n: w.age })}</Fact>
          <Fact label={t('field.motherMaidenName')}>{orEmpty(w.motherMaidenName)}</Fact>
        </dl>
      </section>
      <section className="card" aria-labelledby="facts-contact">
        <h2 id="facts-contact">{t('detail.contact')}</h2>
        <dl className="facts">
          <Fact label={t('field.phone')} testId="worker-phone">
            {orEmpty(formatPhone(w.phone))}
          </Fact>
          <Fact label={t('field.address')}>{orEmpty(w.address)}</Fact>
          <Fact label={t('field.domicile')} testId="worker-domicile">
            {w.domicileLabel} <span className="hint mono">({w.domicileCode})</span>
          </Fact>
        </dl>
      </section>
      <section className="card" aria-labelledby="facts-work">
        <h2 id="facts-work">{t('detail.work')}</h2>
        <dl className="facts">
          <Fact label={t('field.occupation')} testId="worker-occupation">
            {occupationLabel(lang, w.occupation)}
          </Fact>
          <Fact label={t('field.declaredIncome')} testId="worker-income">
            {w.declaredIncome === null ? t('common.empty') : formatMoney(w.declaredIncome)}
          </Fact>
          <Fact label={t('field.inWelfareRegister')}>{yesNo(w.vulnerability.inWelfareRegister)}</Fact>
          <Fact label={t('field.hasDisability')}>{yesNo(w.vulnerability.hasDisability)}</Fact>
          <Fact label={t('field.isFemaleHeadOfHousehold')}>
            {yesNo(w.vulnerability.isFemaleHeadOfHousehold)}
          </Fact>
        </dl>
      </section>
      <section className="card" aria-labelledby="facts-record">
        <h2 id="facts-record">{t('detail.record')}</h2>
        <dl className="facts">
          <Fact label={t('field.consent')}>
            {t(`consent.${w.consent.method}`)}, {formatDateTime(w.consent.givenAt, lang)}
          </Fact>
          <Fact label={t('field.consentRecordedBy')}>{w.consent.recordedBy}</Fact>
          <Fact label={t('field.status')}>{t(w.isActive ? 'status.active' : 'status.inactive')}</Fact>
          <Fact label={t('field.createdAt')}>{formatDateTime(w.createdAt, lang)}</Fact>
          <Fact label={t('field.updatedAt')}>{formatDateTime(w.updatedAt, lang)}</Fact>
          <Fact label={t('field.version')}>{w.version}</Fact>
        </dl>
      </section>
    </div>
  );
}
