import { type Answer, type Body, mutation, queryString, request } from '../../api/api.js';

export type Sponsor = Answer<'/sponsors/{id}', 'get'>;
export type SponsorInput = Body<'/sponsors', 'post'>;
export type SponsorChanges = Body<'/sponsors/{id}', 'patch'>;

export const sponsorsKeys = {
  sponsors: (includeInactive: boolean) => ['sponsors', includeInactive] as const,
};

const SPONSORS_CHANGED = [{ queryKey: ['sponsors'] }, { queryKey: ['audit'] }];

export const sponsorsApi = {
  sponsors: (includeInactive = false) =>
    request<{ items: Sponsor[] }>(
      'GET',
      `/sponsors${queryString({ includeInactive: String(includeInactive) })}`,
    ).then((r) => r.items),
  createSponsor: mutation(SPONSORS_CHANGED, (body: SponsorInput) =>
    request<Sponsor>('POST', '/sponsors', { body }),
  ),
  // A sponsor's name shows on its programmes and its officers.
  updateSponsor: mutation(
    [
      { queryKey: ['sponsors'] },
      { queryKey: ['programmes'] },
      { queryKey: ['users'] },
      { queryKey: ['audit'] },
    ],
    (id: string, body: SponsorChanges) =>
      request<Sponsor>('PATCH', `/sponsors/${encodeURIComponent(id)}`, { body }),
  ),
  setSponsorActive: mutation(SPONSORS_CHANGED, (id: string, isActive: boolean) =>
    request<Sponsor>('POST', `/sponsors/${encodeURIComponent(id)}/${isActive ? 'activate' : 'deactivate'}`),
  ),
};
