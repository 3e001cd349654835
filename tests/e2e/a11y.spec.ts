import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { letterFiles, publishedSlugs } from './site-helpers';

// axe-core over every page type of the publishing site, in both colour schemes.
const [slug = ''] = publishedSlugs();
const year =
  letterFiles()
    .find((letter) => letter.slug === slug)
    ?.pubDate.slice(0, 4) ?? '';
const pages = {
  home: '/',
  letter: `/letters/${slug}/`,
  archive: '/archive/',
  'archive year': `/archive/${year}/`,
  topics: '/topics/',
  topic: '/topics/care-repair/',
  columnist: '/columnists/pursebop/',
  '404': '/no-such-page/',
};

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    for (const [name, path] of Object.entries(pages)) {
      test(`${name} page has no axe violations`, async ({ page }) => {
        await page.goto(path);
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
          [],
        );
      });
    }
  });
}
