import { type FormEvent, useRef, useState } from 'react';
import { IMPORT_FIELDS } from '../../../../src/domain/import/headers.js';
import { importFieldText, useI18n } from '../../app/i18n.js';
import { type Column, DataTable } from '../../ui/DataTable.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { type ImportJob, type ImportUploaded, importsApi } from './api.js';

/** Fields without which every row is rejected; a hint, not a block (the server decides per row). */
const ADVISED: { field: string; alternatives: string[] }[] = [
  { field: 'fullName', alternatives: ['fullName'] },
  { field: 'sex', alternatives: ['sex'] },
  { field: 'birthDate', alternatives: ['birthDate', 'birthPlaceAndDate'] },
  { field: 'district', alternatives: ['district', 'village', 'villageCode'] },
];

const norm = (s: string) => s.trim().toLowerCase();

/**
 * The key the server reads a column by: its header text, or its position when the text cannot name it
 * alone (empty, repeated, or only digits, which the server would read as a position).
 */
function columnKeys(header: string[]): string[] {
  const seen = new Map<string, number>();
  for (const h of header) seen.set(norm(h), (seen.get(norm(h)) ?? 0) + 1);
  return header.map((h, i) =>
    h.trim() && !/^\d+$/.test(h.trim()) && seen.get(norm(h)) === 1 ? h : String(i),
  );
}

/** Step 2: one row per column of the file, with sample values and the Payung field it fills. */
export function ImportMapping(props: {
  job: ImportJob;
  upload: ImportUploaded;
  onStarted(job: ImportJob): void;
}) {
  const { t, lang } = useI18n();
  const { header, sample, unmapped } = props.upload;
  const [choice, setChoice] = useState<string[]>(() => {
    const byIndex = header.map(() => '');
    for (const [field, index] of Object.entries(props.job.mapping ?? {})) {
      if (index >= 0 && index < header.length) byIndex[index] = field;
    }
    return byIndex;
  });
  const [save, setSave] = useState(false);
  const [saveName, setSaveName] = useState(() => props.job.fileName.replace(/\.[^.]+$/, '').slice(0, 80));
  const [problems, setProblems] = useState<string[]>([]);
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const columnName = (i: number) => header[i]?.trim() || t('mapping.columnN', { n: i + 1 });
  const label = (field: string) => importFieldText(lang, field).label;
  const chosen = new Set(choice.filter(Boolean));
  const missing = ADVISED.filter((a) => !a.alternatives.some((f) => chosen.has(f))).map((a) =>
    label(a.field),
  );
  const unrecognised = new Set(unmapped.map((u) => u.index));

  const check = (): string[] => {
    const found: string[] = [];
    if (!chosen.has('nik')) found.push(t('mapping.nikMissing'));
    for (const field of chosen) {
      const columns = choice.flatMap((f, i) => (f === field ? [columnName(i)] : []));
      if (columns.length > 1)
        found.push(t('mapping.twice', { field: label(field), columns: columns.join(', ') }));
    }
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const found = check();
    const badName = save && saveName.trim().length < 2 ? t('mapping.saveNameHint') : null;
    setProblems(found);
    setNameError(badName);
    if (found.length > 0) {
      summary.current?.focus();
      return;
    }
    if (badName) {
      document.getElementById('mapping-save-name')?.focus();
      return;
    }
    setBusy(true);
    try {
      const keys = columnKeys(header);
      const mapping = Object.fromEntries(keys.map((k, i) => [k, choice[i] || 'ignore']));
      await importsApi.setImportMapping(props.job.id, mapping, save ? saveName.trim() : undefined);
      props.onStarted(await importsApi.validateImport(props.job.id));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  // One row per column of the file (its position: columns never move).
  const columns: Column<number>[] = [
    {
      key: 'column',
      header: t('mapping.column'),
      cell: (i) => (
        <>
          {columnName(i)}
          {unrecognised.has(i) && !choice[i] ? (
            <span className="badge badge--warning">{t('mapping.unrecognised')}</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'sample',
      header: t('mapping.sample'),
      cell: (i) => {
        const values = sample
          .map((s) => s.cells[i])
          .filter((v): v is string => Boolean(v?.trim()))
          .slice(0, 3);
        return values.length ? (
          <ul className="sample-values">
            {values.map((v, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: sample values may repeat
              <li key={j}>{v}</li>
            ))}
          </ul>
        ) : (
          <span className="hint">{t('mapping.empty')}</span>
        );
      },
    },
    {
      key: 'field',
      header: t('mapping.field'),
      cell: (i) => {
        const field = choice[i] ?? '';
        const isRepeated = Boolean(field) && choice.filter((f) => f === field).length > 1;
        return (
          <>
            <label className="visually-hidden" htmlFor={`mapping-${i}`}>
              {t('mapping.fieldFor', { column: columnName(i) })}
            </label>
            <select
              id={`mapping-${i}`}
              value={field}
              aria-invalid={isRepeated || undefined}
              aria-describedby={field ? `mapping-${i}-hint` : undefined}
              onChange={(e) => setChoice((c) => c.map((f, j) => (j === i ? e.target.value : f)))}
            >
              <option value="">{t('mapping.ignore')}</option>
              {IMPORT_FIELDS.map((f) => (
                <option key={f.field} value={f.field}>
                  {label(f.field)}
                </option>
              ))}
            </select>
            {field ? (
              <p className="hint" id={`mapping-${i}-hint`}>
                {importFieldText(lang, field).hint}
              </p>
            ) : null}
          </>
        );
      },
    },
  ];
  return (
    <form
      onSubmit={submit}
      aria-busy={isBusy}
      noValidate
      aria-labelledby="mapping-title"
      data-testid="mapping"
    >
      <h2 id="mapping-title" tabIndex={-1}>
        {t('mapping.title')}
      </h2>
      <p>{t('mapping.intro')}</p>
      {props.upload.usedSavedMapping ? <p className="notice notice--info">{t('mapping.saved')}</p> : null}
      {problems.length > 0 ? (
        <div
          className="notice notice--error"
          role="alert"
          tabIndex={-1}
          ref={summary}
          data-testid="mapping-errors"
        >
          <p>
            <strong>{t('error.summary')}</strong>
          </p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      <DataTable columns={columns} rows={header.map((_, i) => i)} rowKey={String} className="mapping-table" />
      {missing.length > 0 ? (
        <p className="notice notice--warning" data-testid="mapping-advice">
          {t('mapping.advice', { fields: missing.join(', ') })}
        </p>
      ) : null}
      <div className="card">
        <label className="choice">
          <input
            type="checkbox"
            checked={save}
            onChange={(e) => setSave(e.target.checked)}
            aria-describedby="mapping-save-hint"
          />
          {t('mapping.save')}
        </label>
        <p className="hint" id="mapping-save-hint">
          {t('mapping.saveHint')}
        </p>
        {save ? (
          <div className={`field field--inset${nameError ? ' field--invalid' : ''}`}>
            <label htmlFor="mapping-save-name">{t('mapping.saveName')}</label>
            <input
              id="mapping-save-name"
              maxLength={80}
              value={saveName}
              aria-invalid={nameError ? true : undefined}
              aria-describedby="mapping-save-name-hint"
              onChange={(e) => setSaveName(e.target.value)}
            />
            <p className={nameError ? 'field-error' : 'hint'} id="mapping-save-name-hint">
              {t('mapping.saveNameHint')}
            </p>
          </div>
        ) : null}
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={isBusy}
          data-testid="mapping-submit"
        >
          {isBusy ? t('mapping.submitting') : t('mapping.submit')}
        </button>
      </div>
    </form>
  );
}

/** After a reload the file's headers are gone: show the stored mapping and offer to check with it. */
export function StoredMapping(props: { job: ImportJob; onStarted(job: ImportJob): void }) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const entries = Object.entries(props.job.mapping ?? {}).sort((a, b) => a[1] - b[1]);
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      props.onStarted(await importsApi.validateImport(props.job.id));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="mapping-title">
      <h2 id="mapping-title" tabIndex={-1}>
        {t('mapping.current')}
      </h2>
      <p className="notice notice--info">{t('mapping.lost')}</p>
      {error ? <ErrorNotice error={error} /> : null}
      <dl className="facts card">
        {entries.map(([field, index]) => (
          <div className="fact" key={field}>
            <dt>{importFieldText(lang, field).label}</dt>
            <dd>{t('mapping.columnIndex', { n: index + 1 })}</dd>
          </div>
        ))}
      </dl>
      <button type="button" className="button button--primary" disabled={isBusy} onClick={start}>
        {t('mapping.validateAsIs')}
      </button>
    </section>
  );
}
