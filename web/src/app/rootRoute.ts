import { createRootRoute } from '@tanstack/react-router';
import type { Permission } from '../../../src/contracts/roles.js';

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** What a person must be allowed to see this page; none: anyone signed in. */
    permission?: Permission;
  }
}

/**
 * The root every feature's routes hang under. It imports nothing of the app, so a feature's routes file
 * can import it without pulling the shell in; app/router.tsx gives it its component.
 */
export const rootRoute = createRootRoute();
