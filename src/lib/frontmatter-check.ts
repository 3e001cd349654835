/**
 * Checks a letter's frontmatter the way an editor reads it: each problem names the field, the
 * value given and what is expected, in plain words. Runs over every letter before Astro's own
 * validation, so one build lists every broken letter instead of stopping at the first.
 */

/** Ids the references in a letter may point at. */
export interface KnownIds {
  columnists: ReadonlySet<string>;
  topics: ReadonlySet<string>;
  letters: ReadonlySet<string>;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The value as the editor typed it, short enough for one line. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "'an invalid date'" : value.toISOString().slice(0, 10);
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function isDay(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (typeof value !== 'string' || !ISO_DAY.test(value.trim())) return false;
  return !Number.isNaN(new Date(`${value.trim()}T00:00:00Z`).getTime());
}

function dayOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : new Date(`${String(value).trim()}T00:00:00Z`).getTime();
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);
const list = (items: ReadonlySet<string>) => [...items].sort().join(', ');

/** Every problem in one letter's frontmatter, as sentences starting with the field name. */
export function frontmatterProblems(data: Record<string, unknown>, known: KnownIds): string[] {
  const problems: string[] = [];
  const fail = (field: string, expected: string) => {
    problems.push(`${field} must be ${expected}; got ${shown(data[field])}`);
  };
  const sized = (field: string, min: number, max: number, what: string) => {
    const value = text(data[field]);
    if (value === undefined || value.length < min || value.length > max) fail(field, what);
  };

  sized('headline', 8, 140, "the reader's question in quotes, 8 to 140 characters");
  sized('summary', 20, 240, 'one sentence in quotes, 20 to 240 characters');
  if (!isDay(data.pubDate)) fail('pubDate', 'a date like 2026-05-19');
  if (data.updatedDate !== undefined) {
    if (!isDay(data.updatedDate)) fail('updatedDate', 'a date like 2026-05-19, or left out');
    else if (isDay(data.pubDate) && dayOf(data.updatedDate) < dayOf(data.pubDate))
      fail('updatedDate', `on or after pubDate (${shown(data.pubDate)})`);
  }
  const columnist = text(data.columnist);
  if (columnist === undefined || !known.columnists.has(columnist))
    fail('columnist', `the file name of a columnist in content/columnists/ (one of: ${list(known.columnists)})`);
  sized('pseudonym', 1, 60, 'how the writer signs the letter, in quotes, up to 60 characters');

  const topics = data.topics;
  if (!Array.isArray(topics) || topics.length < 1 || topics.length > 4)
    fail('topics', 'a list of 1 to 4 topic ids in brackets, like [first-bag, care-repair]');
  else {
    const unknown = topics.filter((t) => typeof t !== 'string' || !known.topics.has(t));
    if (unknown.length > 0) fail('topics', `topic ids from content/topics.json (one of: ${list(known.topics)})`);
  }
  const brands = data.brands;
  if (
    brands !== undefined &&
    (!Array.isArray(brands) || brands.length > 6 || brands.some((b) => typeof b !== 'string' || b.trim() === ''))
  )
    fail('brands', 'a list of up to 6 brand names in brackets, like ["Hermès", "Chanel"], or left out');
  for (const flag of ['draft', 'featured']) {
    if (data[flag] !== undefined && typeof data[flag] !== 'boolean') fail(flag, 'true or false, or left out');
  }
  const related = data.related;
  if (related !== undefined) {
    if (!Array.isArray(related) || related.length > 6) fail('related', 'a list of up to 6 letter slugs, or left out');
    else if (related.some((r) => typeof r !== 'string' || !known.letters.has(r)))
      fail('related', 'the slugs of other letters (the file name without its date and .mdx)');
  }
  if (data.followUpTo !== undefined) {
    const original = text(data.followUpTo);
    if (original === undefined || !known.letters.has(original))
      fail('followUpTo', 'the slug of another letter (the file name without its date and .mdx), or left out');
  }
  const hero = data.hero;
  if (hero !== undefined) {
    const h = typeof hero === 'object' && hero !== null ? (hero as Record<string, unknown>) : {};
    if (!text(h.image))
      problems.push(`hero.image must be the path of a picture, like ./images/bag.jpg; got ${shown(h.image)}`);
    if (!text(h.alt))
      problems.push(`hero.alt must describe the picture for readers who cannot see it; got ${shown(h.alt)}`);
    if (!text(h.credit)) problems.push(`hero.credit must say who made the picture; got ${shown(h.credit)}`);
  }
  return problems;
}

/** One message for the whole build: every broken letter, each problem on its own line under its file. */
export function frontmatterReport(broken: readonly { file: string; problems: readonly string[] }[]): string {
  const noun = broken.length === 1 ? 'letter has' : 'letters have';
  const lines = broken.flatMap(({ file, problems }) => [`${file}:`, ...problems.map((p) => `  - ${p}`)]);
  return `${String(broken.length)} ${noun} frontmatter mistakes; fix them and build again:\n${lines.join('\n')}`;
}
