import type { Db } from './db';
import type { Migration } from './db/migrate';

export type Readiness = { ready: true } | { ready: false; reason: string };

/** Whether the database answers and holds every migration this build knows. */
export async function checkReadiness(db: Db, migrations: readonly Migration[]): Promise<Readiness> {
  const rows = await db.all<{ id: number | string }>('SELECT id FROM schema_migrations');
  const applied = new Set(rows.map((r) => Number(r.id)));
  const missing = migrations.filter((m) => !applied.has(m.id)).map((m) => m.id);
  if (missing.length > 0) return { ready: false, reason: `migrations not applied: ${missing.join(', ')}` };
  return { ready: true };
}
