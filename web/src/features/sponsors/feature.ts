import { SPONSOR_AUDIT_LABELS } from '../../../../src/contracts/sponsors.js';
import { defineFeature } from '../../app/feature.js';
import { paths } from '../../app/navigation.js';
import { sponsorsEn, sponsorsId } from './messages.js';
import { sponsorsRoute } from './routes.js';

export const sponsorsFeature = defineFeature({
  routes: [sponsorsRoute],
  nav: [{ key: 'nav.sponsors', href: paths.sponsors(), permission: 'sponsor.read', under: ['/sponsors'] }],
  messages: { id: sponsorsId, en: sponsorsEn },
  auditLabels: SPONSOR_AUDIT_LABELS,
});
