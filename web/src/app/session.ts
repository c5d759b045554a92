import { createContext, useContext, useEffect, useRef } from 'react';
import type { Me } from '../../../src/contracts/access.js';
import type { Meta } from '../api/api.js';
import { onLocationChange } from './navigation.js';

/** Who is signed in and what the deployment is, for every page. */
export interface Session {
  me: Me;
  meta: Meta | null;
  can(permission: string): boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

let hasNavigated = false;
onLocationChange(() => {
  hasNavigated = true;
});

/**
 * Sets the window title and, after an in-app navigation, moves focus to the page's heading so that
 * screen-reader users hear where they arrived (a single-page app does not reload to tell them).
 */
export function usePageHeading<T extends HTMLElement>(title: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    document.title = `${title} — Payung`;
  }, [title]);
  useEffect(() => {
    if (hasNavigated) ref.current?.focus();
  }, []);
  return ref;
}
