/** Values a query parameter may take; booleans are stored as 0/1 on both databases. */
export type SqlValue = string | number | bigint | null | Uint8Array;

export type Dialect = 'sqlite' | 'postgres';

/** What a write reports back. */
export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/** How a single statement may be handled. */
export interface QueryOptions {
  /**
   * false: a write that may be acknowledged before it reaches the disk (rate-limit
   * counters and other data that is cheap to lose). It is still committed, in order.
   */
  durable?: boolean;
}

/**
 * The one data-access surface for SQLite and PostgreSQL. SQL uses `?` placeholders
 * (translated to $1… for PostgreSQL); write portable SQL (INSERT … RETURNING,
 * ON CONFLICT … DO UPDATE, no dialect-only functions).
 */
export interface Db {
  readonly dialect: Dialect;
  all<T>(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<T | undefined>;
  run(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<RunResult>;
  /** Runs fn inside one transaction; it is rolled back if fn throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
