import { useEffect, useRef } from 'react';
import { type MessageKey, useI18n } from '../app/i18n.js';
import type { FieldErrors } from '../features/workers/workerForm.js';

const LABELS: Record<string, MessageKey> = {
  nik: 'field.nik',
  fullName: 'field.fullName',
  sex: 'field.sex',
  birthPlace: 'field.birthPlace',
  birthDate: 'field.birthDate',
  motherMaidenName: 'field.motherMaidenName',
  phone: 'field.phone',
  address: 'field.address',
  domicileCode: 'field.domicile',
  occupation: 'field.occupation',
  declaredIncome: 'field.declaredIncome',
  vulnerability: 'field.vulnerability',
  consent: 'field.consent',
  'consent.method': 'field.consentMethod',
  'consent.givenAt': 'field.consentGivenAt',
  consentConfirmed: 'field.consent',
  version: 'field.version',
};

/** The element to put the cursor in for a field key. */
export function controlIdFor(key: string): string {
  if (key === 'sex') return 'worker-sex-L';
  if (key === 'domicileCode') return 'worker-domicile-regency';
  if (key.startsWith('vulnerability')) return 'worker-inWelfareRegister';
  if (key.startsWith('consent.')) return `worker-consent${key[8]!.toUpperCase()}${key.slice(9)}`;
  return `worker-${key}`;
}

/**
 * Every problem in one list at the top of the form, focused after a failed save; each entry moves the
 * cursor to its field. The message of the server (if any) comes first.
 */
export function ErrorSummary(props: {
  errors: FieldErrors;
  message: string | null;
  /** Counts failed saves: each brings the list into view and to the keyboard (fixing a field does not). */
  attempt: number;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const entries = Object.entries(props.errors);
  const isVisible = entries.length > 0 || Boolean(props.message);
  const isVisibleRef = useRef(isVisible);
  isVisibleRef.current = isVisible;
  useEffect(() => {
    if (props.attempt > 0 && isVisibleRef.current) box.current?.focus();
  }, [props.attempt]);
  if (!isVisible) return null;
  const labelOf = (key: string) => {
    const k = LABELS[key] ?? LABELS[key.split('.')[0] ?? ''];
    return k ? t(k) : null;
  };
  return (
    <div
      className="notice notice--error error-summary"
      role="alert"
      tabIndex={-1}
      ref={box}
      data-testid="error-summary"
    >
      {/* The server's summary repeats its first field problem: show it only when no field is named. */}
      {props.message && entries.length === 0 ? <p>{props.message}</p> : null}
      {entries.length > 0 ? (
        <>
          <p>
            <strong>{t('error.summary')}</strong>
          </p>
          <ul>
            {entries.map(([key, message]) => {
              const label = labelOf(key);
              return (
                <li key={key}>
                  {label ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => document.getElementById(controlIdFor(key))?.focus()}
                    >
                      {label}
                    </button>
                  ) : null}
                  {label ? ': ' : ''}
                  {message}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </div>
  );
}
