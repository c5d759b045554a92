import type { AuditItem } from '../../../src/contracts/access.js';
import { formatDate, formatDateTime } from '../format.js';
import { isMessageKey, type Lang, type Translate, useI18n } from '../i18n.js';

/** 'full_name' → 'fullName': worker events name database columns, user events name API fields. */
const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function auditFieldLabel(t: Translate, key: string): string {
  const c = camel(key);
  for (const candidate of [`field.${c}`, `auditField.${c}`]) {
    if (isMessageKey(candidate)) return t(candidate);
  }
  return key;
}

export function actionLabel(t: Translate, action: string): string {
  const key = `action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

/** A stored value in words: dates as dates, booleans as Ya/Tidak, lists joined; never markup. */
export function auditValue(value: unknown, t: Translate, lang: Lang): string {
  if (value === null || value === undefined || value === '') return t('common.empty');
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(value)) return formatDateTime(value, lang);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, lang);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => auditValue(v, t, lang)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${auditFieldLabel(t, k)}: ${auditValue(v, t, lang)}`)
      .join('; ');
  }
  return String(value);
}

const asRecord = (v: unknown): Record<string, unknown> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** Before and after of one event, field by field, plus its other details. */
export function AuditChanges(props: { item: AuditItem }) {
  const { t, lang } = useI18n();
  const before = asRecord(props.item.before);
  const after = asRecord(props.item.after);
  const details = asRecord(props.item.details);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const detailKeys = Object.keys(details ?? {});
  if (keys.length === 0 && detailKeys.length === 0) {
    return <span className="hint">{t('audit.noDetails')}</span>;
  }
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
                    {auditValue(before[k], t, lang)}
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
                    {auditValue(after[k], t, lang)}
                  </ins>
                ) : null}
              </dd>
            </div>
          );
        })}
        {detailKeys.map((k) => (
          <div className="diff__row" key={`d-${k}`}>
            <dt>{auditFieldLabel(t, k)}</dt>
            <dd>{auditValue(details?.[k], t, lang)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
