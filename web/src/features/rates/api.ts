import { type Answer, type Body, mutation, type Query, queryString, request } from '../../api/api.js';

export type RateVersionList = Answer<'/rates', 'get'>;
export type RateVersion = RateVersionList['items'][number];
export type RateVersionInput = Body<'/rates', 'post'>;
export type BpuCalc = Answer<'/calc/bpu', 'get'>;
export type BpuCalcQuery = Query<'/calc/bpu', 'get'>;
export type JakonCalc = Answer<'/calc/jakon', 'get'>;
export type JakonCalcQuery = Query<'/calc/jakon', 'get'>;
export type BenefitCalc = Answer<'/calc/benefit', 'get'>;
export type BenefitCalcQuery = Query<'/calc/benefit', 'get'>;

/** Rate versions and calculations: a new version makes both stale. */
export const ratesKeys = {
  rates: ['rates'] as const,
  calc: (kind: string, query: object) => ['rates', 'calc', kind, query] as const,
};

/** A calculator's inputs as query parameters (lists comma-separated). */
const calcQuery = (q: object) =>
  Object.fromEntries(
    Object.entries(q).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.join(',') : (v as string | number | undefined),
    ]),
  );

export const ratesApi = {
  rates: () => request<RateVersionList>('GET', '/rates'),
  // A new rate version may change programmes' costs too.
  addRateVersion: mutation(
    [{ queryKey: ['rates'] }, { queryKey: ['allocation'] }, { queryKey: ['audit'] }],
    (body: RateVersionInput) => request<RateVersion>('POST', '/rates', { body }),
  ),
  calcBpu: (q: BpuCalcQuery) => request<BpuCalc>('GET', `/calc/bpu${queryString(calcQuery(q))}`),
  calcJakon: (q: JakonCalcQuery) => request<JakonCalc>('GET', `/calc/jakon${queryString(calcQuery(q))}`),
  calcBenefit: (q: BenefitCalcQuery) =>
    request<BenefitCalc>('GET', `/calc/benefit${queryString(calcQuery(q))}`),
};
