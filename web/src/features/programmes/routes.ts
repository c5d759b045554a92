import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

export const programmesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/programmes',
  staticData: { permission: 'programme.read' },
  component: lazyRouteComponent(() => import('./ProgrammesPage.js'), 'ProgrammesPage'),
});
export const programmeNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/programmes/new',
  staticData: { permission: 'programme.manage' },
  component: lazyRouteComponent(() => import('./ProgrammeFormPage.js'), 'ProgrammeNewRoute'),
});
export const programmeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/programmes/$id',
  staticData: { permission: 'programme.read' },
  component: lazyRouteComponent(() => import('./ProgrammePage.js'), 'ProgrammeRoute'),
});
export const programmeEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/programmes/$id/edit',
  staticData: { permission: 'programme.manage' },
  component: lazyRouteComponent(() => import('./ProgrammeFormPage.js'), 'ProgrammeEditRoute'),
});
