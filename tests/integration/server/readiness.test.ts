import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/server/db';
import { migrate } from '../../../src/server/db/migrate';
import { migrations } from '../../../src/server/db/migrations';
import { openSqlite } from '../../../src/server/db/sqlite';
import { checkReadiness } from '../../../src/server/readiness';

describe('readiness', () => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('is ready once every migration is applied', async () => {
    db = openSqlite(':memory:');
    await migrate(db, migrations);
    expect(await checkReadiness(db, migrations)).toEqual({ ready: true });
  });

  it('names the migrations a database still lacks', async () => {
    db = openSqlite(':memory:');
    await migrate(db, migrations.slice(0, 2));
    const result = await checkReadiness(db, migrations);
    expect(result.ready).toBe(false);
    expect(result.ready ? '' : result.reason).toContain(String(migrations[2]?.id));
  });

  it('fails (throws) when the database has no schema at all', async () => {
    db = openSqlite(':memory:');
    await expect(checkReadiness(db, migrations)).rejects.toThrow();
  });
});
