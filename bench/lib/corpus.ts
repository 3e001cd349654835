import { createRng, type Rng } from './prng.ts';
import { BRANDS, drawPseudonym, drawWord, fillTemplate, headlineTemplates, summaryTemplates } from './vocabulary.ts';

/** Word and paragraph ranges of the generated letters. */
export const LIMITS = {
  letter: { words: [150, 250], paragraphs: [2, 3] },
  answer: { words: [400, 700], paragraphs: [5, 8] },
  update: { words: [40, 90], paragraphs: [1, 1] },
} as const;

/** Publication dates spread over 15 years; fixed so a seed always means the same corpus. */
const FIRST_DAY = Date.UTC(2011, 0, 1);
const DAYS = 15 * 365;
const DAY_MS = 86_400_000;

export interface CorpusOptions {
  /** How many letters to generate. */
  count: number;
  /** PRNG seed; the same seed and inputs give byte-identical files. */
  seed: number;
  /** Topic ids from topics.json. */
  topics: readonly string[];
  /** Columnist ids (file names in columnists/). */
  columnists: readonly string[];
}

export interface GeneratedLetter {
  /** File name under letters/, `YYYY-MM-DD-slug.mdx`. */
  fileName: string;
  /** The letter's id (file name without date and extension). */
  id: string;
  /** Full MDX source. */
  source: string;
}

/** Sentences in the column's voice, mixed with drawn words so prose is not pure noise. */
const SENTENCES = [
  'I have saved for this bag for a long time and I do not want to get it wrong.',
  'My associate has always been kind, but I never know what I am allowed to ask.',
  'The leather still smells wonderful, which somehow makes the mark on it worse.',
  'Everyone online seems certain, and no two of them agree with each other.',
  'I keep it in its dust bag on a shelf, stuffed with tissue, as I was told to.',
  'Take a breath before you do anything you cannot undo.',
  'A bag you carry is worth more to you than a bag you guard.',
  'Ask for the paperwork, and read it slowly before you pay anything.',
  'A good workshop will tell you when a repair is not worth doing.',
  'There is no rule that says your first bag has to be your last.',
  'Waiting lists reward patience, but they should never cost you your peace of mind.',
  'Test any product in a hidden spot and wait a full day before you judge it.',
  'Resale prices move with fashion, so buy for love and treat value as a bonus.',
  'If the seller hurries you, that is your answer.',
  'Honest wear tells a story; careless repairs tell a different one.',
];

const LEADS = [
  'Start with the paperwork.',
  'Do less than you think.',
  'Buy for the life you have.',
  'Ask plainly.',
  'Let the leather rest.',
  'Keep every receipt.',
  'Trust the workshop.',
  'Compare like with like.',
];

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A sentence of exactly n drawn words. */
function drawnSentence(rng: Rng, n: number): string {
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(drawWord(rng));
  return `${capitalise(words.join(' '))}.`;
}

/** One paragraph of exactly `target` words (a short remainder of 1–2 words is folded into a drawn sentence). */
function paragraph(rng: Rng, target: number, lead?: string): string {
  const parts: string[] = lead ? [`**${lead}**`] : [];
  let words = lead ? wordCount(lead) : 0;
  while (words < target) {
    const left = target - words;
    const canned = rng.chance(0.35) ? rng.pick(SENTENCES) : undefined;
    if (canned && wordCount(canned) <= left - 3) {
      parts.push(canned);
      words += wordCount(canned);
      continue;
    }
    const n = left <= 22 ? left : rng.int(7, 18);
    parts.push(drawnSentence(rng, n));
    words += n;
  }
  return parts.join(' ');
}

/** Paragraph texts whose total lies in `words` and whose number lies in `paragraphs`. */
function prose(
  rng: Rng,
  limits: { words: readonly [number, number]; paragraphs: readonly [number, number] },
  leads = false,
) {
  const count = rng.int(limits.paragraphs[0], limits.paragraphs[1]);
  const total = rng.int(limits.words[0], limits.words[1]);
  const out: string[] = [];
  let left = total;
  for (let i = 0; i < count; i++) {
    const rest = count - i - 1;
    // Every later paragraph keeps at least 20 words, so the total stays exact.
    const drawn = Math.round((left / (count - i)) * (0.75 + rng.next() * 0.5));
    const share = rest === 0 ? left : Math.max(20, Math.min(drawn, left - 20 * rest));
    const lead = leads && i > 0 && rng.chance(0.4) ? rng.pick(LEADS) : undefined;
    out.push(paragraph(rng, share, lead));
    left -= share;
  }
  return out;
}

function table(rng: Rng): string {
  const rows = rng.sample(['Boutique', 'Resale platform', 'Auction house', 'Consignment shop', 'Private sale'], 3);
  const lines = ['| Where | What you pay | What to check |', '| --- | --- | --- |'];
  for (const r of rows) lines.push(`| ${r} | ${drawWord(rng)} ${drawWord(rng)} | ${drawWord(rng)} ${drawWord(rng)} |`);
  return lines.join('\n');
}

function list(rng: Rng): string {
  const items: string[] = [];
  const n = rng.int(3, 5);
  for (let i = 0; i < n; i++) items.push(`- ${drawnSentence(rng, rng.int(4, 10))}`);
  return items.join('\n');
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function slugify(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 8)
    .join('-');
}

/** YAML double-quoted scalar; JSON string syntax is valid YAML. */
const q = (s: string): string => JSON.stringify(s);

function oneLetter(rng: Rng, index: number, earlierIds: readonly string[], opts: CorpusOptions): GeneratedLetter {
  const brands = rng.sample(BRANDS, rng.int(0, 3));
  const mainBrand = brands[0] ?? rng.pick(BRANDS);
  const headline = fillTemplate(rng, rng.pick(headlineTemplates), mainBrand);
  const summary = fillTemplate(rng, rng.pick(summaryTemplates), mainBrand);
  const id = `${slugify(headline)}-${String(index + 1).padStart(5, '0')}`;
  const pubMs = FIRST_DAY + rng.int(0, DAYS - 1) * DAY_MS;
  const pubDate = isoDay(pubMs);
  const updateMs = rng.chance(0.12) ? pubMs + rng.int(7, 120) * DAY_MS : undefined;
  const related = index >= 5 && rng.chance(0.08) ? rng.sample(earlierIds, rng.int(1, 2)) : [];

  const front = [
    '---',
    `headline: ${q(headline)}`,
    `summary: ${q(summary)}`,
    `pubDate: ${pubDate}`,
    ...(updateMs === undefined ? [] : [`updatedDate: ${isoDay(updateMs)}`]),
    `columnist: ${rng.pick(opts.columnists)}`,
    `pseudonym: ${q(drawPseudonym(rng))}`,
    `topics: [${rng.sample(opts.topics, rng.int(1, 3)).join(', ')}]`,
    `brands: [${brands.map(q).join(', ')}]`,
    ...(related.length ? [`related: [${related.join(', ')}]`] : []),
    `featured: ${String(index === 0)}`,
    'draft: false',
    '---',
  ];

  const answer = prose(rng, LIMITS.answer, true);
  // Tables and lists are extra blocks between paragraphs; they do not count towards the prose ranges.
  if (rng.chance(0.15)) answer.splice(2, 0, table(rng));
  if (rng.chance(0.25)) answer.splice(answer.length - 1, 0, list(rng));

  const body = ['<Letter>', ...prose(rng, LIMITS.letter), '</Letter>', '<Answer>', ...answer, '</Answer>'];
  if (updateMs !== undefined) {
    body.push(`<Update date="${isoDay(updateMs)}">`, ...prose(rng, LIMITS.update), '</Update>');
  }
  return { fileName: `${pubDate}-${id}.mdx`, id, source: `${front.join('\n')}\n\n${body.join('\n\n')}\n` };
}

/** N letters in the site's MDX format, deterministic for a given seed and inputs. */
export function generateLetters(opts: CorpusOptions): GeneratedLetter[] {
  if (!Number.isInteger(opts.count) || opts.count < 1) throw new Error('count must be a positive integer');
  if (opts.topics.length === 0 || opts.columnists.length === 0)
    throw new Error('need at least one topic and columnist');
  const rng = createRng(opts.seed);
  const out: GeneratedLetter[] = [];
  const ids: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const letter = oneLetter(rng, i, ids, opts);
    out.push(letter);
    ids.push(letter.id);
  }
  return out;
}
