// Section 3: load and durability. 10 writers for 20 s, then 5 rounds of kill -9 in the
// middle of the load, each followed by a restart: the database stays intact, every write
// the server acknowledged is still there, and the server answers again within 2 s.
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKind, Site, sleep, summary } from './harness';
import { missingWrites, newTally, Stamps, writer } from './load';

const WRITERS = 10;
const STEADY_SECONDS = Number(process.env.HARDENING_LOAD_SECONDS ?? 20);
const KILL_ROUNDS = 5;
let site: Site;
let stamps: Stamps;

describe('hardening 3: load and durability', () => {
  beforeAll(async () => {
    site = await new Site({ section: 3, env: { RATE_LIMIT_SCALE: '100000', MODERATION_POLICY: 'publish' } }).create();
    stamps = new Stamps(site);
    await stamps.fill(150);
  });
  afterAll(async () => {
    await site.destroy();
  });

  it(`keeps every acknowledged write through ${String(WRITERS)} writers × ${String(STEADY_SECONDS)} s and ${String(KILL_ROUNDS)} × kill -9`, async () => {
    const tally = newTally();
    const stopAt = performance.now() + STEADY_SECONDS * 1000;
    await Promise.all(
      Array.from({ length: WRITERS }, (_, id) => writer(site, stamps, tally, id, () => performance.now() > stopAt)),
    );
    const steadyMissing = await missingWrites(site, tally.acknowledged);
    const steadyAcknowledged = tally.acknowledged.length;
    const steadyFiveXx = tally.fiveXx;

    const restarts: number[] = [];
    const integrity: string[] = [];
    for (let round = 0; round < KILL_ROUNDS; round++) {
      let stop = false;
      const load = Promise.all(
        Array.from({ length: WRITERS }, (_, id) => writer(site, stamps, tally, 100 + id, () => stop)),
      );
      // Somewhere in the middle of a busy second, not at a quiet boundary.
      await sleep(700 + Math.floor(Math.random() * 800));
      await site.kill9();
      stop = true;
      await load;
      restarts.push(await site.start());
      if (dbKind === 'sqlite') {
        const [row] = await site.rows<{ integrity_check: string }>('PRAGMA integrity_check');
        integrity.push(row?.integrity_check ?? 'no answer');
      }
    }
    const missing = await missingWrites(site, tally.acknowledged);
    const stored =
      (await site.count("SELECT COUNT(*) AS n FROM replies WHERE body_markdown LIKE 'Load reply %'")) +
      (await site.count('SELECT COUNT(*) AS n FROM questions'));
    const integrityOk = integrity.every((r) => r === 'ok');
    summary(
      3,
      `load: ${String(WRITERS)} writers × ${String(STEADY_SECONDS)} s, ${String(steadyAcknowledged)} acknowledged / ${String(steadyAcknowledged - steadyMissing.length)} stored, ${String(steadyFiveXx)} × 5xx; ` +
        `kill -9: ${String(KILL_ROUNDS)} restarts (answered after ${restarts.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s), ` +
        `integrity_check ${dbKind === 'sqlite' ? (integrityOk ? 'ok' : integrity.join('/')) : 'n/a (PostgreSQL)'}, ` +
        `${String(tally.acknowledged.length)} acknowledged in all, ${String(tally.acknowledged.length - missing.length)} of them stored (${String(stored)} rows), ` +
        `${String(missing.length)} missing, ${String(tally.fiveXx)} × 5xx, ${String(tally.lost)} in flight at a kill`,
    );
    expect(steadyMissing).toEqual([]);
    expect(missing).toEqual([]);
    expect(tally.fiveXx).toBe(0);
    expect(tally.leaks).toEqual([]);
    expect(integrityOk).toBe(true);
    expect(steadyAcknowledged).toBeGreaterThan(0);
    // The 2 s bound is the promise on a machine doing this alone (CI); on a machine shared with
    // other heavy work the figure above is reported but not held to it.
    const [load1 = 0] = os.loadavg();
    if (load1 <= os.cpus().length * 2) for (const ms of restarts) expect(ms).toBeLessThan(2_000);
    else console.warn(`[durability] load average ${load1.toFixed(1)}: restart times reported, not asserted`);
  }, 300_000);
});
