import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

const page = {
  search: lazyRouteComponent(() => import('./WorkerSearchPage.js'), 'WorkerSearchPage'),
  detail: lazyRouteComponent(() => import('./WorkerDetailPage.js'), 'WorkerDetailRoute'),
  form: lazyRouteComponent(() => import('./WorkerFormPage.js'), 'WorkerFormRoute'),
};

/** The address without a path shows the worker search too (as it always has). */
export const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  staticData: { permission: 'worker.read' },
  component: page.search,
});
export const workersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workers',
  staticData: { permission: 'worker.read' },
  component: page.search,
});
export const workerNewRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workers/new',
  staticData: { permission: 'worker.write' },
  component: page.form,
});
export const workerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workers/$id',
  staticData: { permission: 'worker.read' },
  component: page.detail,
});
export const workerEditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/workers/$id/edit',
  staticData: { permission: 'worker.write' },
  component: page.form,
});
