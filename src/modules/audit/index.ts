import { AUDIT_AUDIT_LABELS, AUDIT_PERMISSIONS } from '../../contracts/audit.js';
import { auditLabelTable, type CoreDeps, defineFeature } from '../../platform/feature.js';
import type { WorkerService } from '../workers/index.js';
import { auditRoutes } from './audit.routes.js';
import { createAuditService } from './audit.service.js';

/** The append-only audit trail: its viewer, the people finder and the CSV export. */
export const feature = defineFeature({
  name: 'audit',
  services: (deps: CoreDeps & { workers: WorkerService }) => ({
    audit: createAuditService({
      db: deps.db,
      provinceCode: deps.provinceCode,
      lookups: deps.workers.lookups,
      labels: auditLabelTable(deps.features),
    }),
  }),
  routes: (app) => auditRoutes(app),
  permissions: AUDIT_PERMISSIONS,
  grants: { province_admin: ['audit.read'], auditor: ['audit.read'] },
  auditLabels: AUDIT_AUDIT_LABELS,
});

export { type AuditContext, type AuditEvent, recordAudit, recordAuditFromSelect } from './audit.repo.js';
export type { AuditService } from './audit.service.js';
