import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../app/i18n.js';
import { ErrorNotice } from './Notice.js';

/** Opens a native modal dialog for as long as the component is mounted (focus is kept inside by the browser). */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  return ref;
}

/**
 * "Are you sure?" before an action that changes someone's data. The action runs here so a failure is shown
 * in the dialog, next to the button that caused it; on success the caller closes it.
 */
export function ConfirmDialog(props: {
  id: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  onConfirm(): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const dialog = useModal();
  const cancel = useRef<HTMLButtonElement>(null);
  // Before something that cannot simply be undone, Enter should not confirm by accident: start on "Batal".
  useEffect(() => {
    if (props.tone === 'danger') cancel.current?.focus();
  }, [props.tone]);
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={`${props.id}-title`}
      aria-describedby={`${props.id}-body`}
      data-testid={props.id}
      onCancel={(e) => {
        e.preventDefault();
        if (!isBusy) props.onCancel();
      }}
    >
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div id={`${props.id}-body`} className="dialog__body">
        {props.children}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="button-row">
        <button
          type="button"
          className={`button button--${props.tone ?? 'primary'}`}
          disabled={isBusy}
          aria-busy={isBusy}
          onClick={confirm}
        >
          {props.confirmLabel}
        </button>
        <button type="button" className="button" ref={cancel} disabled={isBusy} onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
