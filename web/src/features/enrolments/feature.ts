import { ENROLMENT_AUDIT_LABELS } from '../../../../src/contracts/enrolments.js';
import { defineFeature } from '../../app/feature.js';
import { enrolmentsEn, enrolmentsId } from './messages.js';
import { enrolmentsPaths } from './paths.js';
import { programmeEnrolmentsRoute, sponsoredRoute } from './routes.js';

export const enrolmentsFeature = defineFeature({
  routes: [programmeEnrolmentsRoute, sponsoredRoute],
  nav: [
    {
      key: 'nav.sponsored',
      href: enrolmentsPaths.sponsoredWorkers(),
      permission: 'enrolment.read',
      under: ['/sponsored'],
    },
  ],
  messages: { id: enrolmentsId, en: enrolmentsEn },
  auditLabels: ENROLMENT_AUDIT_LABELS,
});
