const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Turns the HTML of a WordPress or Disqus comment into the Markdown subset replies use:
 * paragraphs, line breaks, emphasis, links, quotes, code. Anything else is dropped to
 * its text; the result is rendered and sanitized like any reader's reply afterwards.
 */
export function commentHtmlToMarkdown(html: string): string {
  let s = html.replace(/\r\n?/g, '\n');
  s = s.replace(
    /<a\b[^>]*\bhref\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a>/gi,
    (_m, _q: string, href: string, text: string) => {
      const label = text.replace(/<[^>]+>/g, '').trim() || href;
      return /^https?:\/\//i.test(href) ? `[${label}](${href})` : label;
    },
  );
  s = s.replace(/<(strong|b)\b[^>]*>([\s\S]*?)<\/\1>/gi, '**$2**');
  s = s.replace(/<(em|i)\b[^>]*>([\s\S]*?)<\/\1>/gi, '*$2*');
  s = s.replace(/<code\b[^>]*>([\s\S]*?)<\/code>/gi, '`$1`');
  s = s.replace(
    /<blockquote\b[^>]*>([\s\S]*?)<\/blockquote>/gi,
    (_m, inner: string) =>
      `\n\n${inner
        .replace(/<\/?p\b[^>]*>/gi, '\n')
        .trim()
        .split('\n')
        .map((l) => `> ${l.trim()}`)
        .join('\n')}\n\n`,
  );
  s = s.replace(/<li\b[^>]*>/gi, '\n- ').replace(/<\/li>/gi, '');
  s = s.replace(/<br\s*\/?>/gi, '  \n');
  s = s.replace(/<\/p>|<p\b[^>]*>/gi, '\n\n');
  s = s.replace(/<[^>]+>/g, '');
  s = decodeEntities(s);
  return s
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
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
      const slug = decodeURIComponent(seg)
        .replace(/\.html?$/, '')
        .replace(/^\d{4}-\d{2}-\d{2}-/, '');
      if (known.has(slug)) return slug;
    }
  }
  return undefined;
}
