import { type InvalidateQueryFilters, QueryClient } from '@tanstack/react-query';
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
  allocation: (programmeId: string) => ['allocation', programmeId] as const,
  rosters: (programmeId: string) => ['allocation', programmeId, 'rosters'] as const,
  roster: (id: string) => ['rosters', id] as const,
  rosterWorkers: (id: string, after: number) => ['rosters', id, 'workers', after] as const,
  allocationJob: (id: string) => ['allocation-jobs', id] as const,
};

/** The import history only: the job's own page takes the answer of the change and polls from there. */
const IMPORT_HISTORY = { queryKey: ['imports'], exact: true };

/** Which answers each change makes stale. Every change is audited, so the trail is stale after each. */
export const INVALIDATES: Record<Mutation, InvalidateQueryFilters[]> = {
  createWorker: [{ queryKey: ['workers'] }, { queryKey: ['audit'] }],
  updateWorker: [{ queryKey: ['workers'] }, { queryKey: ['audit'] }],
  deactivateWorker: [{ queryKey: ['workers'] }, { queryKey: ['audit'] }],
  uploadImport: [IMPORT_HISTORY, { queryKey: ['audit'] }],
  setImportMapping: [IMPORT_HISTORY, { queryKey: ['audit'] }],
  validateImport: [IMPORT_HISTORY, { queryKey: ['audit'] }],
  commitImport: [
    IMPORT_HISTORY,
    { queryKey: ['workers'] },
    { queryKey: ['duplicates'] },
    { queryKey: ['audit'] },
  ],
  decideDuplicate: [{ queryKey: ['duplicates'] }, { queryKey: ['workers'] }, { queryKey: ['audit'] }],
  createUser: [{ queryKey: ['users'] }, { queryKey: ['audit'] }],
  updateUser: [{ queryKey: ['users'] }, { queryKey: ['audit'] }],
  resetPassword: [{ queryKey: ['users'] }, { queryKey: ['audit'] }],
  changePassword: [{ queryKey: ['audit'] }],
  proposeRoster: [{ queryKey: ['allocation'] }, { queryKey: ['audit'] }],
  approveRoster: [{ queryKey: ['allocation'] }, { queryKey: ['rosters'] }, { queryKey: ['audit'] }],
  rejectRoster: [{ queryKey: ['allocation'] }, { queryKey: ['rosters'] }, { queryKey: ['audit'] }],
};

onMutated((mutation) => {
  for (const filters of INVALIDATES[mutation]) void queryClient.invalidateQueries(filters);
});

/** Signing out (or a session that ended) forgets every answer: they hold personal data. */
export function forgetAll(): void {
  queryClient.clear();
}
