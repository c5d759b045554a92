import { PROGRAMME_AUDIT_LABELS } from '../../../../src/contracts/programmes.js';
import { defineFeature } from '../../app/feature.js';
import { programmesEn, programmesId } from './messages.js';
import { programmesPaths } from './paths.js';
import { programmeEditRoute, programmeNewRoute, programmeRoute, programmesRoute } from './routes.js';

export const programmesFeature = defineFeature({
  routes: [programmesRoute, programmeNewRoute, programmeRoute, programmeEditRoute],
  nav: [
    {
      key: 'nav.programmes',
      href: programmesPaths.programmes(),
      permission: 'programme.read',
      under: ['/programmes'],
    },
  ],
  messages: { id: programmesId, en: programmesEn },
  auditLabels: PROGRAMME_AUDIT_LABELS,
});
