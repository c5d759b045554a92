import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

export type EnrolmentSearch = { status?: string; regency?: string };

/** A programme's enrolments (`#/programmes/:id/enrolments?status=…&regency=…`), export and response upload. */
export const programmeEnrolmentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/programmes/$id/enrolments',
  staticData: { permission: 'enrolment.read' },
  validateSearch: (search: Record<string, unknown>): EnrolmentSearch => ({
    ...(typeof search.status === 'string' && search.status ? { status: search.status } : {}),
    ...(typeof search.regency === 'string' && search.regency ? { regency: search.regency } : {}),
  }),
  component: lazyRouteComponent(() => import('./ProgrammeEnrolmentsPage.js'), 'ProgrammeEnrolmentsPage'),
});

/** The sponsor officer's own view: the workers its programmes pay for. */
export const sponsoredRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sponsored',
  staticData: { permission: 'enrolment.read' },
  component: lazyRouteComponent(() => import('./SponsoredWorkersPage.js'), 'SponsoredWorkersPage'),
});
