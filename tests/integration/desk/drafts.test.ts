import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { listAudit } from '../../../src/server/desk/audit';
import { startDraft } from '../../../src/server/desk/drafts';
import { describeEachDb } from '../db-harness';
import { makeEditor, makeQuestion } from './helpers';

describeEachDb('start a draft', (target) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pursebop-drafts-'));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await target.cleanup();
  });

  it('writes the draft once, never overwrites it, and offers a download where it cannot write', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const question = await makeQuestion(db, { pseudonym: 'Scuffed', topic: 'care-repair' });
    const now = new Date('2026-01-05T09:00:00Z');
    const letters = path.join(dir, target.name);
    rmSync(letters, { recursive: true, force: true });
    mkdirSync(letters);

    const first = await startDraft(db, editor, question, { columnist: 'pursebop', now, dir: letters });
    expect(first.written).toBe(true);
    const file = path.join(letters, first.draft.fileName);
    expect(readFileSync(file, 'utf8')).toBe(first.draft.content);
    expect(first.draft.content).toContain('pseudonym: "Scuffed"');

    const again = await startDraft(db, editor, question, { columnist: 'pursebop', now, dir: letters });
    expect(again).toMatchObject({ written: false, reason: 'exists' });

    const nowhere = await startDraft(db, editor, question, {
      columnist: 'pursebop',
      now,
      dir: path.join(letters, 'missing'),
    });
    expect(nowhere).toMatchObject({ written: false, reason: 'read-only' });
    expect(nowhere.draft.content).toBe(first.draft.content);

    const audit = await listAudit(db, { limit: 5, offset: 0 });
    expect(audit.map((a) => a.detail)).toEqual([
      `download ${first.draft.fileName}`,
      `already there: ${first.draft.fileName}`,
      `wrote ${first.draft.fileName}`,
    ]);
  });
});
