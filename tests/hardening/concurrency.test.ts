// Section 4: concurrency. 50 writers and 20 readers at once: no "database is locked" or
// pool exhaustion ever reaches a client, no 5xx, nothing acknowledged is lost. Then the
// rate-limit counters under parallel hits: exactly the budget gets through.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, LETTER, Site, sleep, summary } from './harness';
import { missingWrites, newTally, reader, Stamps, writer } from './load';

const WRITERS = 50;
const READERS = 20;
const SECONDS = 8;
let site: Site;
const lines: string[] = [];

afterAll(() => {
  summary(4, `concurrency: ${lines.join('; ')}`);
});

describe('hardening 4: concurrency', () => {
  beforeAll(async () => {
    site = await new Site({
      section: 4,
      env: { RATE_LIMIT_SCALE: '100000', MODERATION_POLICY: 'publish', TRUSTED_PROXIES: '127.0.0.1' },
    }).create();
  });
  afterAll(async () => {
    await site.destroy();
  });

  it(`${String(WRITERS)} writers and ${String(READERS)} readers: no lock or pool error reaches a client`, async () => {
    const stamps = new Stamps(site);
    await stamps.fill(120);
    const tally = newTally();
    const stopAt = performance.now() + SECONDS * 1000;
    const until = () => performance.now() > stopAt;
    await Promise.all([
      ...Array.from({ length: WRITERS }, (_, id) => writer(site, stamps, tally, id, until)),
      ...Array.from({ length: READERS }, () => reader(site, tally, until)),
    ]);
    const missing = await missingWrites(site, tally.acknowledged);
    lines.push(
      `${String(WRITERS)} writers + ${String(READERS)} readers × ${String(SECONDS)} s: ${String(tally.requests)} requests, ` +
        `${String(tally.acknowledged.length)} writes acknowledged, ${String(missing.length)} missing, ${String(tally.fiveXx)} × 5xx, ` +
        `${String(tally.leaks.length)} database errors reaching a client, ${String(tally.lost)} failed connections`,
    );
    expect(tally.leaks).toEqual([]);
    expect(tally.fiveXx).toBe(0);
    expect(tally.lost).toBe(0);
    expect(missing).toEqual([]);
  }, 300_000);

  it.runIf(dbKind === 'sqlite')(
    'a reply posted while another process holds the write lock past the busy timeout: 503 with Retry-After, not stored',
    async () => {
      const stamp = await site.freshStamp();
      await sleep(3_200);
      const marker = `locked-out-${String(Date.now())}`;
      // What a backup or a desk script in another process does to the server's SQLite file.
      const holder = new DatabaseSync(site.sqliteFile);
      holder.exec('BEGIN IMMEDIATE');
      let res;
      try {
        res = await site.action('replies.create', {
          letterId: LETTER,
          name: 'Locked Out',
          body: `A reply sent while the database was busy ${marker}`,
          stamp,
        });
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      lines.push(`reply while another process held the lock: ${String(res.status)}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
      expect(res.text).toContain('send it again');
      expect(await site.count('SELECT COUNT(*) AS n FROM replies WHERE body_markdown LIKE ?', [`%${marker}%`])).toBe(0);
    },
    60_000,
  );
});

describe('hardening 4: rate-limit counters under parallel hits', () => {
  let limited: Site;
  beforeAll(async () => {
    limited = await new Site({
      section: 8,
      env: { MODERATION_POLICY: 'publish', TRUSTED_PROXIES: '127.0.0.1' },
    }).create();
  });
  afterAll(async () => {
    await limited.destroy();
  });

  it('lets exactly the budget through when one client fires in parallel', async () => {
    const client = { 'x-forwarded-for': '203.0.113.44' };
    const stamps: string[] = [];
    for (let i = 0; i < 30; i++) stamps.push(await limited.freshStamp(client));
    await sleep(3_200);
    const results = await Promise.all(
      stamps.map((stamp, i) =>
        limited.action(
          'replies.create',
          { letterId: LETTER, name: 'Parallel', body: `Parallel reply ${String(i)}`, stamp },
          client,
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 200).length;
    const tooMany = results.filter((r) => r.status === 429).length;
    const stored = await limited.count("SELECT COUNT(*) AS n FROM replies WHERE author_name = 'Parallel'");
    // Counter writes skip the fsync wait, so the last one may still be committing: wait for it, bounded.
    let hits = 0;
    for (let i = 0; i < 20 && hits < results.length; i++) {
      hits = await limited.count("SELECT SUM(hits) AS n FROM rate_limits WHERE bucket = 'replies.create'");
      if (hits < results.length) await sleep(100);
    }

    const votes = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        limited.action(
          'replies.vote',
          { id: 1, voterId: `parallelvoter${String(i).padStart(6, '0')}` },
          { 'x-forwarded-for': '203.0.113.45' },
        ),
      ),
    );
    const voteLimited = votes.filter((r) => r.status === 429).length;
    // As above: the last vote's counter write may still be committing.
    let voteHits = 0;
    for (let i = 0; i < 20 && voteHits < votes.length; i++) {
      voteHits = await limited.count("SELECT SUM(hits) AS n FROM rate_limits WHERE bucket = 'replies.vote'");
      if (voteHits < votes.length) await sleep(100);
    }
    const voteAnswers = [...new Set(votes.map((r) => r.status))].sort().join('/');
    lines.push(
      `30 parallel replies from one client → ${String(ok)} accepted, ${String(tooMany)} × 429, ${String(stored)} stored, counter ${String(hits)}; ` +
        `80 parallel votes → ${String(80 - voteLimited)} counted or refused on merit, ${String(voteLimited)} × 429 (answers ${voteAnswers})`,
    );
    // Budgets are per fixed minute: a burst that straddles a minute boundary is split between two windows.
    const overBudget = async (bucket: string, limit: number) =>
      (await limited.rows<{ hits: number | string }>('SELECT hits FROM rate_limits WHERE bucket = ?', [bucket]))
        .map((r) => Math.max(0, Number(r.hits) - limit))
        .reduce((a, b) => a + b, 0);
    expect(hits).toBe(30);
    expect(tooMany).toBe(await overBudget('replies.create', 10));
    expect(ok).toBe(30 - tooMany);
    expect(stored).toBe(ok);
    expect(voteHits).toBe(80);
    expect(voteLimited).toBe(await overBudget('replies.vote', 60));
    expect(votes.every((r) => r.status < 500)).toBe(true);
  }, 120_000);
});
