import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

export const importsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/imports',
  // Uploading is for those who register workers; the menu offers it to them only.
  staticData: { permission: 'worker.write' },
  component: lazyRouteComponent(() => import('./ImportsPage.js'), 'ImportsPage'),
});
export const importJobRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/imports/$id',
  staticData: { permission: 'worker.read' },
  component: lazyRouteComponent(() => import('./ImportJobPage.js'), 'ImportJobRoute'),
});
/** The possible-duplicates queue, of one import when `?job=` is given. */
export const duplicatesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/duplicates',
  staticData: { permission: 'worker.read' },
  validateSearch: (search: Record<string, unknown>): { job?: string } =>
    typeof search.job === 'string' && search.job ? { job: search.job } : {},
  component: lazyRouteComponent(() => import('./DuplicatesPage.js'), 'DuplicatesPage'),
});
