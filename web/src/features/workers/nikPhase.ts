/**
 * What the NIK field says about what was typed, from the digits now, the digits typing stopped at
 * (`settled`) and the state of the server's check of those: nothing while typing goes on (what was said
 * about an earlier value no longer holds), the length when it is not 16, then the check.
 */
export type NikPhase<C> =
  | { phase: 'idle' }
  | { phase: 'length'; n: number }
  | { phase: 'checking' }
  | { phase: 'done'; check: C }
  | { phase: 'failed' };

export function nikPhase<C>(
  digits: string,
  settled: string,
  check: { data: C | undefined; isError: boolean },
): NikPhase<C> {
  if (digits !== settled || digits.length === 0) return { phase: 'idle' };
  if (digits.length !== 16) return { phase: 'length', n: digits.length };
  if (check.isError) return { phase: 'failed' };
  if (check.data === undefined) return { phase: 'checking' };
  return { phase: 'done', check: check.data };
}
