import type { Queryable } from './types.js';

/** PostgreSQL's "lock not available" (a NOWAIT lock that someone else holds). */
const LOCK_NOT_AVAILABLE = '55P03';

/** A table or index name as an SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * ACCESS EXCLUSIVE on the table if it can be had at once, inside a savepoint so that a refusal does not
 * fail the transaction. True when taken. Only inside a transaction.
 */
export async function lockAtOnce(tx: Queryable, table: string): Promise<boolean> {
  await tx.exec('SAVEPOINT lock_at_once');
  try {
    await tx.exec(`LOCK TABLE ${quoteIdent(table)} IN ACCESS EXCLUSIVE MODE NOWAIT`);
  } catch (e) {
    if ((e as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw e;
    await tx.exec('ROLLBACK TO SAVEPOINT lock_at_once');
    await tx.exec('RELEASE SAVEPOINT lock_at_once');
    return false;
  }
  await tx.exec('RELEASE SAVEPOINT lock_at_once');
  return true;
}

/** ACCESS EXCLUSIVE on the table, waiting for it (reads included are held off until the transaction ends). */
export async function lockExclusive(tx: Queryable, table: string): Promise<void> {
  await tx.exec(`LOCK TABLE ${quoteIdent(table)} IN ACCESS EXCLUSIVE MODE`);
}
