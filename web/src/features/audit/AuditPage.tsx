import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { AuditItem } from '../../../../src/contracts/access.js';
import { isMessageKey, type MessageKey, roleLabel, useI18n } from '../../app/i18n.js';
import { navigate, searchString } from '../../app/navigation.js';
import { itemsOf } from '../../app/pages.js';
import { usePageHeading } from '../../app/session.js';
import { type Column, DataTable } from '../../ui/DataTable.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { useRegionNames } from '../../ui/ScopePicker.js';
import { importsPaths } from '../imports/paths.js';
import { workersPaths } from '../workers/paths.js';
import { AuditChanges, actionLabel, regionCodesOf, type Zone, zonedParts } from './AuditChanges.js';
import { type AuditQuery, auditApi, auditExportUrl, auditKeys } from './api.js';
import { actionWords } from './messages.js';
import { auditPaths } from './paths.js';
import { auditRoute } from './routes.js';

const FILTER_KEYS = ['entityId', 'actor', 'action', 'from', 'to'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;
const PAGE_SIZE = 50;

/** Actions offered in the filter; the list shows any other action by its code. */

/** Until the first page arrives; the API names the deployment's zone with every page. */
const DEFAULT_ZONE: Zone = { id: 'Asia/Jakarta', abbr: 'WIB' };

function filtersFrom(search: string): Filters {
  const q = new URLSearchParams(search);
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
  const { t, lang } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('audit.title'));
  // The filter lives in the address, so a worker's page can link to its own trail.
  const appliedKey = searchString(auditRoute.useSearch()).slice(1);
  const applied = filtersFrom(appliedKey);
  const [draft, setDraft] = useState<Filters>(applied);
  const [dateError, setDateError] = useState<string | null>(null);
  // A NIK or name to find a worker's trail by: kept in the page only, never in the address.
  const [person, setPerson] = useState('');
  const [personError, setPersonError] = useState<string | null>(null);
  const [found, setFound] = useState<{ ids: string; labels: string[] } | null>(null);
  const [lookupError, setLookupError] = useState<unknown>(null);
  const trail = useInfiniteQuery({
    queryKey: auditKeys.audit(toQuery(applied)),
    queryFn: ({ pageParam, signal }) =>
      auditApi.audit(
        { ...toQuery(applied), limit: PAGE_SIZE, ...(pageParam ? { before: pageParam } : {}) },
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    // The last list stays on screen while another filter's first page loads.
    placeholderData: keepPreviousData,
  });
  const items = itemsOf(trail.data);
  const zone = trail.data?.pages[0]?.timeZone ?? DEFAULT_ZONE;
  const isLoading = trail.isPending || trail.isPlaceholderData;

  // A link or "back" changes the filter in the address: the form shows it.
  useEffect(() => setDraft(filtersFrom(appliedKey)), [appliedKey]);

  const set = (key: keyof Filters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setDateError(t('audit.dateOrder'));
      document.getElementById('audit-to')?.focus();
      return;
    }
    setDateError(null);
    setPersonError(null);
    setLookupError(null);
    let filters = draft;
    if (person.trim()) {
      // The NIK goes in a request body; only the ids of the workers found go in the address.
      try {
        const { workers } = await auditApi.auditPeople(person.trim());
        if (workers.length === 0) {
          setPersonError(t('audit.personNone'));
          document.getElementById('audit-person')?.focus();
          return;
        }
        const ids = workers.map((w) => w.id).join(',');
        setFound({ ids, labels: workers.map((w) => w.label) });
        filters = { ...draft, entityId: ids };
      } catch (err) {
        setLookupError(err);
        return;
      }
    } else if (found && draft.entityId !== found.ids) setFound(null);
    const next = auditPaths.audit(toQuery(filters) as Record<string, string>);
    // The same filter again: read the trail anew.
    if (next === auditPaths.audit(toQuery(applied) as Record<string, string>)) void trail.refetch();
    else navigate(next);
  };
  const reset = () => {
    setPerson('');
    setFound(null);
    setPersonError(null);
    navigate(auditPaths.audit());
  };

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
  if (isLoading) statusText = t('audit.loading');
  else if (items && items.length === 0) statusText = t('audit.none');
  else if (items) statusText = t(trail.hasNextPage ? 'audit.countMore' : 'audit.count', { n: items.length });

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
            <div className="field">
              <label htmlFor="audit-person">{t('audit.person')}</label>
              <input
                id="audit-person"
                type="search"
                autoComplete="off"
                value={person}
                aria-describedby="audit-person-hint"
                aria-invalid={personError ? true : undefined}
                onChange={(e) => setPerson(e.target.value)}
              />
              <p className="hint" id="audit-person-hint">
                {t('audit.personHint')}
              </p>
              {personError ? <p className="field-error">{personError}</p> : null}
            </div>
            {text('entityId', 'audit.entityId', { hint: 'audit.entityIdHint' })}
            {text('actor', 'audit.actor', { type: 'email' })}
            <div className="field">
              <label htmlFor="audit-action">{t('audit.action')}</label>
              <select id="audit-action" value={draft.action} onChange={(e) => set('action')(e.target.value)}>
                <option value="">{t('common.all')}</option>
                {Object.keys(actionWords(lang)).map((a) => (
                  <option key={a} value={a}>
                    {actionLabel(lang, a)}
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

      {lookupError ? <ErrorNotice error={lookupError} /> : null}
      {trail.error ? <ErrorNotice error={trail.error} onRetry={() => void trail.refetch()} /> : null}

      <section aria-labelledby="audit-results-heading" className="results">
        <h2 id="audit-results-heading" className="visually-hidden">
          {t('audit.results')}
        </h2>
        {found && applied.entityId === found.ids ? (
          <div className="results__status" data-testid="audit-found">
            {t('audit.personFound')}
            <ul>
              {found.labels.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p role="status" className="results__status" data-testid="audit-status">
          {statusText}
        </p>
        {items && items.length > 0 ? <AuditTable items={items} zone={zone} /> : null}
        <LoadMore query={trail} label={t('audit.more')} />
      </section>
    </div>
  );
}

/** Date and clock time in the deployment's zone (WIB, WITA or WIT), each kept on one line. */
function When(props: { iso: string; zone: Zone }) {
  const { lang } = useI18n();
  const [date, time] = zonedParts(props.iso, props.zone, lang) ?? [props.iso, ''];
  return (
    <time dateTime={props.iso}>
      <span className="nowrap">{date}</span> <span className="nowrap">{time}</span>
    </time>
  );
}

function AuditTable(props: { items: AuditItem[]; zone: Zone }) {
  const { t, lang } = useI18n();
  const names = useRegionNames(
    props.items.flatMap((i) => [...(i.regionCode ? [i.regionCode] : []), ...regionCodesOf(i)]),
  );
  const entity = (item: AuditItem) => {
    const key = `entity.${item.entityType}`;
    const type = isMessageKey(key) ? t(key) : item.entityType;
    if (!item.entityId) return type;
    const href =
      item.entityType === 'worker'
        ? workersPaths.worker(item.entityId)
        : item.entityType === 'import'
          ? importsPaths.importJob(item.entityId)
          : null;
    // People read the record's name (a worker's name and masked NIK, an e-mail, a file); the id is
    // kept for those who need it.
    const name = item.entityLabel ?? item.entityId;
    return (
      <>
        {type}
        <br />
        {href ? (
          <a href={href} className={item.entityLabel ? 'break' : 'mono small'}>
            {name}
          </a>
        ) : (
          <span className={item.entityLabel ? 'break' : 'mono small'}>{name}</span>
        )}
        {item.entityLabel ? (
          <>
            <br />
            <span className="hint mono small">{t('audit.recordId', { id: item.entityId })}</span>
          </>
        ) : null}
      </>
    );
  };
  const at = t('audit.atZone', { zone: props.zone.abbr });
  const columns: Column<AuditItem>[] = [
    { key: 'at', header: at, cell: (item) => <When iso={item.at} zone={props.zone} /> },
    { key: 'what', header: t('audit.what'), cell: (item) => actionLabel(lang, item.action) },
    {
      key: 'who',
      header: t('audit.who'),
      cell: (item) => (
        <>
          <span className="break">{item.actor}</span>
          <br />
          <span className="hint">{roleLabel(t, item.actorRole)}</span>
          {item.ip ? <span className="hint"> · {t('audit.origin', { ip: item.ip })}</span> : null}
        </>
      ),
    },
    { key: 'object', header: t('audit.object'), cell: entity },
    {
      key: 'region',
      header: t('audit.region'),
      cell: (item) =>
        item.regionCode ? (
          <>
            {names.get(item.regionCode) ?? item.regionCode}
            {names.has(item.regionCode) ? <span className="hint mono small"> {item.regionCode}</span> : null}
          </>
        ) : (
          t('common.empty')
        ),
    },
    {
      key: 'changes',
      header: t('audit.changes'),
      cell: (item) => <AuditChanges item={item} zone={props.zone} regions={names} />,
    },
  ];
  return (
    <DataTable
      columns={columns}
      rows={props.items}
      rowKey={(item) => String(item.id)}
      rowHeader="what"
      className="audit-table"
      testId="audit-results"
    />
  );
}
