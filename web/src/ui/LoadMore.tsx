import { useI18n } from '../app/i18n.js';

/** What a list read page by page (`useInfiniteQuery`) tells its "show more" button. */
interface PagedQuery {
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The "show more" button under a list read page by page: shown while there is a next page, disabled
 * while the list is being read, "Memuat…" while the next page comes. `onMore` runs first (e.g. to move
 * the focus to the first new row once it arrives).
 */
export function LoadMore(props: { query: PagedQuery; label: string; onMore?: () => void }) {
  const { t } = useI18n();
  const { query } = props;
  if (!query.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button load-more"
      disabled={query.isFetching}
      onClick={() => {
        props.onMore?.();
        void query.fetchNextPage();
      }}
    >
      {query.isFetchingNextPage ? t('common.loading') : props.label}
    </button>
  );
}
