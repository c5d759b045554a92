import { type FormEvent, useRef, useState } from 'react';
import { ApiError } from '../../api/api.js';
import { useI18n } from '../../app/i18n.js';
import { navigate } from '../../app/navigation.js';
import { useSession } from '../../app/session.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { useRegionNames } from '../../ui/ScopePicker.js';
import { importsApi } from './api.js';
import { rememberUpload } from './importUploads.js';
import { importsPaths } from './paths.js';

/** Step 1: the file, and where its rows come from when the user works in more than one region. */
export function ImportUpload() {
  const { t } = useI18n();
  const session = useSession();
  const regions = session.me.user.regionCodes;
  const names = useRegionNames(regions);
  const provinceName = session.meta?.provinceName;
  const nameOf = (code: string) =>
    names.get(code) ?? (code.length === 2 && provinceName ? provinceName : code);
  const file = useRef<HTMLInputElement>(null);
  const [region, setRegion] = useState('');
  const [fileName, setFileName] = useState('');
  const [errors, setErrors] = useState<{ file?: string; region?: string }>({});
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const needsRegion = regions.length > 1;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const chosen = file.current?.files?.[0];
    const found: typeof errors = {};
    if (!chosen) found.file = t('imports.fileMissing');
    if (needsRegion && !region) found.region = t('imports.regionMissing');
    setErrors(found);
    if (found.file) return file.current?.focus();
    if (found.region) return document.getElementById('import-region')?.focus();
    setBusy(true);
    try {
      const uploaded = await importsApi.uploadImport(chosen!, needsRegion ? region : undefined);
      rememberUpload(uploaded);
      navigate(importsPaths.importJob(uploaded.job.id));
    } catch (err) {
      setBusy(false);
      const field =
        err instanceof ApiError ? (err.details as { field?: string } | undefined)?.field : undefined;
      if (field === 'region') setErrors({ region: (err as ApiError).message });
      else setError(err);
    }
  };

  return (
    <form className="card" onSubmit={submit} aria-busy={isBusy} aria-labelledby="upload-title" noValidate>
      <h2 id="upload-title">{t('imports.upload')}</h2>
      {error ? <ErrorNotice error={error} /> : null}
      <div className={`field${errors.file ? ' field--invalid' : ''}`}>
        <label htmlFor="import-file">{t('imports.file')}</label>
        {/* The browser's own file button speaks the browser's language: it stays, for keyboards and
            screen readers, but what shows is a button in the page's language and the chosen file. */}
        <input
          ref={file}
          id="import-file"
          type="file"
          className="visually-hidden file-input"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={
            errors.file
              ? 'import-file-error import-file-name import-file-hint'
              : 'import-file-name import-file-hint'
          }
          onChange={(e) => setFileName(e.target.files?.[0]?.name ?? '')}
        />
        <p className="file-choice">
          <label htmlFor="import-file" className="button" data-testid="import-file-button">
            {t('file.choose')}
          </label>{' '}
          <span id="import-file-name" data-testid="import-file-name">
            {fileName ? t('file.chosen', { name: fileName }) : t('file.none')}
          </span>
        </p>
        {errors.file ? (
          <p className="field-error" id="import-file-error">
            {errors.file}
          </p>
        ) : null}
        <p className="hint" id="import-file-hint">
          {t('imports.fileHint')}
        </p>
      </div>
      {needsRegion ? (
        <div className={`field${errors.region ? ' field--invalid' : ''}`}>
          <label htmlFor="import-region">{t('imports.region')}</label>
          <select
            id="import-region"
            value={region}
            aria-invalid={errors.region ? true : undefined}
            aria-describedby={errors.region ? 'import-region-error import-region-hint' : 'import-region-hint'}
            onChange={(e) => setRegion(e.target.value)}
          >
            <option value="">{t('region.choose')}</option>
            {regions.map((code) => (
              <option key={code} value={code}>
                {nameOf(code)}
              </option>
            ))}
          </select>
          {errors.region ? (
            <p className="field-error" id="import-region-error">
              {errors.region}
            </p>
          ) : null}
          <p className="hint" id="import-region-hint">
            {t('imports.regionHint')}
          </p>
        </div>
      ) : null}
      <button type="submit" className="button button--primary" disabled={isBusy} data-testid="upload-submit">
        {isBusy ? t('imports.uploading') : t('imports.submitUpload')}
      </button>
    </form>
  );
}
