import { WORKER_AUDIT_LABELS } from '../../../../src/contracts/workers.js';
import { defineFeature } from '../../app/feature.js';
import { workersEn, workersId } from './messages.js';
import { workersPaths } from './paths.js';
import { homeRoute, workerEditRoute, workerNewRoute, workerRoute, workersRoute } from './routes.js';

export const workersFeature = defineFeature({
  routes: [homeRoute, workersRoute, workerNewRoute, workerRoute, workerEditRoute],
  nav: [
    { key: 'nav.workers', href: workersPaths.workers(), permission: 'worker.read', under: ['/', '/workers'] },
  ],
  messages: { id: workersId, en: workersEn },
  auditLabels: WORKER_AUDIT_LABELS,
});
