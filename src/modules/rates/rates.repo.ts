import type { RateKind } from '../../contracts/rates.js';
import type { Queryable } from '../../platform/db/index.js';

export interface RateVersionRow {
  id: string;
  kind: RateKind;
  /** YYYY-MM-DD */
  effective_from: string;
  regulation: string;
  note: string | null;
  rules: Record<string, unknown>;
  entered_by: string;
  entered_by_label: string;
  entered_at: Date;
}

const COLUMNS = `id, kind, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, regulation, note, rules,
  entered_by, entered_by_label, entered_at`;
/** Newest first: the version in force on a date is the first of these on or before it. */
const NEWEST_FIRST = 'effective_from DESC, entered_at DESC, id DESC';

/** The only place that speaks SQL for rate versions (append-only: no update, no delete). */
export function createRatesRepo(q: Queryable) {
  return {
    async all(kind?: RateKind): Promise<RateVersionRow[]> {
      const { rows } = await q.query<RateVersionRow>(
        `SELECT ${COLUMNS} FROM rate_versions WHERE ($1::text IS NULL OR kind = $1)
         ORDER BY kind, ${NEWEST_FIRST}`,
        [kind ?? null],
      );
      return rows;
    },

    async findById(id: string): Promise<RateVersionRow | null> {
      const { rows } = await q.query<RateVersionRow>(`SELECT ${COLUMNS} FROM rate_versions WHERE id = $1`, [
        id,
      ]);
      return rows[0] ?? null;
    },

    /** The version of `kind` in force on `date` (YYYY-MM-DD). */
    async inForce(kind: RateKind, date: string): Promise<RateVersionRow | null> {
      const { rows } = await q.query<RateVersionRow>(
        `SELECT ${COLUMNS} FROM rate_versions WHERE kind = $1 AND effective_from <= $2::date
         ORDER BY ${NEWEST_FIRST} LIMIT 1`,
        [kind, date],
      );
      return rows[0] ?? null;
    },

    async insert(v: {
      kind: RateKind;
      effectiveFrom: string;
      regulation: string;
      note: string | null;
      rules: unknown;
      enteredBy: string;
      enteredByLabel: string;
      enteredAt: Date;
    }): Promise<RateVersionRow> {
      const { rows } = await q.query<RateVersionRow>(
        `INSERT INTO rate_versions (kind, effective_from, regulation, note, rules, entered_by, entered_by_label, entered_at)
         VALUES ($1, $2::date, $3, $4, $5::jsonb, $6, $7, $8) RETURNING ${COLUMNS}`,
        [
          v.kind,
          v.effectiveFrom,
          v.regulation,
          v.note,
          JSON.stringify(v.rules),
          v.enteredBy,
          v.enteredByLabel,
          v.enteredAt,
        ],
      );
      return rows[0]!;
    },
  };
}
