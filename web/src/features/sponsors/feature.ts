import { SPONSOR_AUDIT_LABELS } from '../../../../src/contracts/sponsors.js';
import { defineFeature } from '../../app/feature.js';
import { sponsorsEn, sponsorsId } from './messages.js';
import { sponsorsPaths } from './paths.js';
import { sponsorsRoute } from './routes.js';

export const sponsorsFeature = defineFeature({
  routes: [sponsorsRoute],
  nav: [
    { key: 'nav.sponsors', href: sponsorsPaths.sponsors(), permission: 'sponsor.read', under: ['/sponsors'] },
  ],
  messages: { id: sponsorsId, en: sponsorsEn },
  auditLabels: SPONSOR_AUDIT_LABELS,
});
