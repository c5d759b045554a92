import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { AuditItem } from '../../../src/contracts/access.js';
import { type AuditQuery, api, auditExportUrl } from '../api.js';
import { AuditChanges, actionLabel } from '../components/AuditChanges.js';
import { ErrorNotice } from '../components/Notice.js';
import { useRegionNames } from '../components/ScopePicker.js';
import { dateTimeParts } from '../format.js';
import { isMessageKey, type MessageKey, roleLabel, useI18n } from '../i18n.js';
import { hashQuery, navigate, paths, useHash } from '../router.js';
import { usePageHeading } from '../session.js';

const FILTER_KEYS = ['entityId', 'actor', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;
const PAGE_SIZE = 50;

/** Actions offered in the filter; the list shows any other action by its code. */
const ACTIONS = [
  'worker.create',
  'worker.update',
  'worker.view',
  'worker.search.limited',
  'worker.deactivate',
  'worker.merge',
  'duplicate.merge',
  'duplicate.keep_both',
  'import.upload',
  'import.commit',
  'import.report',
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.password_changed',
  'user.create',
  'user.update',
  'user.reset_password',
  'token.create',
  'token.revoke',
  'audit.export',
];

function filtersFrom(hash: string): Filters {
  const q = hashQuery(hash);
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, q.get(k) ?? ''])) as Filters;
}

function toQuery(f: Filters): AuditQuery {
  return Object.fromEntries(
    Object.entries(f)
      .filter(([, v]) => v.trim() !== '')
      .map(([k, v]) => [k, v.trim()]),
  );
}

export function AuditPage() {
  const { t } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('audit.title'));
  const hash = useHash();
  // The filter lives in the address, so a worker's page can link to its own trail.
  const appliedKey = hash.split('?')[1] ?? '';
  const [applied, setApplied] = useState<Filters>(() => filtersFrom(hash));
  const [draft, setDraft] = useState<Filters>(applied);
  const [items, setItems] = useState<AuditItem[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [phase, setPhase] = useState<'loading' | 'loadingMore' | 'idle'>('loading');
  const [error, setError] = useState<unknown>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const inFlight = useRef<AbortController | null>(null);

  const load = async (filters: Filters, before?: number) => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setPhase(before ? 'loadingMore' : 'loading');
    setError(null);
    try {
      const page = await api.audit(
        { ...toQuery(filters), limit: PAGE_SIZE, ...(before ? { before } : {}) },
        controller.signal,
      );
      setItems((prev) => (before && prev ? [...prev, ...page.items] : page.items));
      setNextBefore(page.nextBefore);
      setPhase('idle');
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(e);
      setPhase('idle');
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads when the filter in the address changes
  useEffect(() => {
    const f = filtersFrom(`?${appliedKey}`);
    setApplied(f);
    setDraft(f);
    load(f);
    return () => inFlight.current?.abort();
  }, [appliedKey]);

  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setDateError(t('audit.dateOrder'));
      document.getElementById('audit-to')?.focus();
      return;
    }
    setDateError(null);
    const next = paths.audit(toQuery(draft) as Record<string, string>);
    if (next === paths.audit(toQuery(applied) as Record<string, string>)) load(draft);
    else navigate(next);
  };
  const reset = () => navigate(paths.audit());

  const text = (key: keyof Filters, label: MessageKey, opts: { type?: string; hint?: MessageKey } = {}) => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{t(label)}</label>
      <input
        id={`audit-${key}`}
        type={opts.type ?? 'text'}
        value={draft[key]}
        aria-describedby={opts.hint ? `audit-${key}-hint` : undefined}
        aria-invalid={key === 'to' && dateError ? true : undefined}
        onChange={(e) => set(key)(e.target.value)}
      />
      {opts.hint ? (
        <p className="hint" id={`audit-${key}-hint`}>
          {t(opts.hint)}
        </p>
      ) : null}
      {key === 'to' && dateError ? <p className="field-error">{dateError}</p> : null}
    </div>
  );

  let statusText = '';
  if (phase === 'loading') statusText = t('audit.loading');
  else if (items && items.length === 0) statusText = t('audit.none');
  else if (items) statusText = t(nextBefore ? 'audit.countMore' : 'audit.count', { n: items.length });

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t('audit.title')}
          </h1>
          <p className="lead">{t('audit.intro')}</p>
        </div>
      </div>
      <search>
        <form className="card filter-form" onSubmit={submit} aria-label={t('audit.filters')} noValidate>
          <div className="filter-grid">
            {text('entityId', 'audit.entityId', { hint: 'audit.entityIdHint' })}
            {text('actor', 'audit.actor', { type: 'email' })}
            <div className="field">
              <label htmlFor="audit-action">{t('audit.action')}</label>
              <select id="audit-action" value={draft.action} onChange={(e) => set('action')(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {actionLabel(t, a)}
                  </option>
                ))}
              </select>
            </div>
            {text('from', 'audit.from', { type: 'date' })}
            {text('to', 'audit.to', { type: 'date' })}
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary">
              {t('audit.submit')}
            </button>
            <button type="button" className="button button--ghost" onClick={reset}>
              {t('audit.reset')}
            </button>
            <a
              className="button"
              href={auditExportUrl(toQuery(applied))}
              download
              aria-describedby="audit-export-hint"
              data-testid="audit-export"
            >
              {t('audit.export')}
            </a>
          </div>
          <p className="hint" id="audit-export-hint">
            {t('audit.exportHint')}
          </p>
        </form>
      </search>

      {error ? <ErrorNotice error={error} onRetry={() => load(applied)} /> : null}

      <section aria-labelledby="audit-results-heading" className="results">
        <h2 id="audit-results-heading" className="visually-hidden">
          {t('audit.results')}
        </h2>
        <p role="status" className="results__status" data-testid="audit-status">
          {statusText}
        </p>
        {items && items.length > 0 ? <AuditTable items={items} /> : null}
        {nextBefore ? (
          <button
            type="button"
            className="button load-more"
            disabled={phase !== 'idle'}
            onClick={() => load(applied, nextBefore)}
          >
            {phase === 'loadingMore' ? t('common.loading') : t('audit.more')}
          </button>
        ) : null}
      </section>
    </div>
  );
}

/** Date and clock time, each kept on one line. */
function When(props: { iso: string }) {
  const { lang } = useI18n();
  const [date, time] = dateTimeParts(props.iso, lang) ?? [props.iso, ''];
  return (
    <time dateTime={props.iso}>
      <span className="nowrap">{date}</span> <span className="nowrap">{time}</span>
    </time>
  );
}

function AuditTable(props: { items: AuditItem[] }) {
  const { t } = useI18n();
  const names = useRegionNames(props.items.flatMap((i) => (i.regionCode ? [i.regionCode] : [])));
  const entity = (item: AuditItem) => {
    const key = `entity.${item.entityType}`;
    const type = isMessageKey(key) ? t(key) : item.entityType;
    if (!item.entityId) return type;
    const href =
      item.entityType === 'worker'
        ? paths.worker(item.entityId)
        : item.entityType === 'import'
          ? paths.importJob(item.entityId)
          : null;
    return (
      <>
        {type}
        <br />
        {href ? (
          <a href={href} className="mono small">
            {item.entityId}
          </a>
        ) : (
          <span className="mono small">{item.entityId}</span>
        )}
      </>
    );
  };
  return (
    <table className="results-table audit-table" data-testid="audit-results">
      <thead>
        <tr>
          <th scope="col">{t('audit.at')}</th>
          <th scope="col">{t('audit.what')}</th>
          <th scope="col">{t('audit.who')}</th>
          <th scope="col">{t('audit.object')}</th>
          <th scope="col">{t('audit.region')}</th>
          <th scope="col">{t('audit.changes')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={item.id}>
            <td data-label={t('audit.at')}>
              <When iso={item.at} />
            </td>
            <th scope="row" data-label={t('audit.what')}>
              {actionLabel(t, item.action)}
            </th>
            <td data-label={t('audit.who')}>
              <span className="break">{item.actor}</span>
              <br />
              <span className="hint">{roleLabel(t, item.actorRole)}</span>
              {item.ip ? <span className="hint"> · {t('audit.origin', { ip: item.ip })}</span> : null}
            </td>
            <td data-label={t('audit.object')}>{entity(item)}</td>
            <td data-label={t('audit.region')}>
              {item.regionCode ? (
                <>
                  {names.get(item.regionCode) ?? item.regionCode}
                  {names.has(item.regionCode) ? (
                    <span className="hint mono small"> {item.regionCode}</span>
                  ) : null}
                </>
              ) : (
                t('common.empty')
              )}
            </td>
            <td data-label={t('audit.changes')}>
              <AuditChanges item={item} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
