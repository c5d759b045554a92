import { RATE_AUDIT_LABELS } from '../../../../src/contracts/rates.js';
import { defineFeature } from '../../app/feature.js';
import { ratesEn, ratesId } from './messages.js';
import { ratesPaths } from './paths.js';
import { calculatorsRoute, ratesRoute } from './routes.js';

export const ratesFeature = defineFeature({
  routes: [calculatorsRoute, ratesRoute],
  nav: [
    {
      key: 'nav.calculators',
      href: ratesPaths.calculators(),
      permission: 'rate.read',
      under: ['/calculators'],
    },
    { key: 'nav.rates', href: ratesPaths.rates(), permission: 'rate.read', under: ['/rates'] },
  ],
  messages: { id: ratesId, en: ratesEn },
  auditLabels: RATE_AUDIT_LABELS,
});
