import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n.js';
import { ErrorNotice } from './Notice.js';

/**
 * A list read in one request: its error (with a retry), "loading" while it comes, then a section named
 * by a heading for screen readers, with the number of rows above what `children` draws of them.
 */
export function QueryList<Row>(props: {
  query: { data?: Row[] | undefined; error: unknown; isPending: boolean; refetch(): unknown };
  id: string;
  heading: string;
  count(n: number): string;
  children(rows: Row[]): ReactNode;
}) {
  const { t } = useI18n();
  const { data, error, isPending } = props.query;
  return (
    <>
      {error ? <ErrorNotice error={error} onRetry={() => void props.query.refetch()} /> : null}
      {isPending ? (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      ) : null}
      {data ? (
        <section aria-labelledby={`${props.id}-heading`}>
          <h2 id={`${props.id}-heading`} className="visually-hidden">
            {props.heading}
          </h2>
          <p className="results__status">{props.count(data.length)}</p>
          {props.children(data)}
        </section>
      ) : null}
    </>
  );
}
