import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { DraftInputError } from '../../../src/server/desk/letter-draft';
import { latestDraftFile, listAudit } from '../../../src/server/desk/audit';
import { listDrafts, pullDrafts, startDraft } from '../../../src/server/desk/drafts';
import { describeEachDb } from '../db-harness';
import { makeEditor, makeQuestion } from './helpers';

// A disk that fails on the next write of a file of this name (EIO), to show such a failure
// is reported as one, never taken for "a file of that name is already there".
const disk = vi.hoisted(() => ({ failWriteOf: undefined as string | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof real.writeFile = (file, ...rest) => {
    if (typeof file === 'string' && disk.failWriteOf && file.endsWith(disk.failWriteOf)) {
      return Promise.reject(Object.assign(new Error('i/o error, write'), { code: 'EIO' }));
    }
    return real.writeFile(file, ...rest);
  };
  return { ...real, default: { ...real, writeFile }, writeFile };
});

const known = {
  topics: new Set(['care-repair', 'first-bag']),
  columnists: new Set(['pursebop']),
  store: 'files' as const,
};

describeEachDb('start a draft', (target) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pursebop-drafts-'));
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await target.cleanup();
  });

  it('with DRAFT_STORE=files, writes the draft once, never overwrites it, and offers a download where it cannot write', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const question = await makeQuestion(db, { pseudonym: 'Scuffed', topic: 'care-repair' });
    const now = new Date('2026-01-05T09:00:00Z');
    const letters = path.join(dir, target.name);
    rmSync(letters, { recursive: true, force: true });
    mkdirSync(letters);

    const first = await startDraft(db, editor, question, { columnist: 'pursebop', now, dir: letters, ...known });
    expect(first.written).toBe(true);
    const file = path.join(letters, first.draft.fileName);
    expect(readFileSync(file, 'utf8')).toBe(first.draft.content);
    expect(first.draft.content).toContain('pseudonym: "Scuffed"');

    const again = await startDraft(db, editor, question, { columnist: 'pursebop', now, dir: letters, ...known });
    expect(again).toMatchObject({ written: false, reason: 'exists' });

    const nowhere = await startDraft(db, editor, question, {
      columnist: 'pursebop',
      now,
      dir: path.join(letters, 'missing'),
      ...known,
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

  it('stores the draft in the database, whichever instance made it, and drafts:pull writes it out once', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const question = await makeQuestion(db, { pseudonym: 'No Disk', topic: 'first-bag' });
    const now = new Date('2026-02-01T10:00:00Z');
    const letters = path.join(dir, `${target.name}-pulled`);
    rmSync(letters, { recursive: true, force: true });
    const opts = { ...known, store: 'database' as const, columnist: 'pursebop', now, dir: letters };

    const first = await startDraft(db, editor, question, opts);
    expect(first).toMatchObject({ stored: true, written: false });
    // The desk finds the stored draft again from the audit trail of the question.
    expect(await latestDraftFile(db, question.id)).toBe(first.draft.fileName);
    // Nothing reached any disk: the draft is in the database, listed for the desk.
    expect(() => readdirSync(letters)).toThrow();
    const [listed] = await listDrafts(db, { pending: true, limit: 10 });
    expect(listed).toMatchObject({ questionId: question.id, fileName: first.draft.fileName, pulledAt: null });
    expect(listed?.content).toBe(first.draft.content);
    expect(listed?.createdBy).toBe(editor.displayName);
    expect(await startDraft(db, editor, question, opts)).toMatchObject({
      stored: false,
      written: false,
      reason: 'exists',
    });
    // The audit says so too, and the desk still finds the stored draft.
    expect(await latestDraftFile(db, question.id)).toBeUndefined();

    const pulled = await pullDrafts(db, letters, now.getTime());
    expect(pulled).toEqual({ written: [path.join(letters, first.draft.fileName)], conflicts: [] });
    expect(readFileSync(path.join(letters, first.draft.fileName), 'utf8')).toBe(first.draft.content);
    expect(await listDrafts(db, { pending: true, limit: 10 })).toEqual([]);
    // The desk's "all drafts" view still lists it, as pulled.
    expect(await listDrafts(db, { pending: false, limit: 10 })).toMatchObject([
      { fileName: first.draft.fileName, pulledAt: now.getTime() },
    ]);
    expect(await pullDrafts(db, letters)).toEqual({ written: [], conflicts: [] });
  });

  it('drafts:pull never overwrites a different file of the same name, and keeps that draft waiting', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const question = await makeQuestion(db, { pseudonym: 'Clash', topic: 'care-repair' });
    const letters = path.join(dir, `${target.name}-clash`);
    rmSync(letters, { recursive: true, force: true });
    mkdirSync(letters, { recursive: true });
    const made = await startDraft(db, editor, question, { ...known, store: 'database', columnist: 'pursebop' });
    const file = path.join(letters, made.draft.fileName);
    writeFileSync(file, 'an editor already started this letter by hand');
    expect(await pullDrafts(db, letters)).toEqual({ written: [], conflicts: [file] });
    expect(readFileSync(file, 'utf8')).toBe('an editor already started this letter by hand');
    expect(await listDrafts(db, { pending: true, limit: 10 })).toHaveLength(1);
  });

  it('drafts:pull finishes a run that stopped between writing a file and marking it pulled', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const question = await makeQuestion(db, { pseudonym: 'Halfway', topic: 'care-repair' });
    const letters = path.join(dir, `${target.name}-halfway`);
    rmSync(letters, { recursive: true, force: true });
    mkdirSync(letters, { recursive: true });
    const made = await startDraft(db, editor, question, { ...known, store: 'database', columnist: 'pursebop' });
    writeFileSync(path.join(letters, made.draft.fileName), made.draft.content);
    expect(await pullDrafts(db, letters)).toEqual({ written: [], conflicts: [] });
    expect(await listDrafts(db, { pending: true, limit: 10 })).toEqual([]);
  });

  it('drafts:pull writes the oldest draft first and never writes a pulled draft again', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const letters = path.join(dir, `${target.name}-order`);
    rmSync(letters, { recursive: true, force: true });
    const older = await startDraft(db, editor, await makeQuestion(db, { pseudonym: 'Older', topic: 'first-bag' }), {
      ...known,
      store: 'database',
      columnist: 'pursebop',
      now: new Date('2026-03-01T10:00:00Z'),
    });
    const newer = await startDraft(db, editor, await makeQuestion(db, { pseudonym: 'Newer', topic: 'first-bag' }), {
      ...known,
      store: 'database',
      columnist: 'pursebop',
      now: new Date('2026-03-02T10:00:00Z'),
    });
    const files = [older, newer].map((d) => path.join(letters, d.draft.fileName));
    expect(await pullDrafts(db, letters)).toEqual({ written: files, conflicts: [] });
    // The editor moved the files on; a later pull must not bring them back.
    rmSync(letters, { recursive: true, force: true });
    expect(await pullDrafts(db, letters)).toEqual({ written: [], conflicts: [] });
    expect(readdirSync(letters)).toEqual([]);
  });

  it('refuses a stored question whose topic is not a topic, and writes nothing', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const question = await makeQuestion(db, { pseudonym: 'Tampered', topic: 'care-repair' });
    // A row that never passed the live form, as a tampered backup could leave it.
    await db.run('UPDATE questions SET topic = ? WHERE id = ?', ['care-repair]\nfeatured: true\nx: [', question.id]);
    const tampered = { ...question, topic: 'care-repair]\nfeatured: true\nx: [' };
    const letters = path.join(dir, `${target.name}-tampered`);
    mkdirSync(letters, { recursive: true });
    await expect(startDraft(db, editor, tampered, { columnist: 'pursebop', dir: letters, ...known })).rejects.toThrow(
      DraftInputError,
    );
    expect(readdirSync(letters)).toEqual([]);
  });

  it('a disk failure while writing a draft is reported as such, and the draft stays waiting', async () => {
    const db = await target.open();
    const editor = await makeEditor(db);
    const letters = path.join(dir, `${target.name}-eio`);
    rmSync(letters, { recursive: true, force: true });
    mkdirSync(letters, { recursive: true });
    const question = await makeQuestion(db, { pseudonym: 'Bad Disk', topic: 'first-bag' });
    const stored = await startDraft(db, editor, question, { ...known, store: 'database', columnist: 'pursebop' });
    disk.failWriteOf = stored.draft.fileName;
    try {
      await expect(
        startDraft(db, editor, question, { ...known, columnist: 'pursebop', dir: letters }),
      ).rejects.toMatchObject({ code: 'EIO' });
      await expect(pullDrafts(db, letters)).rejects.toMatchObject({ code: 'EIO' });
    } finally {
      disk.failWriteOf = undefined;
    }
    expect(await latestDraftFile(db, question.id)).toBe(stored.draft.fileName);
    expect(await listDrafts(db, { pending: true, limit: 10 })).toHaveLength(1);
    expect((await pullDrafts(db, letters)).written).toEqual([path.join(letters, stored.draft.fileName)]);
  });
});
