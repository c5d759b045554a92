import { type Answer, mutation, queryString, request } from '../../api/api.js';

export type AllocationOverview = Answer<'/programmes/{id}/allocation', 'get'>;
export type Simulation = Answer<'/programmes/{id}/simulation', 'post'>;
export type AllocationJob = Answer<'/allocation-jobs/{id}', 'get'>;
export type Roster = Answer<'/rosters/{id}', 'get'>;
export type RosterListPage = Answer<'/programmes/{id}/rosters', 'get'>;
export type RosterWorkerPage = Answer<'/rosters/{id}/workers', 'get'>;
export type WorkerEligibility = Answer<'/programmes/{id}/workers/{workerId}/eligibility', 'get'>;

export const allocationKeys = {
  allocation: (programmeId: string) => ['allocation', programmeId] as const,
  rosters: (programmeId: string) => ['allocation', programmeId, 'rosters'] as const,
  roster: (id: string) => ['rosters', id] as const,
  rosterWorkers: (id: string) => ['rosters', id, 'workers'] as const,
  allocationJob: (id: string) => ['allocation-jobs', id] as const,
};

const ROSTER_DECIDED = [{ queryKey: ['allocation'] }, { queryKey: ['rosters'] }, { queryKey: ['audit'] }];

export const allocationApi = {
  allocation: (programmeId: string) =>
    request<AllocationOverview>('GET', `/programmes/${encodeURIComponent(programmeId)}/allocation`),
  simulate: (programmeId: string, budgets: number[]) =>
    request<Simulation>('POST', `/programmes/${encodeURIComponent(programmeId)}/simulation`, {
      body: { budgets },
    }),
  eligibility: (programmeId: string, workerId: string) =>
    request<WorkerEligibility>(
      'GET',
      `/programmes/${encodeURIComponent(programmeId)}/workers/${encodeURIComponent(workerId)}/eligibility`,
    ),
  proposeRoster: mutation(
    [{ queryKey: ['allocation'] }, { queryKey: ['audit'] }],
    (programmeId: string, budget?: number) =>
      request<AllocationJob>('POST', `/programmes/${encodeURIComponent(programmeId)}/rosters`, {
        body: budget === undefined ? {} : { budget },
      }),
  ),
  allocationJob: (id: string) => request<AllocationJob>('GET', `/allocation-jobs/${encodeURIComponent(id)}`),
  rosters: (programmeId: string, q: { cursor?: string; limit?: number } = {}) =>
    request<RosterListPage>('GET', `/programmes/${encodeURIComponent(programmeId)}/rosters${queryString(q)}`),
  roster: (id: string) => request<Roster>('GET', `/rosters/${encodeURIComponent(id)}`),
  rosterWorkers: (id: string, after = 0, limit = 50) =>
    request<RosterWorkerPage>(
      'GET',
      `/rosters/${encodeURIComponent(id)}/workers${queryString({ after, limit })}`,
    ),
  approveRoster: mutation(ROSTER_DECIDED, (id: string, note?: string) =>
    request<Roster>('POST', `/rosters/${encodeURIComponent(id)}/approve`, { body: note ? { note } : {} }),
  ),
  rejectRoster: mutation(ROSTER_DECIDED, (id: string, note: string) =>
    request<Roster>('POST', `/rosters/${encodeURIComponent(id)}/reject`, { body: { note } }),
  ),
};
