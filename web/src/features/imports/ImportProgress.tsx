import { type MessageKey, useI18n } from '../../app/i18n.js';
import { formatNumber } from '../../ui/format.js';

export type StepKey = 'upload' | 'mapping' | 'validate' | 'import' | 'done';
const STEPS: StepKey[] = ['upload', 'mapping', 'validate', 'import', 'done'];

/** Where the import stands: five steps, the current one marked for eyes and screen readers. */
export function ImportSteps(props: { current: StepKey }) {
  const { t } = useI18n();
  const at = STEPS.indexOf(props.current);
  return (
    <ol className="steps" aria-label={t('step.label')}>
      {STEPS.map((s, i) => (
        <li
          key={s}
          className={`steps__item${i < at ? ' steps__item--done' : ''}${i === at ? ' steps__item--current' : ''}`}
          aria-current={i === at ? 'step' : undefined}
        >
          <span className="steps__number" aria-hidden="true">
            {i < at ? '✓' : i + 1}
          </span>
          <span className="steps__name">{t(`step.${s}` as MessageKey)}</span>
        </li>
      ))}
    </ol>
  );
}

/**
 * Rows processed so far. With a known total the bar fills; without one (the first check of a file) it
 * moves and the count says how far it got.
 */
export function ImportProgress(props: {
  phase: 'validating' | 'importing';
  rows: number;
  total: number | null;
}) {
  const { t } = useI18n();
  const total = props.total && props.total > 0 ? props.total : null;
  const rows = total ? Math.min(props.rows, total) : props.rows;
  const text = total
    ? t('progress.rowsOf', { n: formatNumber(rows), total: formatNumber(total) })
    : t('progress.rows', { n: formatNumber(rows) });
  const label = t(props.phase === 'validating' ? 'progress.validating' : 'progress.importing');
  return (
    <div className="progress-block card" id="import-progress" tabIndex={-1} data-testid="import-progress">
      <p id="import-progress-label" className="progress-block__label">
        {label}
      </p>
      <div
        className={`progress${total ? '' : ' progress--indeterminate'}`}
        role="progressbar"
        aria-labelledby="import-progress-label"
        aria-valuemin={0}
        aria-valuenow={rows}
        {...(total ? { 'aria-valuemax': total } : {})}
        aria-valuetext={text}
      >
        <div className="progress__bar" style={total ? { width: `${(rows / total) * 100}%` } : undefined} />
      </div>
      <p className="hint" data-testid="import-progress-rows">
        {text}
      </p>
    </div>
  );
}
