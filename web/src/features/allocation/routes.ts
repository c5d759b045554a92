import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

/** A programme's allocation: simulation, proposal, rosters and approval, one worker's eligibility. */
export const allocationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/programmes/$id/allocation',
  staticData: { permission: 'allocation.read' },
  component: lazyRouteComponent(() => import('./AllocationPage.js'), 'AllocationPage'),
});
