/** One run of excerpt text; `marked` runs are the words that matched the query. */
export interface ExcerptPart {
  text: string;
  marked: boolean;
}

/** Short words that match everywhere; highlighting them tells a reader nothing. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by do for from had has have i if in is it its me my no not of on or our so than that the their them then there they this to was we were what when which who will with you your'.split(
    ' ',
  ),
);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The character of a numeric reference; one no character has stays as written instead of throwing. */
function fromCodePoint(cp: number, whole: string): string {
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
}

/** Pagefind's excerpts are HTML-escaped text; the page shows them as text, so they are decoded once. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return fromCodePoint(parseInt(name.slice(2), 16), whole);
    if (name.startsWith('#')) return fromCodePoint(Number(name.slice(1)), whole);
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function push(parts: ExcerptPart[], text: string, marked: boolean): void {
  if (text.length === 0) return;
  const last = parts.at(-1);
  if (last?.marked === marked) last.text += text;
  else parts.push({ text, marked });
}

/**
 * Splits a Pagefind excerpt into plain and highlighted runs of plain text (never HTML).
 * A highlight covers only the word itself (not the punctuation Pagefind keeps with it),
 * and stop-words such as "or" are left unmarked.
 */
export function splitExcerpt(excerpt: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let marked = false;
  for (const piece of excerpt.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (!marked) push(parts, decodeEntities(piece), false);
    else {
      const text = decodeEntities(piece);
      const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(text);
      const [lead, word, tail] = [m?.[1] ?? '', m?.[2] ?? text, m?.[3] ?? ''];
      push(parts, lead, false);
      push(parts, word, !STOP_WORDS.has(word.toLowerCase()));
      push(parts, tail, false);
    }
  }
  return parts;
}
