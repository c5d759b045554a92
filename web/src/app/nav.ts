import { features } from '../features/index.js';
import type { NavItem } from './feature.js';
import type { MessageKey } from './i18n.js';

/**
 * What the browser shows to whom. The server decides (every request is checked there); this only keeps
 * people from being offered pages their role cannot use. Entries come from the features' registrations.
 */
export const NAV: NavItem<MessageKey>[] = features.flatMap((f) => f.nav as NavItem<MessageKey>[]);

/** Whether the page at `pathname` belongs to a menu entry (for aria-current). */
export function isUnder(item: NavItem<MessageKey>, pathname: string): boolean {
  return item.under.some((p) =>
    p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`),
  );
}

/** Modules that will arrive later are shown, disabled, so the navigation does not move when they do. */
export const SOON: MessageKey[] = ['nav.invoices', 'nav.cards', 'nav.claims', 'nav.coverage'];
