import type { Permission } from '../../../src/contracts/roles.js';
import type { MessageKey } from './i18n.js';
import { paths, type Route } from './navigation.js';

/**
 * What the browser shows to whom. The server decides (every request is checked there); this only keeps
 * people from being offered pages their role cannot use.
 */
export type { Permission } from '../../../src/contracts/roles.js';

/** The permission a page needs; null: any signed-in user. */
export function permissionFor(route: Route): Permission | null {
  switch (route.name) {
    case 'workers':
    case 'workerDetail':
    case 'importDetail':
    case 'duplicates':
      return 'worker.read';
    // Uploading is for those who register workers; the menu offers it to them only.
    case 'imports':
    case 'workerNew':
    case 'workerEdit':
      return 'worker.write';
    case 'audit':
      return 'audit.read';
    case 'users':
      return 'user.manage';
    default:
      return null;
  }
}

export interface NavItem {
  key: MessageKey;
  href: string;
  permission: Permission;
  /** The routes under this item (for aria-current). */
  routes: Route['name'][];
}

export const NAV: NavItem[] = [
  {
    key: 'nav.workers',
    href: paths.workers(),
    permission: 'worker.read',
    routes: ['workers', 'workerNew', 'workerDetail', 'workerEdit'],
  },
  {
    key: 'nav.imports',
    href: paths.imports(),
    permission: 'worker.write',
    routes: ['imports', 'importDetail'],
  },
  { key: 'nav.duplicates', href: paths.duplicates(), permission: 'worker.read', routes: ['duplicates'] },
  { key: 'nav.audit', href: paths.audit(), permission: 'audit.read', routes: ['audit'] },
  { key: 'nav.users', href: paths.users(), permission: 'user.manage', routes: ['users'] },
];

/** Modules that will arrive later are shown, disabled, so the navigation does not move when they do. */
export const SOON: MessageKey[] = [
  'nav.programmes',
  'nav.invoices',
  'nav.cards',
  'nav.claims',
  'nav.coverage',
];
