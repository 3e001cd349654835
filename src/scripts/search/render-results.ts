import { formatDay } from '../../lib/dates';
import { splitExcerpt } from '../../lib/search/excerpt';
import type { PagefindResultData, PagefindSubResult } from '../../lib/search/pagefind-api';

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function excerptParagraph(excerpt: string, className: string): HTMLParagraphElement {
  const paragraph = element('p', className);
  for (const part of splitExcerpt(excerpt)) {
    if (part.marked) {
      const mark = element('mark');
      mark.textContent = part.text;
      paragraph.append(mark);
    } else {
      paragraph.append(part.text);
    }
  }
  return paragraph;
}

function byline(meta: PagefindResultData['meta']): HTMLParagraphElement | undefined {
  const { date, pseudonym } = meta;
  const parsed = date ? new Date(`${date}T00:00:00Z`) : undefined;
  if (!parsed && !pseudonym) return undefined;
  const line = element('p', 'search-result__meta');
  if (parsed && !Number.isNaN(parsed.getTime())) {
    const time = element('time');
    time.dateTime = date ?? '';
    time.textContent = formatDay(parsed);
    line.append(time);
  }
  if (pseudonym) line.append(`${line.childNodes.length > 0 ? ' · ' : ''}from “${pseudonym}”`);
  return line;
}

const plainText = (excerpt: string) =>
  splitExcerpt(excerpt)
    .map((p) => p.text)
    .join('')
    .trim();

// Pagefind repeats the page itself as a sub-result when it has no headings, and often gives a
// section the very excerpt already shown for the page: only sections that add something are kept.
function sectionsOf(data: PagefindResultData): PagefindSubResult[] {
  const pageUrl = data.url.split('#')[0];
  const shown = plainText(data.excerpt);
  return (data.sub_results ?? [])
    .filter((sub) => sub.url !== pageUrl && sub.url.includes('#') && plainText(sub.excerpt) !== shown)
    .slice(0, 3);
}

/** One result: headline link, date and pseudonym, highlighted excerpt, and up to three matching sections. */
export function renderResult(data: PagefindResultData): HTMLLIElement {
  const item = element('li', 'search-result');
  const heading = element('h3', 'search-result__title');
  const link = element('a');
  link.href = data.url;
  link.dataset.searchResult = '';
  link.textContent = data.meta.title ?? data.url;
  heading.append(link);
  item.append(heading);
  const line = byline(data.meta);
  if (line) item.append(line);
  item.append(excerptParagraph(data.excerpt, 'search-result__excerpt'));

  const sections = sectionsOf(data);
  if (sections.length > 0) {
    const list = element('ul', 'search-result__sections');
    list.setAttribute('aria-label', `Matching sections of “${link.textContent}”`);
    for (const sub of sections) {
      const entry = element('li');
      const subLink = element('a');
      subLink.href = sub.url;
      subLink.textContent = sub.title;
      entry.append(subLink, excerptParagraph(sub.excerpt, 'search-result__section-excerpt'));
      list.append(entry);
    }
    item.append(list);
  }
  return item;
}
