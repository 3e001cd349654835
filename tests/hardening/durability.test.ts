// Section 3: load and durability. 10 writers for 20 s, then 5 rounds of kill -9 in the
// middle of the load, each followed by a restart: the database stays intact, every write
// the server acknowledged is still there, and how soon the server answers again is reported
// against its 2 s target (a figure, not an assertion: timing belongs to the benchmark). Last, a
// SIGTERM in the middle of the load: the server finishes what it took on and exits 0.
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
        `kill -9: ${String(KILL_ROUNDS)} restarts (answered after ${restarts.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s; target ≤ 2 s, ${restarts.every((ms) => ms < 2_000) ? 'met' : 'missed'}), ` +
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
  }, 300_000);

  it('finishes in-flight writes and exits 0 on SIGTERM in the middle of the load', async () => {
    // Fresh stamps, aged past the form's minimum fill time by fill(), so the load is real posts.
    await stamps.fill(80);
    const tally = newTally();
    let stop = false;
    const load = Promise.all(
      Array.from({ length: WRITERS }, (_, id) => writer(site, stamps, tally, 200 + id, () => stop)),
    );
    await sleep(1_500 + Math.floor(Math.random() * 500));
    const ended = await site.terminate();
    stop = true;
    await load;
    await site.start();
    const missing = await missingWrites(site, tally.acknowledged);
    summary(
      3,
      `SIGTERM during load: exit code ${String(ended.code)}${ended.signal ? ` (${ended.signal})` : ''}, ` +
        `${String(tally.acknowledged.length)} acknowledged, ${String(missing.length)} missing, ${String(tally.fiveXx)} × 5xx`,
    );
    expect(ended).toEqual({ code: 0, signal: null });
    expect(tally.acknowledged.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    expect(tally.fiveXx).toBe(0);
  }, 120_000);
});
