import type { Actor } from '../../platform/context.js';
import { nothing, type RegionScope, regionScope } from '../../platform/scope.js';
import { can } from '../access/index.js';
import type { WorkerRow } from './workers.repo.js';

/** Where a worker lives, as a row of `workers` carries it (its finest code: village, else district). */
export type WorkerPlace = Pick<WorkerRow, 'district_code' | 'village_code'>;

/** The finest region a worker's row names. */
export const domicileOf = (w: WorkerPlace): string => w.village_code ?? w.district_code;

/** Workers living within `codes`, whoever asks (the scope's shape on `workers`). */
export function workersInRegions(codes: readonly string[]): RegionScope<WorkerPlace> {
  return regionScope(codes, { kind: 'hierarchy', regionOf: domicileOf });
}

/**
 * The workers an actor may see: those living within its regions; nobody without `worker.read`. A sponsor
 * officer holds no `worker.read`: it reads the workers its sponsor pays for only as their enrolments
 * (name, masked NIK, region, coverage: `enrolmentsScope`), never as records of the registry. A worker is
 * written only where it may be seen (`covers` its domicile).
 */
export function workersScope(actor: Actor): RegionScope<WorkerPlace> {
  if (!can(actor, 'worker.read')) return nothing();
  return workersInRegions(actor.regionCodes);
}
