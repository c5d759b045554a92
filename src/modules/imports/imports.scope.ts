import type { Actor } from '../../platform/context.js';
import type { Params } from '../../platform/db/sql.js';
import { nothing, type RegionScope, type ResourceScope, regionScope } from '../../platform/scope.js';
import { can } from '../access/index.js';
import { type WorkerPlace, workersScope } from '../workers/index.js';
import type { ImportJobRow } from './imports.repo.js';

/** Where an import job belongs: the region it was uploaded for. */
export type ImportJobPlace = Pick<ImportJobRow, 'region_code'>;

/**
 * The import jobs an actor may see: for readers of the registry by region, the jobs of regions within
 * theirs (a sponsor officer reads only the workers its sponsors pay for: no import). An upload is made
 * only for a region the scope `covers`.
 */
export function importJobsScope(actor: Actor): RegionScope<ImportJobPlace> {
  if (!can(actor, 'worker.read')) return nothing();
  return regionScope(workersScope(actor).regions, {
    kind: 'code',
    column: 'region_code',
    regionOf: (j) => j.region_code,
  });
}

/** A possible-duplicate review with where its two workers live. */
export interface ReviewedPair {
  worker: WorkerPlace;
  other: WorkerPlace;
}

/**
 * The possible-duplicate reviews an actor may see: those whose two workers it may both see
 * (workersScope). `where` is a condition on `duplicate_reviews` alone; a query that joins the two
 * workers anyway can put `workersScope(actor).where` on each of them instead.
 */
export function duplicateReviewsScope(actor: Actor): ResourceScope<ReviewedPair> {
  const workers = workersScope(actor);
  const visible = (alias: string, column: string, params: Params) =>
    `EXISTS (SELECT FROM workers scope_w WHERE scope_w.id = ${alias ? `${alias}.` : ''}${column}
       AND ${workers.where('scope_w', params)})`;
  return {
    where: (alias, params) =>
      `(${visible(alias, 'worker_id', params)} AND ${visible(alias, 'other_worker_id', params)})`,
    allows: (r) => workers.allows(r.worker) && workers.allows(r.other),
  };
}
