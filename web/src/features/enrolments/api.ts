import { type Answer, BASE, type Body, formWith, mutation, queryString, request } from '../../api/api.js';

export type EnrolmentPage = Answer<'/programmes/{id}/enrolments', 'get'>;
export type Enrolment = EnrolmentPage['items'][number];
export type EnrolmentWithHistory = Answer<'/enrolments/{id}', 'get'>;
export type EnrolmentEnd = Body<'/enrolments/{id}/end', 'post'>;
export type EnrolmentJob = Answer<'/enrolment-jobs/{id}', 'get'>;
export type ResponseReport = NonNullable<EnrolmentJob['report']>;
export type SponsoredPage = Answer<'/enrolments/sponsored', 'get'>;

/** Where a finished roster export's file is downloaded from (full NIKs: the server audits each download). */
export const enrolmentFileUrl = (jobId: string) => `${BASE}/enrolment-jobs/${encodeURIComponent(jobId)}/file`;

export const enrolmentsKeys = {
  programmeEnrolments: (id: string, query: object) => ['enrolments', 'programme', id, query] as const,
  workerEnrolments: (workerId: string) => ['enrolments', 'worker', workerId] as const,
  sponsored: (query: object) => ['enrolments', 'sponsored', query] as const,
  enrolmentJob: (id: string) => ['enrolment-jobs', id] as const,
};

const ENROLMENTS_CHANGED = [{ queryKey: ['enrolments'] }, { queryKey: ['audit'] }];

export const enrolmentsApi = {
  programmeEnrolments: (
    id: string,
    q: { status?: string; regency?: string; cursor?: string; limit?: number },
  ) => request<EnrolmentPage>('GET', `/programmes/${encodeURIComponent(id)}/enrolments${queryString(q)}`),
  workerEnrolments: (workerId: string) =>
    request<{ items: EnrolmentWithHistory[] }>(
      'GET',
      `/workers/${encodeURIComponent(workerId)}/enrolments`,
    ).then((r) => r.items),
  sponsoredEnrolments: (q: { cursor?: string; limit?: number }) =>
    request<SponsoredPage>('GET', `/enrolments/sponsored${queryString(q)}`),
  endEnrolment: mutation(ENROLMENTS_CHANGED, (id: string, body: EnrolmentEnd) =>
    request<EnrolmentWithHistory>('POST', `/enrolments/${encodeURIComponent(id)}/end`, { body }),
  ),
  importEnrolmentResponse: mutation(
    ENROLMENTS_CHANGED,
    (programmeId: string, file: File, dryRun: boolean): Promise<EnrolmentJob> =>
      // The server reads the fields in order: dryRun must come before the file.
      request<EnrolmentJob>('POST', `/programmes/${encodeURIComponent(programmeId)}/enrolments/response`, {
        form: formWith({ dryRun: String(dryRun) }, file),
      }),
  ),
  startRosterExport: mutation(ENROLMENTS_CHANGED, (programmeId: string, format: 'xlsx' | 'csv') =>
    request<EnrolmentJob>('POST', `/programmes/${encodeURIComponent(programmeId)}/enrolments/export`, {
      body: { format },
    }),
  ),
  enrolmentJob: (id: string) => request<EnrolmentJob>('GET', `/enrolment-jobs/${encodeURIComponent(id)}`),
};
