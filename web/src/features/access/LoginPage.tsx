import { type FormEvent, useState } from 'react';
import type { Me } from '../../../../src/contracts/access.js';
import { useI18n } from '../../app/i18n.js';
import { usePageHeading } from '../../app/session.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { accessApi } from './api.js';

export function LoginPage(props: { onSignedIn(me: Me): void }) {
  const { t } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('auth.title'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSignedIn(await accessApi.login(email.trim(), password));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="page page--narrow">
      <h1 ref={heading} tabIndex={-1}>
        {t('auth.title')}
      </h1>
      <p className="lead">{t('auth.intro')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <form className="card form" onSubmit={submit} aria-busy={isBusy}>
        <div className="field">
          <label htmlFor="login-email">{t('auth.email')}</label>
          <input
            id="login-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('auth.password')}</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={isBusy}>
          {isBusy ? t('auth.signingIn') : t('auth.submit')}
        </button>
      </form>
    </div>
  );
}
