import { type Queryable, queryOne } from '../../platform/db/index.js';
import { containsPattern } from '../../platform/db/sql-params.js';
import { isUuid } from '../../platform/validation.js';
import type { ApiToken, Member } from './accounts.types.js';
import type { Role } from './actor.js';

export interface UserRow {
  id: string;
  name: string;
  fullname: string | null;
  email: string | null;
  about: string | null;
  password_hash: string | null;
  sysadmin: boolean;
  state: 'active' | 'deleted';
  created: Date;
}

const TOKEN_COLUMNS =
  'id, user_id AS "userId", name, created, last_used AS "lastUsed", expires_at AS "expiresAt"';

const USER_COLUMNS = 'id, name, fullname, email, about, password_hash, sysadmin, state, created';

export function createAccountsRepo(db: Queryable) {
  return {
    /** A new account; its address counts as confirmed unless `unconfirmed` (self-service sign-up). */
    insertUser(
      user: Omit<UserRow, 'created' | 'state'>,
      options: { unconfirmed?: boolean } = {},
    ): Promise<UserRow | null> {
      return queryOne<UserRow>(
        db,
        `INSERT INTO accounts.users (id, name, fullname, email, about, password_hash, sysadmin, email_verified)
         VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $4::text IS NOT NULL AND NOT $8 THEN now() END)
         RETURNING ${USER_COLUMNS}`,
        [
          user.id,
          user.name,
          user.fullname,
          user.email,
          user.about,
          user.password_hash,
          user.sysadmin,
          options.unconfirmed ?? false,
        ],
      );
    },

    /** Names of accounts by id (deleted accounts keep their `supprime-…` name). */
    async namesByIds(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.query<{ id: string; name: string }>(
        'SELECT id, name FROM accounts.users WHERE id = ANY($1::uuid[])',
        [[...new Set(ids)]],
      );
      return new Map(rows.map((row) => [row.id, row.name]));
    },

    /** Active accounts with a confirmed address, by id: who may be mailed. */
    contactsByIds(ids: readonly string[]): Promise<{ id: string; name: string; email: string }[]> {
      if (ids.length === 0) return Promise.resolve([]);
      return db.query(
        `SELECT id, name, email FROM accounts.users
         WHERE id = ANY($1::uuid[]) AND state = 'active' AND email IS NOT NULL AND email_verified IS NOT NULL`,
        [[...new Set(ids)]],
      );
    },

    findUserById(id: string): Promise<UserRow | null> {
      return queryOne<UserRow>(db, `SELECT ${USER_COLUMNS} FROM accounts.users WHERE id = $1`, [id]);
    },

    /** Which of name and email another account than `id` already has ('name', 'email' or null). */
    async takenByOther(id: string, name: string, email: string | null): Promise<'name' | 'email' | null> {
      const row = await queryOne<{ name: boolean }>(
        db,
        `SELECT name = $2 AS name FROM accounts.users
         WHERE id <> $1 AND (name = $2 OR ($3::text IS NOT NULL AND lower(email) = lower($3))) LIMIT 1`,
        [id, name, email],
      );
      return row ? (row.name ? 'name' : 'email') : null;
    },

    async updateUser(
      id: string,
      user: Pick<UserRow, 'name' | 'fullname' | 'email' | 'about' | 'sysadmin'>,
    ): Promise<void> {
      await db.query(
        `UPDATE accounts.users SET name = $2, fullname = $3, email = $4, about = $5, sysadmin = $6,
           state = 'active' WHERE id = $1`,
        [id, user.name, user.fullname, user.email, user.about, user.sysadmin],
      );
    },

    /** By id or by name, like every CKAN reference. */
    findUser(reference: string): Promise<UserRow | null> {
      return queryOne<UserRow>(
        db,
        `SELECT ${USER_COLUMNS} FROM accounts.users
         WHERE state = 'active' AND (name = $1 OR id::text = $1)`,
        [reference],
      );
    },

    /** Active users whose name or full name contains the text (case ignored), in the order asked. */
    listUsers(options: {
      text: string | null;
      order: 'name' | 'fullname' | 'created';
      limit: number | null;
      offset: number;
    }): Promise<UserRow[]> {
      const order = { name: 'name', fullname: 'lower(coalesce(fullname, name))', created: 'created' }[
        options.order
      ];
      const pattern = options.text === null ? null : containsPattern(options.text);
      return db.query<UserRow>(
        `SELECT ${USER_COLUMNS} FROM accounts.users
         WHERE state = 'active' AND ($1::text IS NULL OR name ILIKE $1 OR fullname ILIKE $1)
         ORDER BY ${order}, name LIMIT $2 OFFSET $3`,
        [pattern, options.limit, options.offset],
      );
    },

    findUserByLogin(login: string): Promise<UserRow | null> {
      return queryOne<UserRow>(
        db,
        `SELECT ${USER_COLUMNS} FROM accounts.users
         WHERE state = 'active' AND (name = $1 OR lower(email) = lower($1))`,
        [login],
      );
    },

    async emailTaken(email: string): Promise<boolean> {
      const rows = await db.query('SELECT 1 FROM accounts.users WHERE lower(email) = lower($1)', [email]);
      return rows.length > 0;
    },

    async nameTaken(name: string): Promise<boolean> {
      return (await db.query('SELECT 1 FROM accounts.users WHERE name = $1', [name])).length > 0;
    },

    /**
     * The token's user, when the token exists and has not expired. Its use is recorded at most once a
     * minute: a write on every request would make parallel requests with one token queue on its row.
     */
    async findUserByTokenHash(tokenSha256: string): Promise<UserRow | null> {
      const row = await queryOne<UserRow & { token_id: string; stale: boolean }>(
        db,
        `SELECT ${USER_COLUMNS.split(', ')
          .map((column) => `u.${column}`)
          .join(', ')}, t.id AS token_id,
           (t.last_used IS NULL OR t.last_used < now() - interval '1 minute') AS stale
         FROM accounts.api_tokens t JOIN accounts.users u ON u.id = t.user_id
         WHERE t.token_sha256 = $1 AND u.state = 'active' AND (t.expires_at IS NULL OR t.expires_at > now())`,
        [tokenSha256],
      );
      if (!row) return null;
      if (row.stale)
        await db.query('UPDATE accounts.api_tokens SET last_used = now() WHERE id = $1', [row.token_id]);
      const { token_id: _token, stale: _stale, ...user } = row;
      return user;
    },

    insertToken(token: {
      id: string;
      user_id: string;
      name: string;
      token_sha256: string;
      expires_at: Date | null;
    }): Promise<ApiToken | null> {
      return queryOne<ApiToken>(
        db,
        `INSERT INTO accounts.api_tokens (id, user_id, name, token_sha256, expires_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${TOKEN_COLUMNS}`,
        [token.id, token.user_id, token.name, token.token_sha256, token.expires_at],
      );
    },

    listTokens(userId: string): Promise<ApiToken[]> {
      return db.query<ApiToken>(
        `SELECT ${TOKEN_COLUMNS} FROM accounts.api_tokens
         WHERE user_id = $1 ORDER BY created DESC`,
        [userId],
      );
    },

    async findToken(id: string): Promise<ApiToken | null> {
      if (!isUuid(id)) return null;
      return queryOne<ApiToken>(db, `SELECT ${TOKEN_COLUMNS} FROM accounts.api_tokens WHERE id = $1`, [id]);
    },

    async deleteToken(id: string): Promise<void> {
      await db.query('DELETE FROM accounts.api_tokens WHERE id = $1', [id]);
    },

    async memberships(userId: string): Promise<Map<string, Role>> {
      const rows = await db.query<{ organization_id: string; role: Role }>(
        'SELECT organization_id, role FROM accounts.memberships WHERE user_id = $1',
        [userId],
      );
      return new Map(rows.map((row) => [row.organization_id, row.role]));
    },

    upsertMembership(organizationId: string, userId: string, role: Role): Promise<Member | null> {
      return queryOne<Member>(
        db,
        `WITH saved AS (
           INSERT INTO accounts.memberships (organization_id, user_id, role) VALUES ($1, $2, $3)
           ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role
           RETURNING organization_id, user_id, role, created)
         SELECT s.organization_id AS "organizationId", s.user_id AS "userId", u.name AS "userName", u.fullname,
                s.role, s.created
           FROM saved s JOIN accounts.users u ON u.id = s.user_id`,
        [organizationId, userId, role],
      );
    },

    async deleteMembership(organizationId: string, userId: string): Promise<boolean> {
      const rows = await db.query(
        'DELETE FROM accounts.memberships WHERE organization_id = $1 AND user_id = $2 RETURNING 1',
        [organizationId, userId],
      );
      return rows.length > 0;
    },

    listMembers(organizationId: string): Promise<Member[]> {
      return db.query<Member>(
        `SELECT m.organization_id AS "organizationId", m.user_id AS "userId", u.name AS "userName", u.fullname,
                m.role, m.created
         FROM accounts.memberships m JOIN accounts.users u ON u.id = m.user_id
         WHERE m.organization_id = $1 AND u.state = 'active' ORDER BY u.name`,
        [organizationId],
      );
    },
  };
}

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
