import { defineFeature } from '../../platform/feature.js';
import { metaRoutes } from './meta.routes.js';

/** Health and the deployment facts the web app needs; public, no services of its own. */
export const feature = defineFeature({
  name: 'meta',
  routes: (app) => metaRoutes(app),
});
