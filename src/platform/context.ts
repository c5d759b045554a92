import { randomUUID } from 'node:crypto';

import type { Role } from '../contracts/roles.js';
import type { Queryable } from './db/types.js';

export { ROLES, type Role } from '../contracts/roles.js';

/**
 * Who is acting. Every service call receives one, whatever the entry point (HTTP, CLI, job), so
 * permission and region rules live in the service layer only.
 */
export interface Actor {
  id: string;
  kind: 'user' | 'system';
  /** For audit trails and "recorded by" fields; an e-mail or a system name, never personal data of workers. */
  label: string;
  role: Role;
  /** Region codes (any level) this actor may see; a province code means the whole province. */
  regionCodes: string[];
  /**
   * Sponsors this actor acts for (a sponsor officer sees what its sponsors' programmes cover). Empty for
   * every actor until programmes exist; resource scopes (platform/scope.ts) read it beside regionCodes.
   */
  sponsorIds: string[];
}

export interface ServiceContext {
  actor: Actor;
  now: Date;
  requestId: string;
  /** Where the request came from (client IP, or 'cli'); recorded in the audit trail. */
  origin?: string;
  /**
   * The transaction the call runs in, when a caller opened one (platform/db/unit-of-work.ts): a service
   * joins it instead of opening its own, so one operation across modules commits or rolls back whole.
   */
  tx?: Queryable;
}

/** The local administrator the CLI and the not-yet-authenticated API act as. */
export function systemActor(provinceCode: string, label = 'system'): Actor {
  return {
    id: `system:${label}`,
    kind: 'system',
    label,
    role: 'province_admin',
    regionCodes: [provinceCode],
    sponsorIds: [],
  };
}

export function newContext(
  actor: Actor,
  now = new Date(),
  requestId: string = randomUUID(),
  origin?: string,
): ServiceContext {
  return { actor, now, requestId, ...(origin ? { origin } : {}) };
}
