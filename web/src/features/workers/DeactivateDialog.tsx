import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type Worker, WorkerDeactivate } from '../../../../src/contracts/workers.js';
import { ApiError, fieldIssues } from '../../api/api.js';
import { useI18n } from '../../app/i18n.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { workersApi } from './api.js';

/** Asks for a reason and a confirmation before a worker is deactivated (records are never deleted). */
export function DeactivateDialog(props: {
  worker: Worker;
  onDone(updated: Worker): void;
  onCancel(): void;
  onConflict(): void;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = WorkerDeactivate.safeParse({ reason, version: props.worker.version });
    if (!parsed.success) {
      setReasonError(parsed.error.issues[0]?.message ?? '');
      return;
    }
    setReasonError(null);
    setError(null);
    setBusy(true);
    try {
      props.onDone(
        await workersApi.deactivateWorker(props.worker.id, parsed.data.reason, parsed.data.version),
      );
    } catch (err) {
      setBusy(false);
      const reasonIssue =
        err instanceof ApiError ? fieldIssues(err).find((i) => i.path[0] === 'reason') : null;
      if (reasonIssue) setReasonError(reasonIssue.message);
      else setError(err);
    }
  };

  const isConflict = error instanceof ApiError && error.code === 'WORKER_VERSION_CONFLICT';
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="deactivate-title"
      aria-describedby="deactivate-body"
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      <form onSubmit={submit} className="form" aria-busy={isBusy} noValidate>
        <h2 id="deactivate-title">{t('deactivate.title')}</h2>
        <p id="deactivate-body">{t('deactivate.body', { name: props.worker.fullName })}</p>
        {error ? (
          <ErrorNotice error={error}>
            {isConflict ? (
              <button type="button" className="button" onClick={props.onConflict}>
                {t('form.conflictReload')}
              </button>
            ) : null}
          </ErrorNotice>
        ) : null}
        <div className="field">
          <label htmlFor="deactivate-reason">
            {t('deactivate.reason')} <span className="required">({t('common.required')})</span>
          </label>
          <textarea
            id="deactivate-reason"
            rows={3}
            maxLength={300}
            required
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={
              reasonError ? 'deactivate-reason-error deactivate-reason-hint' : 'deactivate-reason-hint'
            }
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <p className="hint" id="deactivate-reason-hint">
            {t('deactivate.reasonHint')}
          </p>
          {reasonError ? (
            <p className="field-error" id="deactivate-reason-error">
              {reasonError}
            </p>
          ) : null}
        </div>
        <div className="button-row">
          <button
            type="submit"
            className="button button--danger"
            disabled={isBusy}
            data-testid="confirm-deactivate"
          >
            {t('deactivate.confirm')}
          </button>
          <button type="button" className="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
