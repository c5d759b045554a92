import type { RegionLevel } from '../contracts/regions.js';

/**
 * The Kemendagri code tree, as pure rules: a code's level follows from its shape (`32`, `32.71`,
 * `32.71.01`, `32.71.01.1001`), its parent from dropping the last part, and a region lies within
 * another when its code starts with the other's.
 */
export function levelOf(code: string): RegionLevel | null {
  if (/^\d{2}$/.test(code)) return 'province';
  if (/^\d{2}\.\d{2}$/.test(code)) return 'regency';
  if (/^\d{2}\.\d{2}\.\d{2}$/.test(code)) return 'district';
  if (/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/.test(code)) return 'village';
  return null;
}

export function parentOf(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** True when `code` lies inside one of `scope` (same code or a descendant). */
export function isWithin(code: string, scope: readonly string[]): boolean {
  return scope.some((s) => code === s || code.startsWith(`${s}.`));
}
