import { parseFrontmatter } from '@astrojs/markdown-remark';
import { z } from 'astro/zod';
import type { ImageFunction } from 'astro:content';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLetters, type GeneratedLetter } from '../../../bench/lib/corpus.ts';
import { readColumnistIds, readTopicIds, writeCorpus } from '../../../bench/lib/write-corpus.ts';
import { letterIdFromPath } from '../../../src/lib/letter-id';
import { letterSchema } from '../../../src/schemas/letter';

const contentDir = path.resolve('content');
const topics = await readTopicIds(contentDir);
const columnists = await readColumnistIds(contentDir);
const letters = generateLetters({ count: 300, seed: 11, topics, columnists });

// Generated letters carry no hero image, so the image helper only has to be a schema.
// The corpus ranges, written out here so a change in the generator cannot move them.
const RANGES = {
  letter: { words: [150, 250], paragraphs: [2, 3] },
  answer: { words: [400, 700], paragraphs: [5, 8] },
} as const;

const image = (() => z.string()) as unknown as ImageFunction;
const schema = letterSchema(image);

interface Blocks {
  letter: string[];
  answer: string[];
  update: string[];
}

/** Paragraph blocks inside each component; tables and lists are separate, non-prose blocks. */
function blocksOf(source: string): Blocks {
  const section = (tag: string): string[] => {
    const m = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`).exec(source);
    return m?.[1]
      ? m[1]
          .split(/\n\s*\n/)
          .map((b) => b.trim())
          .filter(Boolean)
      : [];
  };
  return { letter: section('Letter'), answer: section('Answer'), update: section('Update') };
}

const isProse = (block: string): boolean => !block.startsWith('|') && !block.startsWith('- ');
const words = (blocks: string[]): number => blocks.join(' ').split(/\s+/).filter(Boolean).length;

function frontmatterOf(letter: GeneratedLetter): unknown {
  return parseFrontmatter(letter.source).frontmatter;
}

describe('bench corpus generator', () => {
  it('gives byte-identical letters for the same seed and different ones for another seed', () => {
    const again = generateLetters({ count: 300, seed: 11, topics, columnists });
    expect(again).toEqual(letters);
    const other = generateLetters({ count: 300, seed: 12, topics, columnists });
    expect(other.map((l) => l.source)).not.toEqual(letters.map((l) => l.source));
  });

  it('keeps letters, answers and updates within their word and paragraph ranges', () => {
    for (const l of letters) {
      const b = blocksOf(l.source);
      const ranges = [
        ['letter', b.letter.filter(isProse), RANGES.letter],
        ['answer', b.answer.filter(isProse), RANGES.answer],
      ] as const;
      for (const [name, prose, limit] of ranges) {
        expect(words(prose), `${l.fileName} ${name} words`).toBeGreaterThanOrEqual(limit.words[0]);
        expect(words(prose), `${l.fileName} ${name} words`).toBeLessThanOrEqual(limit.words[1]);
        expect(prose.length, `${l.fileName} ${name} paragraphs`).toBeGreaterThanOrEqual(limit.paragraphs[0]);
        expect(prose.length, `${l.fileName} ${name} paragraphs`).toBeLessThanOrEqual(limit.paragraphs[1]);
      }
      if (b.update.length) expect(words(b.update)).toBeGreaterThanOrEqual(40);
    }
  });

  it('writes frontmatter the site schema accepts, with references that resolve', async () => {
    const ids = new Set(letters.map((l) => l.id));
    expect(ids.size).toBe(letters.length);
    for (const l of letters) {
      expect(letterIdFromPath(l.fileName)).toBe(l.id);
      const parsed = await schema.safeParseAsync(frontmatterOf(l));
      expect(parsed.error?.issues, l.fileName).toBeUndefined();
      if (!parsed.success) continue;
      const d = parsed.data;
      expect(columnists).toContain(d.columnist.id);
      for (const t of d.topics) expect(topics).toContain(t.id);
      for (const r of d.related) expect(ids.has(r.id), `${l.fileName} pins ${r.id}`).toBe(true);
      expect(l.fileName.startsWith(d.pubDate.toISOString().slice(0, 10))).toBe(true);
    }
  });

  it('spreads dates over 15 years and mixes in tables, lists, updates and pinned letters', async () => {
    const years = new Set<number>();
    for (const l of letters) {
      const parsed = await schema.parseAsync(frontmatterOf(l));
      years.add(parsed.pubDate.getUTCFullYear());
    }
    expect(Math.min(...years)).toBe(2011);
    expect(Math.max(...years)).toBe(2025);
    expect(letters.some((l) => /^\| --- \|/m.test(l.source))).toBe(true);
    expect(letters.some((l) => /^- /m.test(l.source))).toBe(true);
    expect(letters.some((l) => l.source.includes('<Update date="'))).toBe(true);
    expect(letters.some((l) => /^related: \[/m.test(l.source))).toBe(true);
    expect(letters.filter((l) => l.source.includes('featured: true'))).toHaveLength(1);
  });

  describe('writeCorpus', () => {
    const made: string[] = [];
    afterAll(async () => {
      await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
    });

    it('lays out letters, columnists and topics like content/', async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'bench-corpus-'));
      made.push(dir);
      const written = await writeCorpus({ dir, contentDir, count: 25, seed: 3 });
      expect((await readdir(path.join(dir, 'letters'))).sort()).toEqual(written.map((l) => l.fileName).sort());
      expect((await readdir(path.join(dir, 'columnists'))).sort()).toEqual(columnists.map((c) => `${c}.md`));
      expect(await readFile(path.join(dir, 'topics.json'), 'utf8')).toBe(
        await readFile(path.join(contentDir, 'topics.json'), 'utf8'),
      );
    });

    it('refuses to write into the real content folder', async () => {
      await expect(
        writeCorpus({ dir: path.join(contentDir, 'letters'), contentDir, count: 1, seed: 1 }),
      ).rejects.toThrow(/refusing/);
      await expect(writeCorpus({ dir: contentDir, contentDir, count: 1, seed: 1 })).rejects.toThrow(/refusing/);
    });
  });
});
