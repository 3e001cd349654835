import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Reply text is a small Markdown subset rendered once, at write time. Raw HTML is
 * switched off in the parser and the output still goes through an allow-list, so a
 * parser bug alone can never put markup on the page.
 */
const parser = new MarkdownIt('zero', { html: false, linkify: true, breaks: false })
  .enable(['paragraph', 'newline', 'emphasis', 'link', 'autolink', 'linkify', 'list', 'blockquote'])
  .enable(['backticks', 'code', 'fence', 'escape', 'entity']);

const allowedSchemes = ['http', 'https', 'mailto'];

// markdown-it's own check refuses javascript:, vbscript:, file: and most data:; the allow-list below narrows it further.
parser.validateLink = (url: string): boolean => {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  return scheme !== undefined && allowedSchemes.includes(scheme);
};

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre'],
  // rel is set by transformTags, which runs before the attribute filter.
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes,
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'nofollow ugc noopener' },
    }),
  },
};

/** Markdown subset → HTML that is safe to serve as-is. */
export function renderReplyMarkdown(markdown: string): string {
  return sanitizeReplyHtml(parser.render(markdown));
}

/** The allow-list pass on its own; also applied to anything imported from elsewhere. */
export function sanitizeReplyHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions).trim();
}
