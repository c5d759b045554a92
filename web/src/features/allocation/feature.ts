import { ALLOCATION_AUDIT_LABELS } from '../../../../src/contracts/allocation.js';
import { defineFeature } from '../../app/feature.js';
import { allocationEn, allocationId } from './messages.js';
import { allocationRoute } from './routes.js';

// Reached from a programme's page (the programmes feature's menu), so no menu entry of its own.
export const allocationFeature = defineFeature({
  routes: [allocationRoute],
  nav: [],
  messages: { id: allocationId, en: allocationEn },
  auditLabels: ALLOCATION_AUDIT_LABELS,
});
