import { useMemo, useSyncExternalStore } from 'react';
import type { Issue } from '../../../src/contracts/common.js';

/**
 * A tiny hash router: `#/workers`, `#/workers/new`, `#/workers/:id`, `#/workers/:id/edit`, `#/imports`,
 * `#/imports/:id`, `#/duplicates`, `#/audit?entityId=…`, `#/users`, `#/password`.
 */
export type Route =
  | { name: 'workers' }
  | { name: 'workerNew' }
  | { name: 'workerDetail'; id: string }
  | { name: 'workerEdit'; id: string }
  | { name: 'imports' }
  | { name: 'importDetail'; id: string }
  | { name: 'duplicates' }
  | { name: 'audit' }
  | { name: 'users' }
  | { name: 'password' }
  | { name: 'notFound'; path: string };

const SINGLE: Record<string, Route> = {
  workers: { name: 'workers' },
  imports: { name: 'imports' },
  duplicates: { name: 'duplicates' },
  audit: { name: 'audit' },
  users: { name: 'users' },
  password: { name: 'password' },
};

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { name: 'notFound', path };
  }
  if (parts.length === 0) return { name: 'workers' };
  if (parts.length === 1 && Object.hasOwn(SINGLE, parts[0]!)) return SINGLE[parts[0]!]!;
  if (parts[0] === 'workers' && parts.length === 2) {
    return parts[1] === 'new' ? { name: 'workerNew' } : { name: 'workerDetail', id: parts[1]! };
  }
  if (parts[0] === 'workers' && parts.length === 3 && parts[2] === 'edit') {
    return { name: 'workerEdit', id: parts[1]! };
  }
  if (parts[0] === 'imports' && parts.length === 2) return { name: 'importDetail', id: parts[1]! };
  return { name: 'notFound', path };
}

/** The query part of the address: `#/audit?entityId=x` → `entityId=x`. */
export function hashQuery(hash: string): URLSearchParams {
  const i = hash.indexOf('?');
  return new URLSearchParams(i >= 0 ? hash.slice(i + 1) : '');
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const currentHash = () => window.location.hash;

/** The current hash; re-renders on every change. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, currentHash);
}

/** The route of the current address (the same object until the address changes). */
export function useRoute(): Route {
  const hash = useHash();
  return useMemo(() => parseHash(hash), [hash]);
}

export const paths = {
  workers: () => '#/workers',
  workerNew: () => '#/workers/new',
  worker: (id: string) => `#/workers/${encodeURIComponent(id)}`,
  workerEdit: (id: string) => `#/workers/${encodeURIComponent(id)}/edit`,
  imports: () => '#/imports',
  importJob: (id: string) => `#/imports/${encodeURIComponent(id)}`,
  /** The possible-duplicates queue, of one import when given: `#/duplicates?job=…`. */
  duplicates: (jobId?: string) => (jobId ? `#/duplicates?job=${encodeURIComponent(jobId)}` : '#/duplicates'),
  /** The audit trail, filtered: `#/audit?entityId=…`. */
  audit(filter: Record<string, string | undefined> = {}): string {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) qs.set(k, v);
    const s = qs.toString();
    return s ? `#/audit?${s}` : '#/audit';
  },
  users: () => '#/users',
  password: () => '#/password',
};

export function navigate(hash: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hash;
  }
}

/** A message for the next page to announce ("Tersimpan"), handed over once. */
export type Flash = { kind: 'saved'; warnings?: Issue[] } | { kind: 'noChanges' } | { kind: 'deactivated' };

let pending: { hash: string; flash: Flash } | null = null;

/** Leaves a message for the page at `hash`; it lasts until the address changes to another page. */
export function setFlash(hash: string, flash: Flash): void {
  pending = { hash, flash };
}

/** The message left for this page, if any (reading does not consume it, so re-renders see it too). */
export function flashFor(hash: string): Flash | null {
  return pending && pending.hash === hash ? pending.flash : null;
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    if (pending && pending.hash !== window.location.hash) pending = null;
  });
}
