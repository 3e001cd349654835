import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFingerprint } from '../../../scripts/build-fingerprint.ts';

const content = mkdtempSync(path.join(tmpdir(), 'pursebop-fingerprint-'));
cpSync('content/topics.json', path.join(content, 'topics.json'));
afterAll(() => {
  rmSync(content, { recursive: true, force: true });
});

describe('the build fingerprint npm start compares with the last build', () => {
  const env = { CONTENT_DIR: content, SITE_URL: 'http://localhost:4321' };

  it('stays the same while nothing changes', () => {
    expect(buildFingerprint(process.cwd(), env)).toBe(buildFingerprint(process.cwd(), env));
  });

  it('changes with a letter, a new file, or a setting baked into the pages', () => {
    const before = buildFingerprint(process.cwd(), env);
    writeFileSync(path.join(content, 'topics.json'), '[]');
    const edited = buildFingerprint(process.cwd(), env);
    expect(edited).not.toBe(before);
    writeFileSync(path.join(content, 'new-letter.mdx'), '---\n---\n');
    expect(buildFingerprint(process.cwd(), env)).not.toBe(edited);
    expect(buildFingerprint(process.cwd(), { ...env, SITE_URL: 'https://example.org' })).not.toBe(
      buildFingerprint(process.cwd(), env),
    );
  });
});
