import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * Bounds that keep one comment's conversion linear in its length whatever the markup: nesting deeper
 * than MAX_DEPTH is flattened (its text kept), and a link target longer than MAX_HREF is dropped.
 */
const MAX_DEPTH = 32;
const MAX_HREF = 2000;

/** Elements that end a paragraph; their text starts a new block. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'aside',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'pre',
  'table',
  'tr',
  'hr',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
]);
/** Elements whose content is not comment text. */
const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'textarea', 'title']);
/** Elements without content or end tag. */
const VOID = new Set([
  'br',
  'hr',
  'img',
  'input',
  'meta',
  'link',
  'area',
  'base',
  'col',
  'embed',
  'source',
  'track',
  'wbr',
]);
const INLINE_MARKS: Record<string, 'strong' | 'em' | 'code'> = {
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  code: 'code',
  tt: 'code',
  kbd: 'code',
};

type Mark = 'strong' | 'em' | 'code' | 'a';

interface Frame {
  /** The element name as written, so its end tag can find it; the root has none, so no end tag closes it. */
  tag?: string;
  mark: Mark | undefined;
  href?: string | undefined;
  /** Text inside the element so far, already Markdown. */
  parts: string[];
}

interface Block {
  /** A list item rather than a paragraph. */
  item: boolean;
  quote: number;
  text: string;
}

/** Markdown's inline punctuation, backslash-escaped wherever it appears in text. */
const INLINE_SPECIAL = /[\\`*_[\]<>~|]/g;
/** `&` only where the renderer would read an entity. */
const ENTITY_LIKE = /&(?=#?[a-z0-9]{1,32};)/gi;
/** Escapes what would start a list or another block at the beginning of a line (`1.` becomes `1\.`). */
function escapeLineStart(line: string): string {
  return line.replace(/^(\d{1,9})([.)])/, '$1\\$2').replace(/^[-+#=]/, '\\$&');
}

function escapeText(text: string): string {
  return text.replace(INLINE_SPECIAL, '\\$&').replace(ENTITY_LIKE, '\\&');
}

/** A link target kept only when it is an absolute http(s) URL; returned in a form Markdown reads back intact. */
function safeHref(raw: string): string | undefined {
  const value = raw.trim();
  // The scheme test also rules out an empty or relative target, which the URL parser would reject anyway.
  if (value.length > MAX_HREF || !/^https?:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  // The URL serializer percent-encodes spaces, quotes and angle brackets; parentheses would end the destination.
  // Every character replaced here is past U+0020, so its code is two hex digits.
  return url.href.replace(/[()\\*_[\]`<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Wraps already-Markdown content in a mark, keeping outer whitespace outside so the mark still applies. */
function wrap(frame: Frame): string {
  const inner = frame.parts.join('');
  const lead = inner.slice(0, inner.length - inner.trimStart().length);
  const core = inner.trim();
  const trail = inner.slice(lead.length + core.length);
  if (frame.mark === 'a') {
    if (!frame.href) return inner;
    return `${lead}[${core || escapeText(frame.href)}](${frame.href})${trail}`;
  }
  if (core.length === 0) return inner;
  if (frame.mark === 'strong') return `${lead}**${core}**${trail}`;
  if (frame.mark === 'em') return `${lead}*${core}*${trail}`;
  return inner;
}

/** Inline code: raw text between backtick runs one longer than any inside it. */
function codeSpan(text: string): string {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Counts a conversion's elementary steps (tokens, loop turns, characters copied), so tests can check the work is linear. */
export interface WorkMeter {
  steps: number;
}

/**
 * Turns the HTML of a WordPress or Disqus comment into the Markdown subset replies use: paragraphs,
 * line breaks, emphasis, links, quotes, lists, code. Everything else is reduced to its text, and the
 * text is escaped, so the result holds no HTML and no Markdown the commenter did not mean. It uses
 * htmlparser2's tokenizer (entities decoded as browsers do, broken markup tolerated) and one pass with
 * a bounded stack, so the work grows linearly with the input and it never throws on any string.
 */
export function commentHtmlToMarkdown(html: string, meter?: WorkMeter): string {
  const work = meter ?? { steps: 0 };
  const blocks: Block[] = [];
  const root: Frame = { mark: undefined, parts: [] };
  const stack: Frame[] = [root];
  let quote = 0;
  let item = false;
  let skipping = 0;
  let codeDepth = 0;
  let tagName: string;
  let attrName: string;
  let attrValue: string;
  let href: string | undefined;

  const top = (): Frame => stack[stack.length - 1] ?? root;

  /** Text since the last tag, escaped as one run so an entity and the text around it are read together. */
  let pending: string[] = [];
  const addText = (text: string): void => {
    work.steps += 1 + text.length;
    if (skipping === 0) pending.push(text);
  };
  const endText = (): void => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    work.steps += text.length;
    if (codeDepth > 0) top().parts.push(text);
    else top().parts.push(escapeText(text.replace(/\s+/g, ' ')));
  };

  /** Closes the frames above `depth`, folding each into its parent. */
  const closeTo = (depth: number): void => {
    while (stack.length > depth) {
      const frame = stack.pop();
      if (!frame) break;
      work.steps += 1 + frame.parts.length;
      let piece: string;
      if (frame.mark === 'code') {
        codeDepth--;
        const text = frame.parts.join('').replace(/\s+/g, ' ');
        piece = text.trim() ? codeSpan(text) : text;
      } else {
        piece = wrap(frame);
      }
      // Each character is copied once per enclosing element, and there are at most MAX_DEPTH of those.
      work.steps += piece.length;
      top().parts.push(piece);
    }
  };

  /** Ends the current block: open marks are closed here and not carried into the next block. */
  const flush = (): void => {
    closeTo(1);
    const text = root.parts.join('');
    work.steps += 1 + root.parts.length + text.length;
    root.parts = [];
    const lines = text
      .split('\n')
      .map((line) => escapeLineStart(line.trim()))
      .filter((line) => line.length > 0);
    if (lines.length > 0) blocks.push({ item, quote, text: lines.join('  \n') });
  };

  const open = (name: string): void => {
    endText();
    if (SKIPPED.has(name)) {
      skipping++;
      return;
    }
    if (name === 'br') {
      closeTo(1);
      root.parts.push('\n');
      return;
    }
    if (BLOCKS.has(name)) {
      flush();
      return;
    }
    if (name === 'blockquote') {
      flush();
      quote = Math.min(quote + 1, MAX_DEPTH);
      return;
    }
    if (name === 'li') {
      flush();
      item = true;
      return;
    }
    if (name === 'ul' || name === 'ol') {
      flush();
      item = false;
      return;
    }
    if (VOID.has(name)) return;
    work.steps += stack.length;
    const mark: Mark | undefined =
      name === 'a' ? (stack.some((f) => f.mark === 'a') ? undefined : 'a') : INLINE_MARKS[name];
    // Past the depth bound, and inside code, an element is dropped and its text kept; its end tag then
    // matches nothing open and is ignored.
    if (stack.length > MAX_DEPTH || codeDepth > 0) return;
    if (mark === 'code') codeDepth++;
    stack.push({ tag: name, mark, href, parts: [] });
  };

  const close = (name: string): void => {
    endText();
    if (SKIPPED.has(name)) {
      if (skipping > 0) skipping--;
      return;
    }
    if (BLOCKS.has(name) || name === 'li') {
      flush();
      if (name === 'li') item = false;
      return;
    }
    if (name === 'blockquote') {
      flush();
      quote = Math.max(quote - 1, 0);
      return;
    }
    if (name === 'ul' || name === 'ol') {
      flush();
      item = false;
      return;
    }
    // The stack is at most MAX_DEPTH deep, so this search is bounded.
    work.steps += stack.length;
    const depth = stack.findLastIndex((frame) => frame.tag === name);
    if (depth >= 1) closeTo(depth);
  };

  const callbacks: TokenizerCallbacks = {
    ontext: (start, end) => {
      addText(html.slice(start, end));
    },
    ontextentity: (cp) => {
      // The tokenizer already turns NUL, surrogates and references past U+10FFFF into U+FFFD, as browsers do.
      addText(String.fromCodePoint(cp));
    },
    onopentagname: (start, end) => {
      work.steps += 1 + end - start;
      tagName = html.slice(start, end).toLowerCase();
      href = undefined;
    },
    onattribname: (start, end) => {
      attrName = html.slice(start, end).toLowerCase();
      attrValue = '';
    },
    onattribdata: (start, end) => {
      work.steps += 1 + end - start;
      attrValue += html.slice(start, end);
    },
    onattribentity: (cp) => {
      attrValue += String.fromCodePoint(cp);
    },
    onattribend: () => {
      // Any element may carry an href, but only a link's frame uses it; the first usable one is kept.
      if (attrName === 'href' && href === undefined) href = safeHref(attrValue);
    },
    onopentagend: () => {
      open(tagName);
    },
    // HTML ignores the slash of <b/>: it opens the element like <b>.
    onselfclosingtag: () => {
      open(tagName);
    },
    onclosetag: (start, end) => {
      work.steps += 1 + end - start;
      close(html.slice(start, end).toLowerCase());
    },
    oncdata: () => undefined,
    oncomment: () => undefined,
    ondeclaration: () => undefined,
    onprocessinginstruction: () => undefined,
    onend: () => undefined,
  };

  // Written as given: the callbacks slice `html` by the tokenizer's offsets. A CR collapses like any whitespace.
  const tokenizer = new Tokenizer({}, callbacks);
  tokenizer.write(html);
  tokenizer.end();
  endText();
  flush();

  let out = '';
  let previous: Block | undefined;
  for (const block of blocks) {
    work.steps += 1 + block.text.length;
    const prefix = '> '.repeat(block.quote);
    const body = (block.item ? `- ${block.text}` : block.text).split('\n').join(`\n${prefix}`);
    if (previous) {
      const tight = previous.item && block.item && previous.quote === block.quote;
      const shared = Math.min(previous.quote, block.quote);
      out += tight ? '\n' : `\n${'> '.repeat(shared).trimEnd()}\n`;
    }
    out += `${prefix}${body}`;
    previous = block;
  }
  return out;
}

/** A URL path segment decoded, or as written when its percent-escapes are malformed. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The letter slug a URL or WordPress post name points at, if it is one of `known`. */
export function matchLetter(
  candidates: readonly (string | undefined)[],
  known: ReadonlySet<string>,
): string | undefined {
  for (const c of candidates) {
    if (!c) continue;
    const trimmed = c.trim();
    if (known.has(trimmed)) return trimmed;
    let pathname = trimmed;
    try {
      pathname = new URL(trimmed, 'http://x.invalid').pathname;
    } catch {
      // Not a URL; the segments below still get a chance.
    }
    const segments = pathname.split('/').filter(Boolean);
    const letterIndex = segments.indexOf('letters');
    const preferred = letterIndex >= 0 ? segments[letterIndex + 1] : undefined;
    for (const seg of [preferred, ...segments.reverse()]) {
      if (!seg) continue;
      const slug = decodeSegment(seg)
        .replace(/\.html?$/, '')
        .replace(/^\d{4}-\d{2}-\d{2}-/, '');
      if (known.has(slug)) return slug;
    }
  }
  return undefined;
}
