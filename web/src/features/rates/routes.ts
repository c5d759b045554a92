import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

export const calculatorsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/calculators',
  staticData: { permission: 'rate.read' },
  component: lazyRouteComponent(() => import('./CalculatorsPage.js'), 'CalculatorsPage'),
});

export const ratesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/rates',
  staticData: { permission: 'rate.read' },
  component: lazyRouteComponent(() => import('./RatesPage.js'), 'RatesPage'),
});
