import mdxRenderer from '@astrojs/mdx/server.js';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { provideLetterContext } from '../../../src/components/letter/context';
import AnswerModule from '../../../src/components/mdx/Answer.astro';
import FigureModule from '../../../src/components/mdx/Figure.astro';
import LetterModule from '../../../src/components/mdx/Letter.astro';
import PullQuoteModule from '../../../src/components/mdx/PullQuote.astro';
import UpdateModule from '../../../src/components/mdx/Update.astro';

// typescript-eslint cannot see into .astro files; the Container API only needs the factory type.
const Answer = AnswerModule as AstroComponentFactory;
const Figure = FigureModule as AstroComponentFactory;
const Letter = LetterModule as AstroComponentFactory;
const PullQuote = PullQuoteModule as AstroComponentFactory;
const Update = UpdateModule as AstroComponentFactory;

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
  container.addServerRenderer({ name: 'astro:jsx', renderer: mdxRenderer });
});

/** Every render gets its own Request, the same way each page of a build does. */
function letterRequest(pseudonym: string): Request {
  const request = new Request('http://localhost/letters/example/');
  provideLetterContext(request, {
    pseudonym,
    columnistName: 'Ines Hartley',
    columnistPath: '/columnists/ines-hartley/',
  });
  return request;
}

// Visually hidden headings (search sub-result anchors) are not part of what a reader sees.
const text = (html: string) =>
  html
    .replace(/<h2[^>]*class="visually-hidden"[^>]*>[\s\S]*?<\/h2>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

describe('<Letter>', () => {
  it('opens with "Dear PurseBop," and signs off with the pseudonym on its own line', async () => {
    const html = await container.renderToString(Letter, {
      request: letterRequest('Second Guesser'),
      slots: { default: '<p>Should I?</p>' },
    });
    expect(text(html)).toBe('Dear PurseBop, Should I? — Second Guesser');
    expect(html).toMatch(/<p class="sign-off"[^>]*>— Second Guesser<\/p>/);
    expect(html).toContain('data-pagefind-weight="3"');
  });
  it('refuses to render outside a letter page', async () => {
    await expect(
      container.renderToString(Letter, { request: new Request('http://localhost/'), slots: { default: 'x' } }),
    ).rejects.toThrow(/<Letter> can only be used inside a letter/);
  });
});

describe('<Answer>', () => {
  it('builds the salutation from the pseudonym of this render, not another', async () => {
    const [first, second] = await Promise.all([
      container.renderToString(Answer, { request: letterRequest("Mother's Daughter"), slots: { default: 'Yes.' } }),
      container.renderToString(Answer, { request: letterRequest('Caught in the Rain'), slots: { default: 'No.' } }),
    ]);
    expect(text(first)).toBe("Dear Mother's Daughter: Yes. — Ines Hartley");
    expect(text(second)).toBe('Dear Caught in the Rain: No. — Ines Hartley');
    expect(first).toContain('href="/columnists/ines-hartley/"');
  });
});

describe('<Update>', () => {
  it('prints the date for readers and machines', async () => {
    const html = await container.renderToString(Update, {
      props: { date: '2023-01-20' },
      slots: { default: 'It arrived.' },
    });
    expect(html).toMatch(/<time datetime="2023-01-20"[^>]*>20 January 2023<\/time>/);
    expect(text(html)).toContain('Update, 20 January 2023 It arrived.');
  });
  it('rejects a date that is not YYYY-MM-DD', async () => {
    await expect(container.renderToString(Update, { props: { date: '20/01/2023' } })).rejects.toThrow(
      /expected a date written as YYYY-MM-DD/,
    );
  });
});

describe('<Figure>', () => {
  it('renders an optimised image with alt text, caption and credit', async () => {
    const html = await container.renderToString(Figure, {
      props: { src: './images/stitching.jpg', alt: 'A seam', caption: 'Resewn.', credit: 'The studio' },
    });
    expect(html).toMatch(/<img[^>]+alt="A seam"/);
    expect(text(html)).toContain('Resewn. Photo: The studio');
  });
  it('names the problem when the credit is missing or the file is unknown', async () => {
    await expect(
      container.renderToString(Figure, { props: { src: './images/stitching.jpg', alt: 'A seam' } }),
    ).rejects.toThrow(/alt and credit are required/);
    await expect(
      container.renderToString(Figure, { props: { src: './images/nope.jpg', alt: 'x', credit: 'y' } }),
    ).rejects.toThrow(/no such image in content\/letters\/images\/ \(available: .*stitching\.jpg/);
  });
});

describe('<PullQuote>', () => {
  it('sets a line apart for every reader: screen readers and search read it too', async () => {
    const html = await container.renderToString(PullQuote, { slots: { default: 'A bag is for carrying.' } });
    expect(html).toMatch(/<figure class="pull-quote"/);
    expect(html).not.toMatch(/aria-hidden|data-pagefind-ignore/);
    expect(text(html)).toBe('A bag is for carrying.');
  });
});

describe('MDX letter body', () => {
  it('gets the components through <Content components> and the pseudonym from the page', async () => {
    const { default: Content } = (await import('../../fixtures/site/exchange.mdx')) as {
      default: AstroComponentFactory;
    };
    const html = await container.renderToString(Content, {
      request: letterRequest('Left Behind'),
      props: { components: { Letter, Answer, Update, Figure, PullQuote } },
    });
    expect(text(html)).toMatch(/^Dear PurseBop, My associate left\. What now\? — Left Behind Dear Left Behind: Start/);
    expect(html).toContain('<table>');
    expect(html).toMatch(/<section data-footnotes class="footnotes">/);
  });
});
