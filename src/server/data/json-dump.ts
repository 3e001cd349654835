import { z } from 'astro/zod';
import { importRowSchemas, type ImportKnown } from '../../schemas/import';
import type { Db, SqlValue } from '../db';
import { renderReplyMarkdown } from '../replies/markdown';

/**
 * What an export holds, in the order an import must insert it (parents before children).
 * Editors, sessions, the outbox and rate-limit counters are deliberately left out: they
 * are either secrets or transient. Confirmed addresses and sent confirmation requests are
 * in: they are readers' personal data, and a restore without them would silently stop their
 * notifications or mail them a second confirmation. An older export without those tables
 * still imports.
 */
export const EXPORT_TABLES = [
  { name: 'questions', key: ['id'] },
  { name: 'question_events', key: ['id'] },
  { name: 'replies', key: ['id'] },
  { name: 'reply_votes', key: ['reply_id', 'voter_key'] },
  { name: 'approved_repliers', key: ['replier_key'] },
  { name: 'notify_unsubscribes', key: ['email'] },
  { name: 'notify_confirmations', key: ['email', 'replier_key'] },
  { name: 'notify_confirm_requests', key: ['reply_id'] },
  { name: 'imported_comments', key: ['source', 'source_id'] },
  { name: 'audit_log', key: ['id'] },
] as const;

export type ExportTableName = (typeof EXPORT_TABLES)[number]['name'];

/** Tables whose `id` comes from an identity column that PostgreSQL must be told about after an import. */
const IDENTITY_TABLES = new Set(['questions', 'question_events', 'replies', 'audit_log']);

export const EXPORT_FORMAT = 'dear-pursebop-export';
export const EXPORT_VERSION = 1;

const cell = z.union([z.string(), z.number(), z.null()]);

export const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT, {
    error: `This is not a Dear PurseBop export (expected "format": "${EXPORT_FORMAT}").`,
  }),
  version: z.literal(EXPORT_VERSION, { error: `Only version ${String(EXPORT_VERSION)} exports can be imported.` }),
  tables: z.record(
    z.string(),
    z.object({
      columns: z.array(z.string().regex(/^[a-z_][a-z0-9_]*$/, 'column names are lower-case identifiers')),
      rows: z.array(z.array(cell)),
    }),
  ),
});

export type ExportFile = z.infer<typeof exportSchema>;

/** Column names of a table in declaration order, read from the live schema. */
export async function tableColumns(db: Db, table: string): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const rows = await db.all<{ name: string }>(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, [table]);
    return rows.map((r) => r.name);
  }
  const rows = await db.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

function compareCells(a: SqlValue, b: SqlValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  // Code-point order, the same whatever collation the database uses.
  return String(a) < String(b) ? -1 : 1;
}

/** Every exported table as columns + rows, sorted by key: the same data always gives the same bytes. */
export async function exportData(db: Db): Promise<ExportFile> {
  const tables: ExportFile['tables'] = {};
  for (const t of EXPORT_TABLES) {
    const columns = await tableColumns(db, t.name);
    const records = await db.all<Record<string, string | number | null>>(`SELECT ${columns.join(', ')} FROM ${t.name}`);
    const keyIndexes = t.key.map((k) => columns.indexOf(k));
    const rows = records.map((r) => columns.map((c) => r[c] ?? null));
    rows.sort((a, b) => {
      for (const i of keyIndexes) {
        const d = compareCells(a[i] ?? null, b[i] ?? null);
        if (d !== 0) return d;
      }
      return 0;
    });
    tables[t.name] = { columns, rows };
  }
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, tables };
}

export function serializeExport(data: ExportFile): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

export class ImportError extends Error {
  override name = 'ImportError';
}

/** Parses and validates an export file's text; every problem comes back as an ImportError with a plain message. */
export function parseExport(text: string): ExportFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ImportError(`The file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportError(
      `The export is malformed at ${issue?.path.length ? issue.path.join('.') : 'the top level'}: ${issue?.message ?? ''}`,
    );
  }
  return parsed.data;
}

/**
 * Checks one row against its table's import rule and returns the values to store, in `columns` order.
 * Stored values are the file's own; only what the site derives is rebuilt: a reply's HTML is rendered
 * from its Markdown here, whatever the file says, so a tampered backup cannot put markup on a page.
 */
function checkedRow(
  table: ExportTableName,
  schemas: ReturnType<typeof importRowSchemas>,
  fileColumns: readonly string[],
  columns: readonly string[],
  row: readonly SqlValue[],
  index: number,
): SqlValue[] {
  const record: Record<string, SqlValue> = Object.fromEntries(fileColumns.map((c, i) => [c, row[i] ?? null]));
  const parsed = schemas[table].safeParse(record);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    const rowId = typeof record.id === 'number' ? ` (id ${String(record.id)})` : '';
    throw new ImportError(
      `Row ${String(index + 1)} of "${table}"${rowId} is not something this site would store: ${where}${issue?.message ?? 'invalid'}.`,
    );
  }
  if (table === 'replies') record.body_html = renderReplyMarkdown(String(record.body_markdown));
  return columns.map((c) => record[c] ?? null);
}

/**
 * Loads an export into a database whose exported tables are all empty, in one transaction:
 * either everything lands or nothing does. Every row must pass its table's import rule
 * (src/schemas/import.ts), checked against the content's topics and columnists. Returns rows
 * inserted per table.
 */
export async function importData(db: Db, data: ExportFile, known: ImportKnown): Promise<Record<string, number>> {
  const names = new Set<string>(EXPORT_TABLES.map((t) => t.name));
  for (const name of Object.keys(data.tables)) {
    if (!names.has(name)) throw new ImportError(`The export has a table this site does not know: "${name}".`);
  }
  const schemas = importRowSchemas(known);
  return db
    .transaction(async (tx) => {
      const counts: Record<string, number> = {};
      for (const t of EXPORT_TABLES) {
        const existing = await tx.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t.name}`);
        if ((existing?.n ?? 0) > 0) {
          throw new ImportError(`The table "${t.name}" already has rows; import only into an empty database.`);
        }
      }
      for (const t of EXPORT_TABLES) {
        const table = data.tables[t.name];
        if (!table) continue;
        const live = new Set(await tableColumns(tx, t.name));
        const unknown = table.columns.filter((c) => !live.has(c));
        if (unknown.length)
          throw new ImportError(`"${t.name}" has columns this site does not know: ${unknown.join(', ')}.`);
        if (new Set(table.columns).size !== table.columns.length)
          throw new ImportError(`"${t.name}" names a column twice.`);
        // A reply's HTML is always written, from its Markdown, even when the file leaves the column out.
        const columns =
          t.name === 'replies' && !table.columns.includes('body_html')
            ? [...table.columns, 'body_html']
            : table.columns;
        const sql = `INSERT INTO ${t.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        for (const [i, row] of table.rows.entries()) {
          if (row.length !== table.columns.length) {
            throw new ImportError(
              `Row ${String(i + 1)} of "${t.name}" has ${String(row.length)} values for ${String(table.columns.length)} columns.`,
            );
          }
          await tx.run(sql, checkedRow(t.name, schemas, table.columns, columns, row, i));
        }
        counts[t.name] = table.rows.length;
        if (tx.dialect === 'postgres' && IDENTITY_TABLES.has(t.name) && table.rows.length > 0) {
          // Explicit ids do not advance an identity sequence; move it past them so new rows do not collide.
          await tx.run(`SELECT setval(pg_get_serial_sequence('${t.name}', 'id'), (SELECT MAX(id) FROM ${t.name}))`);
        }
      }
      return counts;
    })
    .catch((err: unknown) => {
      if (err instanceof ImportError) throw err;
      throw new ImportError(`The import was rolled back: ${err instanceof Error ? err.message : String(err)}`);
    });
}
