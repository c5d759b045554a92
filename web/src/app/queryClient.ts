import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { type Mutation, onMutated } from '../api/api.js';

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

export const queryKeys = {
  me: ['me'] as const,
  meta: ['meta'] as const,
  worker: (id: string) => ['workers', id] as const,
  workerSearch: (query: object) => ['workers', 'search', query] as const,
  imports: ['imports'] as const,
  importJob: (id: string) => ['imports', id] as const,
  importLayout: (id: string) => ['imports', id, 'layout'] as const,
  duplicates: (jobId: string | undefined) => ['duplicates', jobId ?? null] as const,
  users: ['users'] as const,
  audit: (query: object) => ['audit', query] as const,
  regions: (parent: string) => ['regions', parent] as const,
};

/** Which answers each change makes stale. Every change is audited, so the trail is stale after each. */
export const INVALIDATES: Record<Mutation, QueryKey[]> = {
  createWorker: [['workers'], ['audit']],
  updateWorker: [['workers'], ['audit']],
  deactivateWorker: [['workers'], ['audit']],
  uploadImport: [['imports'], ['audit']],
  setImportMapping: [['imports'], ['audit']],
  validateImport: [['imports'], ['audit']],
  commitImport: [['imports'], ['workers'], ['duplicates'], ['audit']],
  decideDuplicate: [['duplicates'], ['workers'], ['audit']],
  createUser: [['users'], ['audit']],
  updateUser: [['users'], ['audit']],
  resetPassword: [['users'], ['audit']],
  changePassword: [['audit']],
};

onMutated((mutation) => {
  for (const queryKey of INVALIDATES[mutation]) void queryClient.invalidateQueries({ queryKey });
});

/** Signing out (or a session that ended) forgets every answer: they hold personal data. */
export function forgetAll(): void {
  queryClient.clear();
}
