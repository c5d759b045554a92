import type { Role } from '../../platform/context.js';
import type { Queryable } from '../../platform/db/index.js';
import { Params } from '../../platform/db/sql.js';
import type { ResourceScope } from '../../platform/scope.js';
import type { UserPlace } from './users.scope.js';

export interface UserRow {
  id: string;
  email: string;
  full_name: string;
  role: Role;
  region_codes: string[];
  sponsor_id: string | null;
  /** The sponsor's name, joined where users are listed and shown. */
  sponsor_name?: string | null;
  password_hash: string;
  is_active: boolean;
  password_changed_at: Date;
  created_at: Date;
  updated_at: Date;
}

export interface SessionRow {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
}

/** A user row `u` (a CTE) with its sponsor's name: reads the sponsors module's table, never writes it. */
const WITH_SPONSOR = `SELECT u.*, s.name AS sponsor_name FROM u LEFT JOIN sponsors s ON s.id = u.sponsor_id`;

export function createUsersRepo(db: Queryable) {
  return {
    async insert(
      u: Pick<UserRow, 'email' | 'full_name' | 'role' | 'region_codes' | 'password_hash'> &
        Partial<Pick<UserRow, 'sponsor_id'>>,
    ): Promise<UserRow> {
      const r = await db.query<UserRow>(
        `WITH u AS (
           INSERT INTO users (email, full_name, role, region_codes, password_hash, sponsor_id)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING *)
         ${WITH_SPONSOR}`,
        [u.email, u.full_name, u.role, u.region_codes, u.password_hash, u.sponsor_id ?? null],
      );
      return r.rows[0]!;
    },
    async findByEmail(email: string): Promise<UserRow | null> {
      const r = await db.query<UserRow>(
        `WITH u AS (SELECT * FROM users WHERE lower(email) = lower($1)) ${WITH_SPONSOR}`,
        [email],
      );
      return r.rows[0] ?? null;
    },
    async findById(id: string): Promise<UserRow | null> {
      const r = await db.query<UserRow>(`WITH u AS (SELECT * FROM users WHERE id = $1) ${WITH_SPONSOR}`, [
        id,
      ]);
      return r.rows[0] ?? null;
    },
    async list(scope: ResourceScope<UserPlace>): Promise<UserRow[]> {
      const p = new Params();
      const r = await db.query<UserRow>(
        `WITH u AS (SELECT * FROM users u WHERE ${scope.where('u', p)})
         ${WITH_SPONSOR} ORDER BY u.role, lower(u.email)`,
        p.values,
      );
      return r.rows;
    },
    /**
     * A sponsor a sponsor officer may be given: whether it exists, is active, and where it is. Locked
     * (FOR SHARE) until the transaction ends, so it cannot be deactivated before the user row is written.
     */
    async sponsorFor(id: string): Promise<{ name: string; region_code: string; is_active: boolean } | null> {
      const r = await db.query<{ name: string; region_code: string; is_active: boolean }>(
        'SELECT name, region_code, is_active FROM sponsors WHERE id = $1 FOR SHARE',
        [id],
      );
      return r.rows[0] ?? null;
    },
    async setPassword(id: string, hash: string, now: Date): Promise<void> {
      await db.query(
        'UPDATE users SET password_hash = $2, password_changed_at = $3, updated_at = $3 WHERE id = $1',
        [id, hash, now],
      );
    },
    async update(
      id: string,
      fields: Partial<Pick<UserRow, 'full_name' | 'role' | 'region_codes' | 'sponsor_id' | 'is_active'>>,
      now: Date,
    ): Promise<UserRow | null> {
      const entries = Object.entries(fields);
      const sets = entries.map(([k], i) => `${k} = $${i + 3}`);
      const r = await db.query<UserRow>(
        `WITH u AS (UPDATE users SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1 RETURNING *)
         ${WITH_SPONSOR}`,
        [id, now, ...entries.map(([, v]) => v)],
      );
      return r.rows[0] ?? null;
    },

    async insertSession(s: SessionRow & { ip: string | null }): Promise<void> {
      await db.query(
        `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, last_seen_at, ip)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [s.token_hash, s.user_id, s.csrf_token, s.expires_at, s.last_seen_at, s.ip],
      );
    },
    async findSession(tokenHash: string): Promise<SessionRow | null> {
      const r = await db.query<SessionRow>('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
      return r.rows[0] ?? null;
    },
    async touchSession(tokenHash: string, now: Date, expiresAt: Date): Promise<void> {
      await db.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1', [
        tokenHash,
        now,
        expiresAt,
      ]);
    },
    async deleteSession(tokenHash: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async deleteSessionsOf(userId: string, exceptTokenHash?: string): Promise<void> {
      await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2', [
        userId,
        exceptTokenHash ?? null,
      ]);
    },

    async insertToken(t: {
      token_hash: string;
      name: string;
      user_id: string;
      region_codes: string[] | null;
      expires_at: Date | null;
    }) {
      const r = await db.query<{ id: string }>(
        `INSERT INTO api_tokens (token_hash, name, user_id, region_codes, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [t.token_hash, t.name, t.user_id, t.region_codes, t.expires_at],
      );
      return r.rows[0]!.id;
    },
    async findToken(tokenHash: string) {
      const r = await db.query<{
        id: string;
        user_id: string;
        region_codes: string[] | null;
        expires_at: Date | null;
        revoked_at: Date | null;
      }>('SELECT id, user_id, region_codes, expires_at, revoked_at FROM api_tokens WHERE token_hash = $1', [
        tokenHash,
      ]);
      return r.rows[0] ?? null;
    },
    async touchToken(id: string, now: Date) {
      await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [id, now]);
    },
    async revokeToken(id: string, now: Date) {
      await db.query('UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [id, now]);
    },
    async listTokens(userId?: string) {
      const r = await db.query<{
        id: string;
        name: string;
        user_id: string;
        email: string;
        region_codes: string[] | null;
        created_at: Date;
        expires_at: Date | null;
        revoked_at: Date | null;
        last_used_at: Date | null;
      }>(
        `SELECT t.id, t.name, t.user_id, u.email, t.region_codes, t.created_at, t.expires_at, t.revoked_at, t.last_used_at
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE $1::uuid IS NULL OR t.user_id = $1 ORDER BY t.created_at`,
        [userId ?? null],
      );
      return r.rows;
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
