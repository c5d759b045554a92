import { createRouter, Navigate, Outlet, useLocation, useMatches } from '@tanstack/react-router';
import { features } from '../features/index.js';
import { workersPaths } from '../features/workers/paths.js';
import { ForbiddenPage } from './ForbiddenPage.js';
import { useI18n } from './i18n.js';
import { history, parseSearch, searchString } from './navigation.js';
import { rootRoute } from './rootRoute.js';
import { usePageHeading, useSession } from './session.js';

/** Every page checks the permission its route names before it loads; the server checks again. */
function Pages() {
  const session = useSession();
  const needed = useMatches({ select: (matches) => matches.find((m) => m.staticData.permission) });
  const permission = needed?.staticData.permission;
  const pathname = useLocation({ select: (l) => l.pathname });
  // Who reads programmes but nothing of the registry (a sponsor officer) starts on its programmes.
  if (pathname === '/' && session.can('programme.read') && !session.can('worker.read')) {
    return <Navigate to="/programmes" replace />;
  }
  if (permission && !session.can(permission)) return <ForbiddenPage />;
  return <Outlet />;
}

function NotFound() {
  const { t } = useI18n();
  const heading = usePageHeading<HTMLHeadingElement>(t('error.notFound'));
  return (
    <div className="page">
      <h1 ref={heading} tabIndex={-1}>
        {t('error.notFound')}
      </h1>
      <p>
        <a href={workersPaths.workers()}>{t('common.back')}</a>
      </p>
    </div>
  );
}

rootRoute.update({ component: Pages, notFoundComponent: NotFound });

export const routeTree = rootRoute.addChildren(features.flatMap((f) => f.routes));

export const router = createRouter({
  routeTree,
  history,
  // Plain `?key=value` pairs, as the addresses have always been written (not JSON).
  parseSearch,
  stringifySearch: searchString,
  // Pages load on demand; a page whose code is still on its way shows nothing for a moment.
  defaultPendingMs: 300,
  scrollRestoration: false,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
