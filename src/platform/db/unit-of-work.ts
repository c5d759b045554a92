import type { ServiceContext } from '../context.js';
import type { Database, Queryable } from './types.js';

/** A context inside a transaction: every statement of the call goes through `tx`. */
export type TxContext<C extends Pick<ServiceContext, 'tx'> = ServiceContext> = C & { tx: Queryable };

/**
 * Runs `fn` in a transaction: the context's own when a caller opened one (the step joins it and
 * commits or rolls back with it), else a new one, passed on in the context. Services open their
 * transactions only through this, so a caller can make several services' changes one unit.
 *
 * A joined step that fails fails the whole: the error reaches the caller that opened the transaction,
 * which rolls it back (on PostgreSQL a failed statement leaves the transaction unusable anyway).
 */
export function inTransaction<C extends Pick<ServiceContext, 'tx'>, T>(
  db: Database,
  ctx: C,
  fn: (ctx: TxContext<C>) => Promise<T>,
): Promise<T> {
  if (ctx.tx) return fn(ctx as TxContext<C>);
  return db.transaction((tx) => fn({ ...ctx, tx }));
}

/**
 * Where a statement of this call goes: the context's transaction if it has one, else the database.
 * Inside a transaction every statement must go through it — on PGlite a statement sent beside an open
 * transaction waits for it to end, which it never does.
 */
export function dbFor(db: Queryable, ctx: Pick<ServiceContext, 'tx'>): Queryable {
  return ctx.tx ?? db;
}
