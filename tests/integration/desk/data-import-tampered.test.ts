import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import {
  exportData,
  ImportError,
  importData,
  parseExport,
  serializeExport,
  type ExportFile,
} from '../../../src/server/data/json-dump';
import { renderReplyMarkdown } from '../../../src/server/replies/markdown';
import type { ReplyRow } from '../../../src/server/replies/repository';
import { listForReader } from '../../../src/server/replies/service';
import { describeEachDb } from '../db-harness';
import { makeQuestion, makeReply } from './helpers';

const KNOWN = { topics: new Set(['first-bag', 'care-repair']), columnistNames: new Set(['PurseBop']) };
const PAYLOAD =
  '<script>alert(document.cookie)</script><a href="javascript:alert(1)" onclick="x()">Verify your order</a>';

/** An export of a small, honest database: one question and one published reply. */
async function honestExport(open: () => Promise<Parameters<typeof exportData>[0]>): Promise<ExportFile> {
  const db = await open();
  await makeQuestion(db, { pseudonym: 'Honest Asker', topic: 'care-repair' });
  await makeReply(db, { status: 'published', body: 'A **kind** reply with [a link](https://example.com/guide).' });
  return parseExport(serializeExport(await exportData(db)));
}

/** Sets one cell of the first row of a table, as someone editing the backup by hand would. */
function tamper(file: ExportFile, table: string, column: string, value: string | number | null): ExportFile {
  const copy = structuredClone(file);
  const t = copy.tables[table];
  const row = t?.rows[0];
  if (!t || !row) throw new Error(`no ${table} row to tamper with`);
  row[t.columns.indexOf(column)] = value;
  return copy;
}

describeEachDb('importing a tampered backup', (target) => {
  afterAll(() => target.cleanup());

  it('renders reply HTML from the Markdown and never serves the file’s body_html', async () => {
    const file = tamper(await honestExport(() => target.open()), 'replies', 'body_html', PAYLOAD);
    const db = await target.open();
    await importData(db, file, KNOWN);
    const row = await db.get<ReplyRow>('SELECT * FROM replies');
    expect(row?.body_html).toBe(renderReplyMarkdown(row?.body_markdown ?? ''));
    expect(row?.body_html).toContain('<strong>kind</strong>');

    const page = await listForReader(
      db,
      { letterId: row?.letter_id ?? '', sort: 'oldest', page: 1, tokens: [] },
      {
        clientKey: 'reader',
        now: Date.now(),
        policy: 'publish',
        blockedWords: [],
        letterExists: () => Promise.resolve(true),
      },
    );
    const served = page.replies.map((r) => r.bodyHtml).join('');
    expect(served).toContain('<strong>kind</strong>');
    expect(served).not.toMatch(/<script|javascript:|onclick|Verify your order/);
  });

  it('renders the HTML even when the file leaves the body_html column out', async () => {
    const file = await honestExport(() => target.open());
    const replies = file.tables.replies;
    if (!replies) throw new Error('no replies table');
    const at = replies.columns.indexOf('body_html');
    replies.columns.splice(at, 1);
    for (const row of replies.rows) row.splice(at, 1);
    const db = await target.open();
    await importData(db, file, KNOWN);
    expect((await db.get<ReplyRow>('SELECT * FROM replies'))?.body_html).toContain('href="https://example.com/guide"');
  });

  it('keeps the Markdown as text: raw HTML in it is escaped, not served as markup', async () => {
    const file = tamper(await honestExport(() => target.open()), 'replies', 'body_markdown', PAYLOAD);
    const db = await target.open();
    await importData(db, file, KNOWN);
    const html = (await db.get<ReplyRow>('SELECT * FROM replies'))?.body_html ?? '';
    expect(html).not.toMatch(/<script|<a /);
    expect(html).toContain('&lt;script&gt;');
  });

  const refused: [string, string, string, string | number | null, RegExp][] = [
    [
      'a Columnist badge on a reader’s name',
      'replies',
      'is_columnist',
      1,
      /is_columnist: a badged reply must be signed/,
    ],
    ['a topic that is not a topic', 'questions', 'topic', 'no-such-topic', /topic: not a topic/],
    ['YAML smuggled in a topic', 'questions', 'topic', 'care-repair]\nfeatured: true\nx: [', /topic/],
    ['an empty pseudonym', 'questions', 'pseudonym', ' ', /pseudonym/],
    ['a pseudonym /ask would refuse', 'questions', 'pseudonym', 'x'.repeat(61), /pseudonym/],
    ['a moderation state that does not exist', 'replies', 'status', 'approved', /status/],
    ['an empty reply', 'replies', 'body_markdown', '   ', /body_markdown/],
    ['a reply name over the limit', 'replies', 'author_name', 'n'.repeat(61), /author_name/],
    ['a depth the site never stores', 'replies', 'depth', 9, /depth/],
    ['a letter address with a path in it', 'replies', 'letter_id', '../admin', /letter_id: not a letter address/],
    ['a number where text belongs', 'questions', 'body', 42, /body/],
    ['a status token hash that is not one', 'questions', 'status_token_hash', 'x', /status_token_hash/],
  ];
  for (const [what, table, column, value, message] of refused) {
    it(`refuses ${what}, names the row, and stores nothing`, async () => {
      const file = tamper(await honestExport(() => target.open()), table, column, value);
      const db = await target.open();
      const attempt = importData(db, file, KNOWN);
      await expect(attempt).rejects.toThrow(ImportError);
      await expect(attempt).rejects.toThrow(message);
      await expect(attempt).rejects.toThrow(new RegExp(`Row 1 of "${table}" \\(id \\d+\\)`));
      expect(await db.all('SELECT id FROM questions')).toEqual([]);
      expect(await db.all('SELECT id FROM replies')).toEqual([]);
    });
  }

  it('accepts a badged reply signed by a columnist', async () => {
    const honest = await honestExport(() => target.open());
    const file = tamper(tamper(honest, 'replies', 'is_columnist', 1), 'replies', 'author_name', 'PurseBop');
    const db = await target.open();
    await importData(db, file, KNOWN);
    expect((await db.get<ReplyRow>('SELECT * FROM replies'))?.is_columnist).toBe(1);
  });

  it('refuses a column named twice', async () => {
    const file = await honestExport(() => target.open());
    const q = file.tables.questions;
    if (!q) throw new Error('no questions table');
    q.columns.push('topic');
    for (const row of q.rows) row.push('first-bag');
    await expect(importData(await target.open(), file, KNOWN)).rejects.toThrow(/names a column twice/);
  });
});

describe('npm run data:import with a tampered backup', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pursebop-import-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the real script against its own SQLite file; topics and columnists come from the content folder. */
  function dataImport(file: ExportFile, name: string) {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, serializeExport(file));
    const env: NodeJS.ProcessEnv = { ...process.env, SQLITE_PATH: join(dir, `${name}.sqlite`) };
    delete env.DATABASE_URL;
    return spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['scripts/desk/data-import.ts', path], {
      encoding: 'utf8',
      env,
    });
  }

  const base: ExportFile = {
    format: 'dear-pursebop-export',
    version: 1,
    tables: {
      replies: {
        columns: [
          'id',
          'letter_id',
          'depth',
          'author_name',
          'body_markdown',
          'body_html',
          'status',
          'is_columnist',
          'client_key',
          'replier_key',
          'fingerprint',
          'created_at',
          'updated_at',
        ],
        rows: [
          [1, 'my-sa-left', 1, 'Ines Hartley', 'Hello *there*.', PAYLOAD, 'published', 1, 'desk', 'desk', 'f', 1, 1],
        ],
      },
    },
  };

  it('accepts a columnist named in content/columnists and stores rendered HTML', () => {
    const run = dataImport(base, 'columnist');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Imported 1 replies');
    const db = new DatabaseSync(join(dir, 'columnist.sqlite'));
    try {
      expect(db.prepare('SELECT body_html, is_columnist FROM replies').get()).toEqual({
        body_html: '<p>Hello <em>there</em>.</p>',
        is_columnist: 1,
      });
    } finally {
      db.close();
    }
  });

  it('refuses a badge for a name that is not a columnist, with a message and no stack trace', () => {
    const file = structuredClone(base);
    const row = file.tables.replies?.rows[0];
    if (row) row[3] = 'Your Bank';
    const run = dataImport(file, 'impostor');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Row 1 of "replies" \(id 1\) is not something this site would store: is_columnist/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
