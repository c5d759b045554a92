import { useState } from 'react';
import type { AuditItem } from '../../../../src/contracts/access.js';
import { zonedFields } from '../../../../src/domain/timezone.js';
import {
  isMessageKey,
  type Lang,
  occupationLabel,
  roleLabel,
  type Translate,
  useI18n,
} from '../../app/i18n.js';
import { useSession } from '../../app/session.js';
import { formatDate, formatMoney } from '../../ui/format.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { auditApi } from './api.js';
import { actionWords } from './messages.js';

/** The deployment's time zone as the API names it: `{ id: 'Asia/Jakarta', abbr: 'WIB' }`. */
export interface Zone {
  id: string;
  abbr: string;
}

/** An instant in the deployment's zone, as its date and its clock time with the zone: ['4 Desember 2026', '16.05 WIB']. */
export function zonedParts(iso: string, zone: Zone, lang: Lang): [string, string] | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  const p = zonedFields(d, zone.id);
  const sep = lang === 'id' ? '.' : ':';
  return [formatDate(`${p.year}-${p.month}-${p.day}`, lang), `${p.hour}${sep}${p.minute} ${zone.abbr}`];
}

/** 'full_name' → 'fullName': worker events name database columns, user events name API fields. */
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function auditFieldLabel(t: Translate, key: string): string {
  const c = camel(key);
  for (const candidate of [`field.${c}`, `auditField.${c}`]) {
    if (isMessageKey(candidate)) return t(candidate);
  }
  return key;
}

/** An audit action in words, in the chosen language; an action without a label as its code. */
export function actionLabel(lang: Lang, action: string): string {
  const words = actionWords(lang);
  return Object.hasOwn(words, action) ? words[action]! : action;
}

/** Fields that hold region codes, shown by the region's name. */
const isRegionField = (field: string) => /Code$|^regionCodes$/.test(field);

/** The region codes an event mentions in its before/after, to look their names up once per page. */
export function regionCodesOf(item: AuditItem): string[] {
  const codes: string[] = [];
  for (const side of [item.before, item.after]) {
    for (const [k, v] of Object.entries(asRecord(side) ?? {})) {
      if (!isRegionField(camel(k))) continue;
      for (const c of [v].flat()) if (typeof c === 'string' && /^\d{2}(\.\d+)*$/.test(c)) codes.push(c);
    }
  }
  return codes;
}

/**
 * A stored value in words: occupations, roles, sexes, consent methods and regions by their names, money
 * in rupiah, dates as dates, instants in the deployment's zone, booleans as Ya/Tidak, lists joined;
 * never markup. `key` is the field it is of; `regions` the names of region codes, where known.
 */
export function auditValue(
  value: unknown,
  t: Translate,
  lang: Lang,
  zone: Zone,
  key = '',
  regions: ReadonlyMap<string, string> = new Map(),
): string {
  if (value === null || value === undefined || value === '') return t('common.empty');
  const field = camel(key);
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number' && field === 'declaredIncome') return formatMoney(value);
  if (typeof value === 'string') {
    if (field === 'occupation') return occupationLabel(lang, value);
    if (field === 'role') return roleLabel(t, value);
    const coded = field === 'sex' ? `sex.${value}` : field === 'consentMethod' ? `consent.${value}` : null;
    if (coded && isMessageKey(coded)) return t(coded);
    if (isRegionField(field) && regions.has(value)) return `${regions.get(value)} (${value})`;
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value)) {
      return zonedParts(value, zone, lang)?.join(', ') ?? value;
    }
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((v) => auditValue(v, t, lang, zone, key, regions)).join(', ');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${auditFieldLabel(t, k)}: ${auditValue(v, t, lang, zone, k, regions)}`)
      .join('; ');
  }
  return String(value);
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Fields the list shows masked; their full values are shown on request (and that is recorded). */
const MASKED_FIELDS = ['nik', 'phone', 'mother_maiden_name', 'motherMaidenName'];
const hasMasked = (item: AuditItem) =>
  [item.before, item.after].some((side) => {
    const r = asRecord(side);
    return r !== null && MASKED_FIELDS.some((k) => typeof r[k] === 'string' && String(r[k]).includes('*'));
  });

/** Before and after of one event, field by field, plus its other details. */
export function AuditChanges(props: { item: AuditItem; zone: Zone; regions: ReadonlyMap<string, string> }) {
  const { t, lang } = useI18n();
  const session = useSession();
  const [full, setFull] = useState<AuditItem | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const item = full ?? props.item;
  const before = asRecord(item.before);
  const after = asRecord(item.after);
  const details = asRecord(item.details);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const detailKeys = Object.keys(details ?? {});
  if (keys.length === 0 && detailKeys.length === 0) {
    return <span className="hint">{t('audit.noDetails')}</span>;
  }
  const value = (v: unknown, k: string) => auditValue(v, t, lang, props.zone, k, props.regions);
  const showFull = async () => {
    setBusy(true);
    setError(null);
    try {
      setFull(await auditApi.auditFull(props.item.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="audit-changes">
      <summary>{t('audit.showChanges')}</summary>
      <dl className="diff">
        {keys.map((k) => {
          const hasBefore = before !== null && Object.hasOwn(before, k);
          const hasAfter = after !== null && Object.hasOwn(after, k);
          return (
            <div className="diff__row" key={`c-${k}`}>
              <dt>{auditFieldLabel(t, k)}</dt>
              <dd>
                {hasBefore ? (
                  <del className="diff__before">
                    <span className="visually-hidden">{t('audit.before')}: </span>
                    {value(before[k], k)}
                  </del>
                ) : null}
                {hasBefore && hasAfter ? (
                  <span aria-hidden="true" className="diff__arrow">
                    {' → '}
                  </span>
                ) : null}
                {hasAfter ? (
                  <ins className="diff__after">
                    <span className="visually-hidden">{t('audit.after')}: </span>
                    {value(after[k], k)}
                  </ins>
                ) : null}
              </dd>
            </div>
          );
        })}
        {detailKeys.map((k) => (
          <div className="diff__row" key={`d-${k}`}>
            <dt>{auditFieldLabel(t, k)}</dt>
            <dd>{value(details?.[k], k)}</dd>
          </div>
        ))}
      </dl>
      {full ? (
        <p className="hint" role="status">
          {t('audit.fullShown')}
        </p>
      ) : hasMasked(item) && session.can('worker.readFull') ? (
        <>
          <button type="button" className="button button--small" disabled={busy} onClick={showFull}>
            {busy ? t('common.loading') : t('audit.showFull')}
          </button>
          <p className="hint">{t('audit.showFullHint')}</p>
        </>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
    </details>
  );
}
