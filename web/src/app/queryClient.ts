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
  /**
   * What a NIK encodes and whether it can still be registered (not for the record's own NIK): under
   * `workers`, so every change to the registry makes it stale. Memory only, cleared at sign-out.
   */
  nikCheck: (nik: string, isOwn: boolean) => ['workers', 'nik', nik, isOwn] as const,
  imports: ['imports'] as const,
  importJob: (id: string) => ['imports', id] as const,
  importLayout: (id: string) => ['imports', id, 'layout'] as const,
  duplicates: (jobId: string | undefined) => ['duplicates', jobId ?? null] as const,
  /** An import's rows needing attention, of one dry run or commit (`run`), one tab, one finding. */
  importRows: (id: string, run: string, status: string, code: string | null) =>
    ['importRows', id, run, status, code] as const,
  importFindings: (id: string, run: string, status: string) =>
    ['importRows', id, run, 'findings', status] as const,
  users: ['users'] as const,
  sponsors: (includeInactive: boolean) => ['sponsors', includeInactive] as const,
  programmes: ['programmes'] as const,
  programme: (id: string) => ['programmes', id] as const,
  programmeSummary: (id: string) => ['programmes', id, 'summary'] as const,
  audit: (query: object) => ['audit', query] as const,
  regions: (parent: string) => ['regions', parent] as const,
  programmeEnrolments: (id: string, query: object) => ['enrolments', 'programme', id, query] as const,
  workerEnrolments: (workerId: string) => ['enrolments', 'worker', workerId] as const,
  sponsored: (query: object) => ['enrolments', 'sponsored', query] as const,
  allocation: (programmeId: string) => ['allocation', programmeId] as const,
  rosters: (programmeId: string) => ['allocation', programmeId, 'rosters'] as const,
  roster: (id: string) => ['rosters', id] as const,
  rosterWorkers: (id: string) => ['rosters', id, 'workers'] as const,
  allocationJob: (id: string) => ['allocation-jobs', id] as const,
  /** Rate versions and calculations (features/rates): a new version makes both stale. */
  rates: ['rates'] as const,
  calc: (kind: string, query: object) => ['rates', 'calc', kind, query] as const,
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
  validateImport: [IMPORT_HISTORY, { queryKey: ['importRows'] }, { queryKey: ['audit'] }],
  commitImport: [
    IMPORT_HISTORY,
    { queryKey: ['importRows'] },
    { queryKey: ['workers'] },
    { queryKey: ['duplicates'] },
    { queryKey: ['audit'] },
  ],
  decideDuplicate: [{ queryKey: ['duplicates'] }, { queryKey: ['workers'] }, { queryKey: ['audit'] }],
  createUser: [{ queryKey: ['users'] }, { queryKey: ['audit'] }],
  updateUser: [{ queryKey: ['users'] }, { queryKey: ['audit'] }],
  resetPassword: [{ queryKey: ['users'] }, { queryKey: ['audit'] }],
  changePassword: [{ queryKey: ['audit'] }],
  // A sponsor's name shows on its programmes and its officers.
  createSponsor: [{ queryKey: ['sponsors'] }, { queryKey: ['audit'] }],
  updateSponsor: [
    { queryKey: ['sponsors'] },
    { queryKey: ['programmes'] },
    { queryKey: ['users'] },
    { queryKey: ['audit'] },
  ],
  setSponsorActive: [{ queryKey: ['sponsors'] }, { queryKey: ['audit'] }],
  createProgramme: [{ queryKey: ['programmes'] }, { queryKey: ['audit'] }],
  updateProgramme: [{ queryKey: ['programmes'] }, { queryKey: ['audit'] }],
  setProgrammeStatus: [{ queryKey: ['programmes'] }, { queryKey: ['audit'] }],
  endEnrolment: [{ queryKey: ['enrolments'] }, { queryKey: ['audit'] }],
  importEnrolmentResponse: [{ queryKey: ['enrolments'] }, { queryKey: ['audit'] }],
  proposeRoster: [{ queryKey: ['allocation'] }, { queryKey: ['audit'] }],
  approveRoster: [{ queryKey: ['allocation'] }, { queryKey: ['rosters'] }, { queryKey: ['audit'] }],
  rejectRoster: [{ queryKey: ['allocation'] }, { queryKey: ['rosters'] }, { queryKey: ['audit'] }],
  // A new rate version may change programmes' costs too.
  addRateVersion: [{ queryKey: ['rates'] }, { queryKey: ['allocation'] }, { queryKey: ['audit'] }],
};

onMutated((mutation) => {
  for (const filters of INVALIDATES[mutation]) void queryClient.invalidateQueries(filters);
});

/** Signing out (or a session that ended) forgets every answer: they hold personal data. */
export function forgetAll(): void {
  queryClient.clear();
}
