import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../../../src/server/data/private-file';

const dir = mkdtempSync(path.join(tmpdir(), 'private-file-'));
const mode = (file: string) => statSync(file).mode & 0o777;

describe('writePrivateFile', () => {
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file readable by its owner only', () => {
    const file = path.join(dir, 'new.json');
    writePrivateFile(file, '{"email":"a@example.com"}\n');
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('{"email":"a@example.com"}\n');
  });

  it('narrows the rights of a file that was world-readable, and replaces its text', () => {
    const file = path.join(dir, 'old.json');
    writeFileSync(file, 'an older, longer export that must not survive');
    chmodSync(file, 0o644);
    writePrivateFile(file, 'new');
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('new');
  });
});
