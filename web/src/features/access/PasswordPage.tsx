import { type FormEvent, useState } from 'react';
import { useI18n } from '../../app/i18n.js';
import { usePageHeading } from '../../app/session.js';
import { Field } from '../../ui/Field.js';
import { useFieldErrors } from '../../ui/form.js';
import { ErrorNotice, StatusNotice } from '../../ui/Notice.js';
import { accessApi } from './api.js';

type Key = 'currentPassword' | 'newPassword' | 'confirm';
const MIN_LENGTH = 10;
const KEYS: Key[] = ['currentPassword', 'newPassword', 'confirm'];
const focusOf = (key: Key) => document.getElementById(`password-${key}`);

export function PasswordPage() {
  const { t } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('password.title'));
  const [values, setValues] = useState<Record<Key, string>>({
    currentPassword: '',
    newPassword: '',
    confirm: '',
  });
  const { errors, show: showErrors, showServerError } = useFieldErrors(KEYS, focusOf);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const [isDone, setDone] = useState(false);

  const set = (key: Key) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    setError(null);
    const found: Partial<Record<Key, string>> = {};
    if (!values.currentPassword) found.currentPassword = t('form.required');
    if (values.newPassword.length < MIN_LENGTH) found.newPassword = t('password.tooShort');
    if (values.confirm !== values.newPassword) found.confirm = t('password.mismatch');
    if (showErrors(found)) return;
    setBusy(true);
    try {
      await accessApi.changePassword(values.currentPassword, values.newPassword);
      setValues({ currentPassword: '', newPassword: '', confirm: '' });
      setDone(true);
    } catch (err) {
      // Only the two passwords can be wrong on the server's side.
      if (!showServerError(err)) setError(err);
    } finally {
      setBusy(false);
    }
  };

  const input = (key: Key, label: string, autoComplete: string, hint?: string) => (
    <Field id={`password-${key}`} label={label} isRequired error={errors[key]} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete={autoComplete}
          value={values[key]}
          onChange={(e) => set(key)(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <div className="page page--narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('password.title')}
      </h1>
      <p className="lead">{t('password.intro')}</p>
      <StatusNotice testId="password-done">{isDone ? <p>{t('password.done')}</p> : null}</StatusNotice>
      {error ? <ErrorNotice error={error} /> : null}
      <form className="card form" onSubmit={submit} aria-busy={isBusy} noValidate>
        {input('currentPassword', t('password.current'), 'current-password')}
        {input('newPassword', t('password.new'), 'new-password', t('password.newHint'))}
        {input('confirm', t('password.confirm'), 'new-password')}
        <button type="submit" className="button button--primary" disabled={isBusy}>
          {isBusy ? t('password.saving') : t('password.submit')}
        </button>
      </form>
    </div>
  );
}
