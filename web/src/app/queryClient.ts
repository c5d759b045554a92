import { QueryClient } from '@tanstack/react-query';
import { onMutated } from '../api/api.js';

/**
 * The one cache of what the server answered. Keys start with the resource (`['workers', id]`), so that a
 * change can mark everything showing that resource as stale.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Errors are shown with a "try again" button; a busy server (503) is retried where it is expected.
      retry: false,
      refetchOnWindowFocus: false,
    },
  },
});

/**
 * The shell's keys; each feature keeps its own next to its calls (`workersKeys` in
 * features/workers/api.ts), each starting with the resource it reads.
 */
export const queryKeys = {
  me: ['me'] as const,
  meta: ['meta'] as const,
  regions: (parent: string) => ['regions', parent] as const,
};

/** Every change names the answers it makes stale (`mutation([...], call)` in the feature's api.ts). */
onMutated((stale) => {
  for (const filters of stale) void queryClient.invalidateQueries(filters);
});

/** Signing out (or a session that ended) forgets every answer: they hold personal data. */
export function forgetAll(): void {
  queryClient.clear();
}
