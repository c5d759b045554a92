import { searchString } from '../../app/navigation.js';

export const auditPaths = {
  /** The audit trail, filtered: `#/audit?entityId=…`. */
  audit(filter: Record<string, string | undefined> = {}): string {
    const qs = searchString(filter);
    return `#/audit${qs}`;
  },
};
