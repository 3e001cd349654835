import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { letterFileName, scaffoldLetter } from '../../../src/lib/letter-scaffold';

// Each case builds a throwaway copy of the project with one bad letter added, so content/ is never touched.
const root = process.cwd();
const skipped = new Set(['node_modules', '.git', 'data', 'test-results', 'playwright-report', '.astro', 'bench']);
const copies: string[] = [];

function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pursebop-broken-'));
  copies.push(dir);
  for (const name of readdirSync(root)) {
    if (skipped.has(name) || name.startsWith('dist')) continue;
    cpSync(join(root, name), join(dir, name), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const goodFrontmatter = {
  headline: '"Is this a fixture letter for the build test?"',
  summary: '"A letter that exists only inside a temporary copy of the project."',
  pubDate: '2024-01-01',
  columnist: 'pursebop',
  pseudonym: '"Test Writer"',
  topics: '[first-bag]',
};

function buildWithLetter(overrides: Record<string, string>): { status: number | null; output: string; file: string } {
  const fields = { ...goodFrontmatter, ...overrides };
  const frontmatter = Object.entries(fields)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
  const file = '2024-01-01-broken-fixture.mdx';
  return buildWithFile(file, `---\n${frontmatter}\n---\n\n<Letter>\n\nHi.\n\n</Letter>\n`);
}

function buildWithFile(file: string, source: string): { status: number | null; output: string; file: string } {
  const dir = projectCopy();
  writeFileSync(join(dir, 'content/letters', file), source);
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      ASTRO_OUT_DIR: join(dir, 'dist'),
      ASTRO_CACHE_DIR: join(dir, '.astro-cache'),
      NO_COLOR: '1',
    },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}`, file };
}

afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('a frontmatter mistake stops the build', { timeout: 180_000 }, () => {
  // The control case: the same harness with a freshly scaffolded draft builds cleanly,
  // so the failures below come from the mistakes and not from the copy.
  it('builds a copy with a new scaffolded letter', () => {
    const input = {
      headline: 'Is the scaffold valid as written?',
      day: '2024-02-02',
      columnist: 'pursebop',
      topic: 'first-bag',
    };
    const { status, output } = buildWithFile(letterFileName(input), scaffoldLetter(input));
    expect(output).not.toMatch(/InvalidContentEntryDataError|frontmatter field/);
    expect(status).toBe(0);
  });

  it('names the file, the field and what was expected for an empty pseudonym', () => {
    const { status, output, file } = buildWithLetter({ pseudonym: '""' });
    expect(status).not.toBe(0);
    expect(output).toContain(`content/letters/${file}`);
    expect(output).toContain(
      "pseudonym must be how the writer signs the letter, in quotes, up to 60 characters; got ''",
    );
  });

  it('names the file and field for a date that is not a date', () => {
    const { status, output, file } = buildWithLetter({ pubDate: 'sometime-soon' });
    expect(status).not.toBe(0);
    expect(output).toContain(`content/letters/${file}`);
    expect(output).toContain("pubDate must be a date like 2026-05-19; got 'sometime-soon'");
  });

  it('lists every broken letter at once, each with its file, field, value and what is expected', () => {
    const dir = projectCopy();
    const letter = (over: Record<string, string>) =>
      `---\n${Object.entries({ ...goodFrontmatter, ...over })
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n')}\n---\n\n<Letter>\n\nHi.\n\n</Letter>\n`;
    writeFileSync(join(dir, 'content/letters/2024-01-01-wrong-date.mdx'), letter({ pubDate: '19th of May' }));
    writeFileSync(join(dir, 'content/letters/2024-01-02-who-answers.mdx'), letter({ columnist: 'nobody' }));
    const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        ASTRO_OUT_DIR: join(dir, 'dist'),
        ASTRO_CACHE_DIR: join(dir, '.astro-cache'),
        NO_COLOR: '1',
      },
    });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status).not.toBe(0);
    expect(output).toContain('2 letters have frontmatter mistakes');
    expect(output).toContain('content/letters/2024-01-01-wrong-date.mdx:');
    expect(output).toContain("pubDate must be a date like 2026-05-19; got '19th of May'");
    expect(output).toContain('content/letters/2024-01-02-who-answers.mdx:');
    expect(output).toMatch(
      /columnist must be the file name of a columnist in content\/columnists\/ \(one of: .*pursebop.*\); got 'nobody'/,
    );
  });

  it('names the file and field when the columnist does not exist', () => {
    const { status, output, file } = buildWithLetter({ columnist: 'nobody-at-all' });
    expect(status).not.toBe(0);
    expect(output).toContain(`content/letters/${file}:`);
    expect(output).toContain('columnist must be the file name of a columnist in content/columnists/');
    expect(output).toContain("got 'nobody-at-all'");
  });
});
