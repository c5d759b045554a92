import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { NikCheck } from '../../../../src/contracts/nik.js';
import type { Worker } from '../../../../src/contracts/workers.js';
import { ApiError, fieldIssues } from '../../api/api.js';
import { useI18n } from '../../app/i18n.js';
import { navigate, setFlash } from '../../app/navigation.js';
import { usePageHeading } from '../../app/session.js';
import { ErrorSummary } from '../../ui/ErrorSummary.js';
import { isoToDayMonthYear } from '../../ui/format.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { workersApi, workersKeys } from './api.js';
import { workersPaths } from './paths.js';
import { WorkerFields } from './WorkerFields.js';
import {
  EMPTY_FORM,
  errorsFromIssues,
  type FieldErrors,
  formFromWorker,
  validateCreate,
  validatePatch,
  type WorkerFormState,
} from './workerForm.js';

/** `#/workers/new` registers a worker; `#/workers/:id/edit` changes one (sending the version it loaded). */
/** The page at `#/workers/new` and `#/workers/:id/edit`; each address starts a fresh form. */
export function WorkerFormRoute(): ReactNode {
  const { id } = useParams({ strict: false });
  return id ? <WorkerFormPage key={`edit-${id}`} id={id} /> : <WorkerFormPage key="new" />;
}

export function WorkerFormPage(props: { id?: string }) {
  const { t, lang } = useI18n();
  const isEdit = props.id !== undefined;
  const title = t(isEdit ? 'form.editTitle' : 'form.newTitle');
  const heading = usePageHeading<HTMLHeadingElement>(title);
  const [loaded, setLoaded] = useState<{ worker: Worker; original: WorkerFormState } | null>(null);
  const [form, setForm] = useState<WorkerFormState>(EMPTY_FORM);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const [isConflict, setConflict] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const [isPrefilled, setPrefilled] = useState(false);
  const [failedSaves, setFailedSaves] = useState(0);
  const conflictBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (isConflict) conflictBox.current?.focus();
  }, [isConflict]);
  const formRef = useRef(form);
  useEffect(() => {
    formRef.current = form;
  }, [form]);

  // The record as the server has it now; the form is filled from it once (and again on "reload").
  const record = useQuery({
    queryKey: workersKeys.worker(props.id ?? ''),
    queryFn: () => workersApi.worker(props.id ?? ''),
    enabled: isEdit,
  });
  const fill = useCallback((worker: Worker) => {
    const original = formFromWorker(worker);
    setLoaded({ worker, original });
    setForm(original);
    setErrors({});
    setSubmitError(null);
    setConflict(false);
  }, []);
  // A cached answer (from the worker's page) is refreshed first: editing starts from the latest version.
  useEffect(() => {
    if (!loaded && record.data && !record.isFetching) fill(record.data);
  }, [loaded, record.data, record.isFetching, fill]);
  const reload = async () => {
    const fresh = await record.refetch();
    if (fresh.data) fill(fresh.data);
  };
  const loadError = record.error;

  /** A field changed since the last submit: its old complaint no longer applies. */
  const errorsRef = useRef(errors);
  useEffect(() => {
    errorsRef.current = errors;
  }, [errors]);
  const clearErrors = useCallback((keys: string[]) => {
    const prev = errorsRef.current;
    if (!keys.some((k) => k in prev)) return;
    const next = { ...prev };
    for (const k of keys) delete next[k];
    errorsRef.current = next;
    setErrors(next);
    // The summary's message was about those fields; with none left it has nothing to say.
    if (Object.keys(next).length === 0) setSubmitError(null);
  }, []);

  // Sex and birth date follow from a valid NIK: fill them in when still empty, never overwrite.
  const onNikChecked = useCallback(
    (check: NikCheck) => {
      const f = formRef.current;
      const fill: Partial<WorkerFormState> = {};
      if (check.sex && !f.sex) fill.sex = check.sex;
      if (check.birthDate && !f.birthDate) fill.birthDate = isoToDayMonthYear(check.birthDate);
      if (Object.keys(fill).length > 0) {
        setForm((prev) => ({ ...prev, ...fill }));
        clearErrors(Object.keys(fill));
        setPrefilled(true);
      }
    },
    [clearErrors],
  );

  const update = useCallback(
    <K extends keyof WorkerFormState>(key: K, value: WorkerFormState[K]) => {
      setForm((prev) => ({ ...prev, [key]: value }));
      clearErrors(
        key === 'consentMethod' ? ['consent.method'] : key === 'consentGivenAt' ? ['consent.givenAt'] : [key],
      );
    },
    [clearErrors],
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (isBusy) return;
    setSubmitError(null);
    setConflict(false);
    const showInvalid = (found: FieldErrors) => {
      errorsRef.current = found;
      setErrors(found);
      setFailedSaves((n) => n + 1);
    };
    let save: () => Promise<Worker>;
    if (loaded) {
      const { worker, original } = loaded;
      const result = validatePatch(form, original, worker.version, t, lang);
      if (!result.ok) return showInvalid(result.errors);
      if (Object.keys(result.body).length === 1) {
        setFlash(workersPaths.worker(worker.id), { kind: 'noChanges' });
        return navigate(workersPaths.worker(worker.id));
      }
      save = () => workersApi.updateWorker(worker.id, result.body);
    } else {
      const result = validateCreate(form, t, lang);
      if (!result.ok) return showInvalid(result.errors);
      save = () => workersApi.createWorker(result.body);
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await save();
      setFlash(workersPaths.worker(saved.id), {
        kind: 'saved',
        ...(saved.warnings ? { warnings: saved.warnings } : {}),
      });
      navigate(workersPaths.worker(saved.id));
    } catch (err) {
      setBusy(false);
      if (!(err instanceof ApiError)) throw err;
      if (err.code === 'WORKER_VERSION_CONFLICT') {
        setConflict(true);
        return;
      }
      setSubmitError(err);
      showInvalid(errorsFromIssues(fieldIssues(err), lang));
    }
  };

  const cancelHref = loaded ? workersPaths.worker(loaded.worker.id) : workersPaths.workers();
  return (
    <div className="page">
      <p className="breadcrumb">
        <a href={cancelHref}>← {loaded ? loaded.worker.fullName : t('common.back')}</a>
      </p>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {loadError ? <ErrorNotice error={loadError} onRetry={() => void record.refetch()} /> : null}
      {isEdit && !loaded && !loadError ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {isConflict ? (
        <div
          className="notice notice--error"
          role="alert"
          tabIndex={-1}
          ref={conflictBox}
          data-testid="conflict"
        >
          <p>
            {t('form.conflictTitle')} {t('form.conflictNote')}
          </p>
          <button type="button" className="button" onClick={() => void reload()}>
            {t('form.conflictReload')}
          </button>
        </div>
      ) : null}
      <ErrorSummary errors={errors} message={submitError?.message ?? null} attempt={failedSaves} />
      {!isEdit || loaded ? (
        <form className="form worker-form" onSubmit={submit} noValidate aria-busy={isBusy}>
          <WorkerFields
            form={form}
            errors={errors}
            update={update}
            isEdit={isEdit}
            onNikChecked={onNikChecked}
            nikNote={isPrefilled ? t('nik.prefilled') : null}
            ownNik={loaded?.worker.nik}
          />
          <div className="form-actions form-actions--sticky">
            <button
              type="submit"
              className="button button--primary"
              disabled={isBusy}
              data-testid="save-worker"
            >
              {isBusy ? t('form.saving') : t('form.save')}
            </button>
            <a className="button" href={cancelHref}>
              {t('common.cancel')}
            </a>
          </div>
        </form>
      ) : null}
    </div>
  );
}
