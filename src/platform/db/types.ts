import type { DatabaseTurns } from './wait.js';

/** What repositories need from a database: parameterised queries. Same for PGlite and PostgreSQL. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs SQL with several statements and no parameters (migrations, setup). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk load with COPY: `rows` into `table (columns)`, in order. Values are strings, numbers,
   * booleans, Dates or null; returns how many rows were loaded. The fastest way in for many rows.
   */
  copyIn(
    table: string,
    columns: readonly string[],
    rows: readonly CopyValue[][] | CopyLines,
  ): Promise<number>;
}

/**
 * Rows already written as COPY text, as UTF-8 bytes (CopyLinesWriter): for a bulk load that would
 * otherwise build a value array per row and one large string per batch, both garbage as soon as the
 * COPY is sent. The bytes are handed over: the caller must not use or change them afterwards.
 */
export class CopyLines {
  constructor(
    readonly bytes: Uint8Array<ArrayBuffer>,
    readonly rows: number,
  ) {}
}

/** Writes rows of COPY text into one growing byte buffer (see CopyLines). */
export class CopyLinesWriter {
  #bytes: Uint8Array<ArrayBuffer>;
  #end = 0;
  #rows = 0;
  readonly #encoder = new TextEncoder();

  constructor(initialBytes = 1 << 16) {
    this.#bytes = new Uint8Array(initialBytes);
  }

  /** Text of the current row: COPY text already (escaped), no line end. */
  text(s: string): this {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    this.#reserve(s.length * 3);
    this.#end += this.#encoder.encodeInto(s, this.#bytes.subarray(this.#end)).written;
    return this;
  }

  /** Bytes of the current row: COPY text already, UTF-8, no line end. */
  bytes(b: Uint8Array): this {
    this.#reserve(b.length);
    this.#bytes.set(b, this.#end);
    this.#end += b.length;
    return this;
  }

  /** Ends the current row. */
  endRow(): this {
    this.#reserve(1);
    this.#bytes[this.#end++] = 10;
    this.#rows++;
    return this;
  }

  get rows(): number {
    return this.#rows;
  }

  /** The rows written; the writer is done with (its buffer is handed over). */
  finish(): CopyLines {
    return new CopyLines(this.#bytes.subarray(0, this.#end), this.#rows);
  }

  #reserve(n: number) {
    if (this.#end + n <= this.#bytes.length) return;
    let size = this.#bytes.length * 2;
    while (size < this.#end + n) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.#bytes.subarray(0, this.#end));
    this.#bytes = grown;
  }
}

export type CopyValue = string | number | boolean | Date | null | CopyFields;

/**
 * Several columns already written as COPY text (copyFields), placed into a row as they are. Lets the
 * text be made where the values are (the import's row-check threads) and sent on as one string.
 */
export class CopyFields {
  constructor(readonly text: string) {}
}

/** Rows as COPY's text format: tab-separated, \N for NULL, backslash escapes for the rest. */
export function copyText(rows: readonly CopyValue[][]): string {
  let out = '';
  for (const row of rows) out += `${copyFields(row)}\n`;
  return out;
}

/** One row's values (or some of its columns) as COPY text, without the line's end. */
export function copyFields(values: readonly CopyValue[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) out += '\t';
    const v = values[i];
    if (v === null || v === undefined) out += '\\N';
    else if (typeof v === 'string') out += ESCAPE.test(v) ? v.replace(ESCAPE_ALL, escapeChar) : v;
    else if (v instanceof Date) out += v.toISOString();
    else if (v instanceof CopyFields) out += v.text;
    else out += String(v);
  }
  return out;
}

const ESCAPE = /[\\\t\n\r]/;
const ESCAPE_ALL = /[\\\t\n\r]/g;
const escapeChar = (c: string) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r');

/** `table (a, b, c)` for COPY; names come from code, never from input, and are checked anyway. */
export function copyTarget(table: string, columns: readonly string[]): string {
  for (const name of [table, ...columns]) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain identifier: ${name}`);
  }
  return `${table} (${columns.join(', ')})`;
}

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Turns to use the database (PGlite: one connection; PostgreSQL: the pool's), for health and admission. */
  readonly turns: DatabaseTurns;
  /** A human-readable description for start-up messages: folder or host/database, never a password. */
  readonly description: string;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Type ids whose default parsing we override so both drivers return the same JS values. */
export const PG_TYPES = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;
