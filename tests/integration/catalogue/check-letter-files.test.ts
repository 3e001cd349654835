import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLetterFiles, FrontmatterError } from '../../../src/catalogue/check-letter-files';

const content = mkdtempSync(path.join(tmpdir(), 'pursebop-check-'));
cpSync('content/topics.json', path.join(content, 'topics.json'));
cpSync('content/columnists', path.join(content, 'columnists'), { recursive: true });
cpSync('content/letters', path.join(content, 'letters'), { recursive: true });
const good = readFileSync('content/letters/2024-01-23-is-this-pre-spend.mdx', 'utf8');
writeFileSync(path.join(content, 'letters', '2025-01-01-broken.mdx'), good.replace(/^pubDate: .*$/m, 'pubDate: soon'));
afterAll(() => {
  rmSync(content, { recursive: true, force: true });
});

describe('the frontmatter check before a build', () => {
  it('names a broken letter in a full build', () => {
    expect(() => {
      checkLetterFiles(content);
    }).toThrow(FrontmatterError);
  });

  it('reads only the letters a quick publish renders, and still names a broken one among them', () => {
    expect(() => {
      checkLetterFiles(content, ['2024-01-23-is-this-pre-spend.mdx']);
    }).not.toThrow();
    expect(() => {
      checkLetterFiles(content, ['2025-01-01-broken.mdx']);
    }).toThrow(/2025-01-01-broken\.mdx/);
  });
});
