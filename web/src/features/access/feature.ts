import { ACCESS_AUDIT_LABELS } from '../../../../src/contracts/access.js';
import { defineFeature } from '../../app/feature.js';
import { accessEn, accessId } from './messages.js';
import { accessPaths } from './paths.js';
import { passwordRoute, usersRoute } from './routes.js';

export const accessFeature = defineFeature({
  routes: [usersRoute, passwordRoute],
  nav: [{ key: 'nav.users', href: accessPaths.users(), permission: 'user.manage', under: ['/users'] }],
  messages: { id: accessId, en: accessEn },
  auditLabels: ACCESS_AUDIT_LABELS,
});
