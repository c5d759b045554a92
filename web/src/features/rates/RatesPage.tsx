import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { RATE_KIND_LABELS, RATE_KINDS, type RateKind } from '../../../../src/contracts/rates.js';
import { ApiError, fieldIssues } from '../../api/api.js';
import { type MessageKey, useI18n } from '../../app/i18n.js';
import { usePageHeading, useSession } from '../../app/session.js';
import { useModal } from '../../ui/ConfirmDialog.js';
import { DataTable } from '../../ui/DataTable.js';
import { Field, TextField } from '../../ui/Field.js';
import { formatDate, formatDateTime } from '../../ui/format.js';
import { ErrorNotice, StatusNotice } from '../../ui/Notice.js';
import { type RateVersion, type RateVersionInput, ratesApi, ratesKeys } from './api.js';

const STATUS_BADGE: Record<RateVersion['status'], string> = {
  in_force: 'badge--ok',
  scheduled: 'badge--info',
  past: 'badge--muted',
  superseded: 'badge--muted',
};

/** Every version of the rate tables; an administrator adds a new one (never changes one). */
export function RatesPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const heading = usePageHeading<HTMLHeadingElement>(t('rates.title'));
  const list = useQuery({ queryKey: ratesKeys.rates, queryFn: () => ratesApi.rates() });
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const canManage = session.can('rate.manage');
  const items = list.data?.items ?? [];

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('rates.title')}
          </h1>
          <p className="lead">{t('rates.intro')}</p>
        </div>
        {canManage ? (
          <button
            type="button"
            className="button button--primary"
            data-testid="add-rate-version"
            onClick={() => setAdding(true)}
            disabled={!list.data}
          >
            {t('rates.add')}
          </button>
        ) : null}
      </div>
      <StatusNotice testId="rates-flash">{message ? <p>{message}</p> : null}</StatusNotice>
      {list.error ? <ErrorNotice error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <p className="loading">{t('common.loading')}</p> : null}
      {RATE_KINDS.map((kind) => {
        const rows = items.filter((v) => v.kind === kind);
        if (!list.data) return null;
        return (
          <section key={kind} aria-labelledby={`rates-${kind}`}>
            <h2 id={`rates-${kind}`}>{RATE_KIND_LABELS[kind][lang]}</h2>
            <DataTable
              testId={`rates-${kind}`}
              rows={rows}
              rowKey={(v) => v.id}
              empty={<p>{t('rates.none')}</p>}
              rowProps={() => ({ 'data-testid': 'rate-row' })}
              columns={[
                {
                  key: 'effectiveFrom',
                  header: t('rates.effectiveFrom'),
                  className: 'nowrap',
                  cell: (v) => formatDate(v.effectiveFrom, lang),
                },
                {
                  key: 'status',
                  header: t('rates.status'),
                  cell: (v) => (
                    <span className={`badge ${STATUS_BADGE[v.status]}`}>
                      {t(`rates.status.${v.status}` as MessageKey)}
                    </span>
                  ),
                },
                {
                  key: 'regulation',
                  header: t('rates.regulation'),
                  cell: (v) => (
                    <>
                      {v.regulation}
                      {v.note ? <p className="hint">{v.note}</p> : null}
                    </>
                  ),
                },
                {
                  key: 'enteredBy',
                  header: t('rates.enteredBy'),
                  cell: (v) => `${v.enteredBy}, ${formatDateTime(v.enteredAt, lang)}`,
                },
                {
                  key: 'rules',
                  header: t('rates.rules'),
                  cell: (v) => (
                    <details>
                      <summary>{t('rates.rules')}</summary>
                      <pre className="mono">{JSON.stringify(v.rules, null, 2)}</pre>
                    </details>
                  ),
                },
              ]}
            />
          </section>
        );
      })}
      {adding && list.data ? (
        <RateVersionDialog
          versions={items}
          today={list.data.today}
          onSaved={(v) => {
            setAdding(false);
            setMessage(t('rates.saved', { date: formatDate(v.effectiveFrom, lang) }));
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
    </div>
  );
}

/** The day after `today` (YYYY-MM-DD): the earliest date a new version may take effect. */
function dayAfter(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A new version of one table: its date, regulation, note and rules (JSON, filled from the version in
 * force). The server checks the rules' shape and names every field in error.
 */
function RateVersionDialog(props: {
  versions: RateVersion[];
  today: string;
  onSaved(v: RateVersion): void;
  onCancel(): void;
}) {
  const { t, lang } = useI18n();
  const dialog = useModal();
  const current = (kind: RateKind) =>
    props.versions.find((v) => v.kind === kind && v.status === 'in_force') ??
    props.versions.find((v) => v.kind === kind);
  const [kind, setKind] = useState<RateKind>('bpu');
  const [effectiveFrom, setEffectiveFrom] = useState(dayAfter(props.today));
  const [regulation, setRegulation] = useState('');
  const [note, setNote] = useState('');
  const [rules, setRules] = useState(JSON.stringify(current('bpu')?.rules ?? {}, null, 2));
  const [error, setError] = useState<unknown>(null);
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([]);
  const [isBusy, setBusy] = useState(false);

  const chooseKind = (k: RateKind) => {
    setKind(k);
    setRules(JSON.stringify(current(k)?.rules ?? {}, null, 2));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setIssues([]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(rules);
    } catch (err) {
      setIssues([{ path: 'rules', message: t('rates.badJson', { message: (err as Error).message }) }]);
      document.getElementById('rate-rules')?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = {
        kind,
        effectiveFrom,
        regulation: regulation.trim(),
        note: note.trim() || null,
        rules: parsed,
      } as RateVersionInput;
      props.onSaved(await ratesApi.addRateVersion(body));
    } catch (err) {
      setBusy(false);
      const found = err instanceof ApiError ? fieldIssues(err) : [];
      if (found.length) setIssues(found.map((i) => ({ path: i.path.join('.'), message: i.message })));
      else setError(err);
    }
  };

  const issueOf = (field: string) => issues.find((i) => i.path === field)?.message;
  return (
    <dialog
      ref={dialog}
      className="dialog dialog--wide"
      aria-labelledby="rate-dialog-title"
      data-testid="rate-dialog"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <form onSubmit={submit} noValidate className="dialog__body">
        <h2 id="rate-dialog-title">{t('rates.newTitle')}</h2>
        {error ? <ErrorNotice error={error} /> : null}
        {issues.length ? (
          <div className="notice notice--error" role="alert" data-testid="rate-issues">
            <p>{t('rates.issues')}</p>
            <ul>
              {issues.map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <Field id="rate-kind" label={t('rates.kind')} isRequired>
          {(control) => (
            <select {...control} value={kind} onChange={(e) => chooseKind(e.target.value as RateKind)}>
              {RATE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {RATE_KIND_LABELS[k][lang]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="rate-effective-from"
          label={t('rates.effectiveFrom')}
          hint={t('rates.effectiveHint')}
          isRequired
          error={issueOf('effectiveFrom')}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              min={dayAfter(props.today)}
              value={effectiveFrom}
              onChange={(e) => setEffectiveFrom(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="rate-regulation"
          label={t('rates.regulation')}
          hint={t('rates.regulationHint')}
          isRequired
          error={issueOf('regulation')}
        >
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              maxLength={500}
              value={regulation}
              onChange={(e) => setRegulation(e.target.value)}
            />
          )}
        </Field>
        <TextField id="rate-note" label={t('rates.note')} value={note} onChange={setNote} maxLength={1000} />
        <Field id="rate-rules" label={t('rates.rulesJson')} hint={t('rates.rulesHint')} isRequired>
          {(control) => (
            <textarea
              {...control}
              className="mono"
              rows={16}
              spellCheck={false}
              value={rules}
              onChange={(e) => setRules(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={isBusy} data-testid="rate-save">
            {t('rates.save')}
          </button>
          <button type="button" className="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
