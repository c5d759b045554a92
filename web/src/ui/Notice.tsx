import type { ReactNode } from 'react';
import { ApiError } from '../api/api.js';
import { useI18n } from '../app/i18n.js';

/** The words to show for a failed request: the server's own message, or ours when it could not answer. */
export function useErrorMessage(): (error: unknown) => string {
  const { t } = useI18n();
  return (error) => {
    if (error instanceof ApiError) return error.code === 'NETWORK' ? t('error.network') : error.message;
    return error instanceof Error ? error.message : String(error);
  };
}

/** A failure, announced at once (role="alert"). */
export function ErrorNotice(props: { error: unknown; onRetry?: () => void; children?: ReactNode }) {
  const { t } = useI18n();
  const message = useErrorMessage();
  return (
    <div className="notice notice--error" role="alert" data-testid="error-notice">
      <p>{message(props.error)}</p>
      {props.children}
      {props.onRetry ? (
        <button type="button" className="button" onClick={props.onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** News that does not interrupt ("Tersimpan"); the live region is always present so it is announced. */
export function StatusNotice(props: { children?: ReactNode; tone?: 'success' | 'info'; testId?: string }) {
  return (
    <div role="status" aria-live="polite" data-testid={props.testId}>
      {props.children ? (
        <div className={`notice notice--${props.tone ?? 'success'}`}>{props.children}</div>
      ) : null}
    </div>
  );
}
