import pg from 'pg';
import { config } from '../config';
import type { Db, RunResult, SqlValue } from './types';

// BIGINT columns hold millisecond timestamps and ids that fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/** `?` placeholders → `$1, $2, …` (our SQL never puts `?` inside string literals). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${String(++n)}`);
}

type Queryable = Pick<pg.Pool, 'query'>;

function wrap(q: Queryable, pool: pg.Pool): Db {
  const exec = (sql: string, params: readonly SqlValue[] = []): Promise<pg.QueryResult> =>
    q.query(toPgPlaceholders(sql), params as unknown[]);
  return {
    dialect: 'postgres',
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await exec(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) => (await exec(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly SqlValue[]): Promise<RunResult> => ({
      changes: (await exec(sql, params)).rowCount ?? 0,
    }),
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (q !== pool) return fn(wrap(q, pool));
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, pool));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: config().PG_POOL_SIZE });
  // An idle client losing its connection must not crash the server.
  pool.on('error', () => undefined);
  return wrap(pool, pool);
}
