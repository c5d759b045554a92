/** What repositories need from a database: parameterised queries. Same for PGlite and PostgreSQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs SQL with several statements and no parameters (migrations, setup). */
  exec(sql: string): Promise<void>;
}

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** A human-readable description for start-up messages: folder or host/database, never a password. */
  readonly description: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Type ids whose default parsing we override so both drivers return the same JS values. */
export const PG_TYPES = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;
