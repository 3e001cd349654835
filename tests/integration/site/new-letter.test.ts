import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Runs the real `npm run new:letter` script against a scratch folder instead of content/letters.
const lettersDir = mkdtempSync(join(tmpdir(), 'pursebop-new-letter-'));
afterAll(() => {
  rmSync(lettersDir, { recursive: true, force: true });
});

function newLetter(...args: string[]) {
  const result = spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), ['scripts/new-letter.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LETTERS_DIR: lettersDir },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run new:letter', { timeout: 60_000 }, () => {
  it('writes a dated draft named after the headline', () => {
    const run = newLetter('Can I wear my Kelly to the beach?');
    expect(run.status).toBe(0);
    const [file] = readdirSync(lettersDir);
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}-can-i-wear-my-kelly-to-the-beach\.mdx$/);
    const source = readFileSync(join(lettersDir, file ?? ''), 'utf8');
    expect(source).toContain('headline: "Can I wear my Kelly to the beach?"');
    expect(source).toContain('draft: true');
    expect(run.stdout).toContain(file);
  });
  it('refuses to overwrite an existing letter', () => {
    const run = newLetter('Can I wear my Kelly to the beach?');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/already exists/);
    expect(readdirSync(lettersDir)).toHaveLength(1);
  });
  it('explains what is missing when no headline is given', () => {
    const run = newLetter();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/give the headline in quotes/);
  });
});
