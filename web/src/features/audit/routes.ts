import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../app/rootRoute.js';

const FILTERS = ['entityId', 'actor', 'action', 'from', 'to'] as const;
export type AuditSearch = Partial<Record<(typeof FILTERS)[number], string>>;

/** The audit trail; its filters are in the address (`#/audit?entityId=…`) so that a link can narrow it. */
export const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/audit',
  staticData: { permission: 'audit.read' },
  validateSearch: (search: Record<string, unknown>): AuditSearch => {
    const out: AuditSearch = {};
    for (const k of FILTERS) if (typeof search[k] === 'string' && search[k]) out[k] = search[k];
    return out;
  },
  component: lazyRouteComponent(() => import('./AuditPage.js'), 'AuditPage'),
});
