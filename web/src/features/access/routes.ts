import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

export const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/users',
  staticData: { permission: 'user.manage' },
  component: lazyRouteComponent(() => import('./UsersPage.js'), 'UsersPage'),
});
/** Anyone signed in may change their own password. */
export const passwordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/password',
  component: lazyRouteComponent(() => import('./PasswordPage.js'), 'PasswordPage'),
});
