import { useInfiniteQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n.js';
import { usePageHeading } from '../../app/session.js';
import { LoadMore } from '../../ui/LoadMore.js';
import { ErrorNotice } from '../../ui/Notice.js';
import { useRegionNames } from '../../ui/ScopePicker.js';
import { enrolmentsApi, enrolmentsKeys } from './api.js';
import { EnrolmentTable } from './EnrolmentParts.js';

/**
 * A sponsor officer's own view: the workers its programmes pay for (name, masked NIK, regency/city and
 * coverage), and nothing else of the registry — the server answers it no worker record or search.
 */
export function SponsoredWorkersPage() {
  const { t } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('enrol.sponsoredTitle'));
  const pages = useInfiniteQuery({
    queryKey: enrolmentsKeys.sponsored({}),
    queryFn: ({ pageParam }) =>
      enrolmentsApi.sponsoredEnrolments({ limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const regions = useRegionNames([...new Set(rows.map((r) => r.regencyCode))]);
  return (
    <div className="page">
      <h1 ref={heading} tabIndex={-1}>
        {t('enrol.sponsoredTitle')}
      </h1>
      <p className="lead">{t('enrol.sponsoredIntro')}</p>
      {pages.error ? <ErrorNotice error={pages.error} onRetry={() => void pages.refetch()} /> : null}
      {pages.isPending ? (
        <p className="loading" role="status">
          {t('enrol.loading')}
        </p>
      ) : (
        <EnrolmentTable rows={rows} caption={t('enrol.sponsoredTitle')} withProgramme regions={regions} />
      )}
      <LoadMore query={pages} label={t('enrol.more')} />
    </div>
  );
}
