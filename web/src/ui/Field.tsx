import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';

/** What an input needs to be tied to its label, hint and error. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

/** A labelled form field: label, the control, a hint and the error for it, all tied together by ids. */
export function Field(props: {
  id: string;
  label: string;
  isRequired?: boolean;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children(control: ControlProps): ReactNode;
}) {
  const { t } = useI18n();
  const hintId = props.hint ? `${props.id}-hint` : '';
  const errorId = props.error ? `${props.id}-error` : '';
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  return (
    <div className={`field${props.error ? ' field--invalid' : ''} ${props.className ?? ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.isRequired ? <span className="required"> ({t('common.required')})</span> : null}
      </label>
      {props.children({
        id: props.id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(props.error ? { 'aria-invalid': true as const } : {}),
        ...(props.isRequired ? { 'aria-required': true as const } : {}),
      })}
      {props.error ? (
        <p className="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
      {props.hint ? (
        <div className="hint" id={hintId}>
          {props.hint}
        </div>
      ) : null}
    </div>
  );
}

/** A labelled one-line text input (`Field` around an `<input>`), the browser's autofill off. */
export function TextField(props: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  isRequired?: boolean;
  error?: string | undefined;
  type?: 'text' | 'email' | 'tel';
  maxLength?: number;
}) {
  return (
    <Field id={props.id} label={props.label} isRequired={props.isRequired} error={props.error}>
      {(control) => (
        <input
          {...control}
          type={props.type ?? 'text'}
          autoComplete="off"
          maxLength={props.maxLength}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
