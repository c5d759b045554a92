import { IMPORT_AUDIT_LABELS } from '../../../../src/contracts/imports.js';
import { defineFeature } from '../../app/feature.js';
import { importsEn, importsId } from './messages.js';
import { importsPaths } from './paths.js';
import { duplicatesRoute, importJobRoute, importsRoute } from './routes.js';

export const importsFeature = defineFeature({
  routes: [importsRoute, importJobRoute, duplicatesRoute],
  nav: [
    { key: 'nav.imports', href: importsPaths.imports(), permission: 'worker.write', under: ['/imports'] },
    {
      key: 'nav.duplicates',
      href: importsPaths.duplicates(),
      permission: 'worker.read',
      under: ['/duplicates'],
    },
  ],
  messages: { id: importsId, en: importsEn },
  auditLabels: IMPORT_AUDIT_LABELS,
});
