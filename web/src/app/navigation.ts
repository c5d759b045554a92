import { createHashHistory } from '@tanstack/react-router';
import type { Issue } from '../../../src/contracts/common.js';

/**
 * Addresses live in the hash (`#/workers/…`): the server serves the app at `/` and every bookmark made so
 * far keeps working. Links the router writes read `#/path` (not `/#/path`), as they always have.
 */
export const history = createHashHistory();
history.createHref = (href) => `#${href}`;

/** Calls `listener` after every change of address (a link, the back button or `navigate`). */
export function onLocationChange(listener: () => void): () => void {
  return history.subscribe(listener);
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
    const qs = searchString(filter);
    return `#/audit${qs}`;
  },
  sponsoredWorkers: () => '#/sponsored',
  users: () => '#/users',
  sponsors: () => '#/sponsors',
  programmes: () => '#/programmes',
  programmeNew: () => '#/programmes/new',
  programme: (id: string) => `#/programmes/${encodeURIComponent(id)}`,
  programmeEdit: (id: string) => `#/programmes/${encodeURIComponent(id)}/edit`,
  /** Pages of the allocation and enrolments features. */
  programmeAllocation: (id: string) => `#/programmes/${encodeURIComponent(id)}/allocation`,
  programmeEnrolments: (id: string) => `#/programmes/${encodeURIComponent(id)}/enrolments`,
  password: () => '#/password',
  /** The rates feature's pages. */
  rates: () => '#/rates',
  calculators: () => '#/calculators',
};

/** `?a=1&b=2` of the values that are set (plain `key=value` pairs, as the addresses have always had). */
export function searchString(values: Record<string, unknown>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string' && v) qs.set(k, v);
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** `?a=1` → { a: '1' }: search parameters stay strings; each route's validateSearch picks its own. */
export function parseSearch(search: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(search.startsWith('?') ? search.slice(1) : search));
}

/** Goes to `hash` (as `paths` writes it). */
export function navigate(hash: string, opts: { replace?: boolean } = {}): void {
  const href = hash.replace(/^#/, '') || '/';
  if (opts.replace) history.replace(href);
  else history.push(href);
}

/** The current address as `paths` writes it: `#/workers/…`. */
export const currentHash = () => `#${history.location.href}`;

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

onLocationChange(() => {
  if (pending && pending.hash !== currentHash()) pending = null;
});
