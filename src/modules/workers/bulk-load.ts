// The registry's bulk load: many new workers at once (an import's commit), with the option of
// dropping some of `workers`' indexes and triggers for the insert and building them again after it.
import type { Queryable } from '../../platform/db/index.js';
import { lockAtOnce, lockExclusive, quoteIdent } from '../../platform/db/table-lock.js';
import { NAME_TRIGRAM_COLUMNS, PERSON_COLUMNS } from './workers.repo.js';

/**
 * The indexes of `workers` a bulk load may drop and build again afterwards (a sorted build costs a
 * fraction of a million scattered insertions: docs/BENCHMARKS.md). Only these: an index a later
 * migration adds is kept up row by row until it is added here, so a new feature's index never changes
 * what an import does by itself (decision 0023). An index backing a constraint is never dropped.
 */
export const LOAD_INDEXES = [
  'workers_district_idx',
  'workers_name_order_idx',
  'workers_nik_key',
  'workers_regency_idx',
] as const;
/**
 * The triggers of `workers` a bulk load may drop for the insert, and what it does instead of each.
 * `workers_name_keys_on_insert` would first copy every inserted row into its transition table (about a
 * second for a million): the load adds the name keys itself (addNameKeys). Dropped and made again, not
 * disabled: a disabled trigger's transition table is still filled. Any other trigger stays and fires.
 */
export const LOAD_TRIGGERS = ['workers_name_keys_on_insert'] as const;
/** The indexes of `worker_name_keys` addNameKeys may drop and build again (when its table is free). */
export const NAME_KEY_LOAD_INDEXES = ['worker_name_keys_trgm'] as const;

/** The person and name-trigram columns among LOADED_COLUMNS. */
export const LOADED_PERSON_COLUMNS = [...PERSON_COLUMNS, ...NAME_TRIGRAM_COLUMNS] as const;
/**
 * The columns a load fills, in this order: the new worker's id, its person and name-trigram columns
 * (computed where the rows were checked), and how consent was recorded and where the worker came from.
 */
export const LOADED_COLUMNS = [
  'id',
  ...LOADED_PERSON_COLUMNS,
  'consent_method',
  'consent_given_at',
  'consent_recorded_by',
  'source',
] as const;

/**
 * Inserts the rows of `select`, whose columns are LOADED_COLUMNS in that order (sorted as it says);
 * with `skipRegisteredNiks`, a NIK registered already is skipped rather than failing the load (this
 * needs `workers_nik_key` in place). Returns how many workers were added.
 */
export async function insertWorkersFrom(
  tx: Queryable,
  select: string,
  values: readonly unknown[],
  opts: { skipRegisteredNiks: boolean },
): Promise<number> {
  const r = await tx.query(
    `INSERT INTO workers (${LOADED_COLUMNS.join(', ')}) ${select}
     ${opts.skipRegisteredNiks ? 'ON CONFLICT (nik) DO NOTHING' : ''}`,
    values,
  );
  return r.rowCount;
}

/** Nobody reads or writes the registry until the transaction ends (a load that rebuilds its indexes). */
export function lockRegistryForLoad(tx: Queryable): Promise<void> {
  return lockExclusive(tx, 'workers');
}

interface Definition {
  name: string;
  definition: string;
}

/**
 * A load with some of the registry's indexes and triggers dropped (begin), and built again (the
 * restore… and rebuild… steps, in the order a caller reports progress). Only with the registry locked
 * (lockRegistryForLoad), inside the transaction that inserts.
 */
export class WorkersLoad {
  private constructor(
    private readonly tx: Queryable,
    /** LOAD_INDEXES as they were, by name. */
    readonly indexes: readonly Definition[],
    private readonly primaryKey: Definition | null,
    private readonly triggers: readonly Definition[],
  ) {}

  /**
   * Drops the listed indexes and triggers that exist, and the primary key unless another table refers
   * to it: kept up row by row it cost 1.1–1.3 s of a million-row insert, built afterwards 0.4–0.5 s
   * (docs/BENCHMARKS.md). With a foreign key to `workers` it stays (dropping it would need the foreign
   * keys dropped and checked again).
   */
  static async begin(tx: Queryable): Promise<WorkersLoad> {
    const indexes = await listedIndexes(tx, 'workers', LOAD_INDEXES);
    for (const ix of indexes) await tx.exec(`DROP INDEX ${quoteIdent(ix.name)}`);
    const primaryKey = await unreferencedPrimaryKey(tx, 'workers');
    if (primaryKey) await tx.exec(`ALTER TABLE workers DROP CONSTRAINT ${quoteIdent(primaryKey.name)}`);
    const triggers = await tx.query<Definition>(
      `SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger
       WHERE tgrelid = 'workers'::regclass AND tgname = ANY($1::text[]) ORDER BY tgname`,
      [LOAD_TRIGGERS],
    );
    for (const t of triggers.rows) await tx.exec(`DROP TRIGGER ${quoteIdent(t.name)} ON workers`);
    return new WorkersLoad(tx, indexes, primaryKey, triggers.rows);
  }

  async restoreTriggers(): Promise<void> {
    for (const t of this.triggers) await this.tx.exec(t.definition);
  }

  async restorePrimaryKey(): Promise<void> {
    const pk = this.primaryKey;
    if (pk) await this.tx.exec(`ALTER TABLE workers ADD CONSTRAINT ${quoteIdent(pk.name)} ${pk.definition}`);
  }

  /**
   * Builds the dropped indexes again, one by one (PostgreSQL sorts each btree index with its parallel
   * workers, max_parallel_maintenance_workers). A NIK twice among the new rows fails here: all or nothing.
   */
  async rebuildIndexes(afterEach?: (built: number) => void): Promise<void> {
    for (const [i, ix] of this.indexes.entries()) {
      await this.tx.exec(ix.definition);
      afterEach?.(i + 1);
    }
  }
}

/**
 * The name keys of new workers, for a load that dropped `workers_name_keys_on_insert`: `keys` is a query
 * of distinct name keys. With `workers` locked nobody else can add keys (only its triggers write them),
 * so when the keys' table is free at once it is locked too, its listed indexes dropped and built again
 * after a plain insert: a list of real names brings hundreds of thousands of new keys (850,000 new
 * keys: 7.1 s through the index, 4.9 s so). Taken only without waiting: a search holding the keys'
 * table while it waits for `workers` would otherwise deadlock with this load; then the keys go in
 * through the index.
 */
export async function addNameKeys(tx: Queryable, keys: string, values: readonly unknown[]): Promise<void> {
  if (!(await lockAtOnce(tx, 'worker_name_keys'))) {
    await tx.query(
      `INSERT INTO worker_name_keys (name_key) ${keys} ORDER BY 1 ON CONFLICT DO NOTHING`,
      values,
    );
    return;
  }
  const indexes = await listedIndexes(tx, 'worker_name_keys', NAME_KEY_LOAD_INDEXES);
  for (const ix of indexes) await tx.exec(`DROP INDEX ${quoteIdent(ix.name)}`);
  await tx.query(
    `INSERT INTO worker_name_keys (name_key)
     SELECT k.name_key FROM (${keys}) k
     WHERE NOT EXISTS (SELECT FROM worker_name_keys n WHERE n.name_key = k.name_key) ORDER BY 1`,
    values,
  );
  for (const ix of indexes) await tx.exec(ix.definition);
}

/** The listed indexes of the table that exist, other than its primary key's and constraints', with the SQL that makes each. */
async function listedIndexes(tx: Queryable, table: string, names: readonly string[]): Promise<Definition[]> {
  const r = await tx.query<Definition>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND c.relname = ANY($2::text[]) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     ORDER BY c.relname`,
    [table, names],
  );
  return r.rows;
}

/** The table's primary key (name and definition) when no foreign key refers to it, else null. */
async function unreferencedPrimaryKey(tx: Queryable, table: string): Promise<Definition | null> {
  const r = await tx.query<Definition>(
    `SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS definition FROM pg_constraint k
     WHERE k.conrelid = $1::regclass AND k.contype = 'p'
       AND NOT EXISTS (SELECT FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = k.conrelid)`,
    [table],
  );
  return r.rows[0] ?? null;
}
