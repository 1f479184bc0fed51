import type { Queryable } from '../../platform/db/index.js';

/** Counts of recent failed sign-ins, by the keys the guard looks at. */
export interface FailureCounts {
  /** This account from this client, within the short window. */
  accountFromClient: number;
  /** Anything from this client, within the short window. */
  client: number;
  /** This account from clients without its device cookie, within the hour. */
  accountUntrusted: number;
  /** When the oldest failure that counts against each key leaves its window. */
  oldest: { accountFromClient: Date | null; client: Date | null; accountUntrusted: Date | null };
}

export function createSignInRepo(db: Queryable) {
  return {
    async counts(account: string, client: string, windowSeconds: number): Promise<FailureCounts> {
      const [row] = await db.query<{
        account_from_client: number;
        client_total: number;
        account_untrusted: number;
        oldest_account_from_client: Date | null;
        oldest_client: Date | null;
        oldest_account_untrusted: Date | null;
      }>(
        `SELECT
           count(*) FILTER (WHERE account = $1 AND client = $2 AND at > now() - make_interval(secs => $3::float8))::int AS account_from_client,
           count(*) FILTER (WHERE client = $2 AND at > now() - make_interval(secs => $3::float8))::int AS client_total,
           count(*) FILTER (WHERE account = $1 AND NOT trusted)::int AS account_untrusted,
           min(at) FILTER (WHERE account = $1 AND client = $2 AND at > now() - make_interval(secs => $3::float8)) AS oldest_account_from_client,
           min(at) FILTER (WHERE client = $2 AND at > now() - make_interval(secs => $3::float8)) AS oldest_client,
           min(at) FILTER (WHERE account = $1 AND NOT trusted) AS oldest_account_untrusted
         FROM accounts.sign_in_failures
         WHERE (account = $1 OR client = $2) AND at > now() - interval '1 hour'`,
        [account, client, windowSeconds],
      );
      return {
        accountFromClient: row?.account_from_client ?? 0,
        client: row?.client_total ?? 0,
        accountUntrusted: row?.account_untrusted ?? 0,
        oldest: {
          accountFromClient: row?.oldest_account_from_client ?? null,
          client: row?.oldest_client ?? null,
          accountUntrusted: row?.oldest_account_untrusted ?? null,
        },
      };
    },

    async failed(account: string, client: string, trusted: boolean): Promise<void> {
      await db.query('INSERT INTO accounts.sign_in_failures (account, client, trusted) VALUES ($1, $2, $3)', [
        account,
        client,
        trusted,
      ]);
      // The table keeps one hour: old rows go as new ones come (one in a hundred inserts sweeps).
      if (Math.random() < 0.01)
        await db.query("DELETE FROM accounts.sign_in_failures WHERE at < now() - interval '1 hour'");
    },

    async succeeded(account: string, client: string): Promise<void> {
      await db.query('DELETE FROM accounts.sign_in_failures WHERE account = $1 AND client = $2', [
        account,
        client,
      ]);
    },

    /** The named secret of this installation, made at random the first time it is asked for. */
    async secret(name: string, make: () => string): Promise<string> {
      await db.query(
        'INSERT INTO accounts.secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
        [name, make()],
      );
      const [row] = await db.query<{ value: string }>('SELECT value FROM accounts.secrets WHERE name = $1', [
        name,
      ]);
      if (!row) throw new Error(`secret ${name} missing`);
      return row.value;
    },
  };
}
