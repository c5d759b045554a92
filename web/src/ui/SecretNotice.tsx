import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../app/i18n.js';

/**
 * A temporary password, shown once: it lives only in this component's props, so leaving the page or
 * pressing "Sudah saya catat" forgets it. Focus moves here so the person sees (and hears) it at once.
 */
export function SecretNotice(props: { email: string; secret: string; onDone(): void }) {
  const { t } = useI18n();
  const box = useRef<HTMLElement>(null);
  const [isCopied, setCopied] = useState(false);
  useEffect(() => {
    box.current?.focus();
  }, []);
  const copy = () => {
    navigator.clipboard?.writeText(props.secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section
      className="notice notice--warning secret"
      tabIndex={-1}
      ref={box}
      aria-labelledby="secret-title"
      data-testid="temporary-password"
    >
      <h2 id="secret-title">{t('users.tempTitle', { email: props.email })}</h2>
      <p className="secret__value mono" data-testid="temporary-password-value">
        {props.secret}
      </p>
      <p>{t('users.tempBody')}</p>
      <div className="button-row">
        {typeof navigator !== 'undefined' && navigator.clipboard ? (
          <button type="button" className="button" onClick={copy}>
            {t('users.tempCopy')}
          </button>
        ) : null}
        <button type="button" className="button button--primary" onClick={props.onDone}>
          {t('users.tempDone')}
        </button>
        <span role="status" className="secret__copied">
          {isCopied ? t('users.tempCopied') : ''}
        </span>
      </div>
    </section>
  );
}
