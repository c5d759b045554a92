import { AUDIT_AUDIT_LABELS } from '../../../../src/contracts/audit.js';
import { defineFeature } from '../../app/feature.js';
import { auditEn, auditId } from './messages.js';
import { auditPaths } from './paths.js';
import { auditRoute } from './routes.js';

export const auditFeature = defineFeature({
  routes: [auditRoute],
  nav: [{ key: 'nav.audit', href: auditPaths.audit(), permission: 'audit.read', under: ['/audit'] }],
  messages: { id: auditId, en: auditEn },
  auditLabels: AUDIT_AUDIT_LABELS,
});
