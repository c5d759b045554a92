import { type Answer, type Body, mutation, request } from '../../api/api.js';

export type Programme = Answer<'/programmes/{id}', 'get'>;
export type ProgrammeListItem = Answer<'/programmes', 'get'>['items'][number];
export type ProgrammeSummary = Answer<'/programmes/{id}/summary', 'get'>;
export type ProgrammeInput = Body<'/programmes', 'post'>;
export type ProgrammeChanges = Body<'/programmes/{id}', 'patch'>;

export const programmesKeys = {
  programmes: ['programmes'] as const,
  programme: (id: string) => ['programmes', id] as const,
  programmeSummary: (id: string) => ['programmes', id, 'summary'] as const,
};

const PROGRAMMES_CHANGED = [{ queryKey: ['programmes'] }, { queryKey: ['audit'] }];

export const programmesApi = {
  programmes: () => request<{ items: ProgrammeListItem[] }>('GET', '/programmes').then((r) => r.items),
  programme: (id: string) => request<Programme>('GET', `/programmes/${encodeURIComponent(id)}`),
  programmeSummary: (id: string) =>
    request<ProgrammeSummary>('GET', `/programmes/${encodeURIComponent(id)}/summary`),
  createProgramme: mutation(PROGRAMMES_CHANGED, (body: ProgrammeInput) =>
    request<Programme>('POST', '/programmes', { body }),
  ),
  updateProgramme: mutation(PROGRAMMES_CHANGED, (id: string, body: ProgrammeChanges) =>
    request<Programme>('PATCH', `/programmes/${encodeURIComponent(id)}`, { body }),
  ),
  setProgrammeStatus: mutation(PROGRAMMES_CHANGED, (id: string, step: 'open' | 'close') =>
    request<Programme>('POST', `/programmes/${encodeURIComponent(id)}/${step}`),
  ),
};
