/** The answers of a list read page by page (`useInfiniteQuery`): what the pages hold, in order. */
export interface Pages<P> {
  pages: P[];
  pageParams: unknown[];
}

/** Every item of the pages loaded so far, in order. */
export function itemsOf<T>(data: Pages<{ items: T[] }> | undefined): T[] | null {
  return data ? data.pages.flatMap((p) => p.items) : null;
}

/** The pages without the item `id` (one decided in the page), the total counted down with it. */
export function withoutItem<T extends { id: string }, P extends { items: T[]; total: number }>(
  data: Pages<P> | undefined,
  id: string,
): Pages<P> | undefined {
  if (!data) return data;
  const isThere = data.pages.some((p) => p.items.some((i) => i.id === id));
  if (!isThere) return data;
  return {
    ...data,
    pages: data.pages.map((p) => ({
      ...p,
      items: p.items.filter((i) => i.id !== id),
      total: Math.max(0, p.total - 1),
    })),
  };
}

/** The next page of rows listed by row number: after the last row, when the page came back full. */
export function nextRowAfter(page: { row: number }[], pageSize: number): number | undefined {
  return page.length === pageSize ? page.at(-1)?.row : undefined;
}
