import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

export const sponsorsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sponsors',
  staticData: { permission: 'sponsor.read' },
  component: lazyRouteComponent(() => import('./SponsorsPage.js'), 'SponsorsPage'),
});
