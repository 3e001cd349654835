// Faults of the site's own, reported with section 1: a server whose build lost its catalogue
// manifest (a broken deploy) is sent the island's action calls. Each answer is a 503 with a plain
// line and Retry-After, and never the fault's own words, which name a file on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LETTER, send, Site, sleep, summary } from './harness';

const MISSING_MANIFEST = '/nonexistent-build/server/catalogue.json';
const PLAIN_LINE = 'Something went wrong on our side. Please try again in a minute.';
const QUESTION =
  'My first special order arrived with a slightly different shade of gold hardware than I chose, and I would like to know whether it is worth raising with the boutique before I carry the bag.';

let site: Site;
const lines: string[] = [];

describe('hardening 1: faults of the site own', () => {
  beforeAll(async () => {
    site = await new Site({ section: 9, env: { CATALOGUE_MANIFEST: MISSING_MANIFEST } }).create();
  });
  afterAll(async () => {
    summary(1, `site faults: ${lines.join('; ')}`);
    await site.destroy();
  });

  it('answers 503 with a plain line and a wait, never the fault in its own words', async () => {
    const stamp = ((await site.action('questions.stamp', {})).data as { stamp: string }).stamp;
    await sleep(3_200);
    const calls = {
      'questions.submit': () =>
        site.action('questions.submit', {
          pseudonym: 'Gold Doubter',
          topic: 'special-orders',
          body: QUESTION,
          consent: 'on',
          stamp,
          website: '',
        }),
      'replies.list': () => site.action('replies.list', { letterId: LETTER }),
    };
    for (const [name, call] of Object.entries(calls)) {
      const answer = await call();
      expect.soft({ name, status: answer.status }).toEqual({ name, status: 503 });
      expect.soft(answer.headers.get('retry-after'), name).toBe('60');
      expect.soft((answer.data as { message?: string } | undefined)?.message, name).toBe(PLAIN_LINE);
      expect.soft(answer.text, name).not.toMatch(/ENOENT|catalogue\.json|nonexistent-build/);
      lines.push(`${name} ${String(answer.status)}`);
    }
    expect(await site.count('SELECT COUNT(*) AS n FROM questions')).toBe(0);
    expect(await site.count('SELECT COUNT(*) AS n FROM replies')).toBe(0);
    expect(site.log).toContain(MISSING_MANIFEST);
    const health = await send(`${site.origin}/healthz`);
    lines.push(`nothing stored, the cause logged, health ${String(health.status)}`);
  });
});
