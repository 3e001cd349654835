// Section 1: every write path × every field with hostile input. Each case answers a 4xx
// with a clear message and stores nothing (or, for odd but valid input, is accepted
// cleanly); no case gets a 5xx; the health check still answers at the end.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCases, QUESTION_STAMP, REPLY_STAMP, type Case, type CaseContext } from './bad-input-cases';
import {
  cookiesFrom,
  hiddenField,
  isClearMessage,
  LETTER,
  rawRequest,
  send,
  signIn,
  Site,
  sleep,
  summary,
  type RawResponse,
} from './harness';

const EDITOR = 'bad-input@example.com';
let site: Site;

/** Stamps issued ahead and aged past the minimum fill time, so a refusal is about the field under test. */
class StampPool {
  private stamps: string[] = [];
  constructor(private readonly fetchOne: () => Promise<string>) {}
  async fill(n: number): Promise<void> {
    for (let i = 0; i < n; i++) this.stamps.push(await this.fetchOne());
    await sleep(3_200);
  }
  async take(): Promise<string> {
    if (this.stamps.length === 0) await this.fill(150);
    const stamp = this.stamps.shift();
    if (stamp === undefined) throw new Error('no stamp could be issued');
    return stamp;
  }
}

function headOf(c: Case, host: string, body: Buffer | undefined): string {
  const lines = [`${c.method} ${c.path} HTTP/1.1`, `Host: ${host}`, 'Connection: close'];
  const names = Object.keys(c.headers).map((h) => h.toLowerCase());
  for (const [k, v] of Object.entries(c.headers)) lines.push(`${k}: ${v}`);
  if (c.body && !names.includes('content-length')) {
    lines.push(body ? `Content-Length: ${String(body.length)}` : 'Transfer-Encoding: chunked');
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

function* chunked(parts: Iterable<Buffer>): Iterable<Buffer> {
  for (const part of parts) {
    yield Buffer.from(`${part.length.toString(16)}\r\n`);
    yield part;
    yield Buffer.from('\r\n');
  }
  yield Buffer.from('0\r\n\r\n');
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

describe('hardening 1: bad input', () => {
  let ctx: CaseContext;
  let replyStamps: StampPool;
  let questionStamps: StampPool;

  beforeAll(async () => {
    site = await new Site({ section: 1, env: { RATE_LIMIT_SCALE: '1000', MODERATION_POLICY: 'publish' } }).create();
    site.addEditor(EDITOR);
    replyStamps = new StampPool(() => site.freshStamp());
    questionStamps = new StampPool(async () => {
      const res = await site.action('questions.stamp', {});
      return (res.data as { stamp: string }).stamp;
    });
    await Promise.all([replyStamps.fill(1), questionStamps.fill(1)]);
    const created = await site.action('replies.create', {
      letterId: LETTER,
      name: 'Table Owner',
      body: 'The reply the table edits, votes on and fails to delete.',
      stamp: await replyStamps.take(),
    });
    expect(created.status).toBe(200);
    const { reply, token } = created.data as { reply: { id: number }; token: string };
    const asked = await site.action('questions.submit', {
      pseudonym: 'Table Asker',
      topic: 'care-repair',
      body: 'My leather tote has scuffed corners from rubbing against my coat all winter long, and I would like to know whether careful cleaning and conditioner can bring the colour back without making the damage worse.',
      consent: 'on',
      stamp: await questionStamps.take(),
    });
    expect(asked.status).toBe(200);
    const [question] = await site.rows<{ id: number }>('SELECT id FROM questions ORDER BY id LIMIT 1');
    const desk = await signIn(site, EDITOR);
    const loginForm = await send(`${site.origin}/desk/login`, {});
    let n = 0;
    ctx = {
      origin: site.origin,
      replyId: reply.id,
      replyToken: token,
      publishedId: reply.id,
      questionId: question?.id ?? 1,
      deskCookie: desk.cookie,
      deskCsrf: desk.csrf,
      loginCookie: cookiesFrom(loginForm.headers),
      loginCsrf: hiddenField(loginForm.text, '_csrf'),
      unique: () => `u${String(process.pid)}x${String(++n)}x${String(Date.now())}`,
    };
  }, 120_000);

  afterAll(async () => {
    await site.destroy();
  });

  it('answers every bad input with a 4xx and a clear message, stores nothing, never a 5xx', async () => {
    const cases = buildCases(ctx);
    const failures: string[] = [];
    let fiveXx = 0;
    let storedByRefusals = 0;
    let dropped = 0;
    let peakRss = 0;
    const rssBefore = rssOf(site.pid());
    for (const c of cases) {
      let body: Buffer | undefined;
      if (Buffer.isBuffer(c.body)) {
        let text = c.body.toString('latin1');
        if (text.includes(REPLY_STAMP)) text = text.replace(REPLY_STAMP, encodeURIComponent(await replyStamps.take()));
        if (text.includes(QUESTION_STAMP)) {
          text = text.replace(QUESTION_STAMP, encodeURIComponent(await questionStamps.take()));
        }
        body = Buffer.from(text, 'latin1');
      }
      const before = await site.storedTotals();
      const stream = typeof c.body === 'function' ? c.body() : undefined;
      const declared = Object.keys(c.headers).some((h) => h.toLowerCase() === 'content-length');
      const res: RawResponse = await rawRequest(site.port, {
        head: headOf(c, `127.0.0.1:${String(site.port)}`, body),
        body: body ?? (stream ? (declared ? stream : chunked(stream)) : undefined),
        timeoutMs: 20_000,
      });
      const after = await site.storedTotals();
      peakRss = Math.max(peakRss, rssOf(site.pid()));
      const label = `${c.name} → ${String(res.status)}${res.dropped ? ' (dropped)' : ''}`;
      if (res.status >= 500) {
        fiveXx++;
        failures.push(`${label}: ${res.body.slice(0, 200)}`);
        continue;
      }
      if (res.dropped && res.status === 0) dropped++;
      const refused = res.status >= 400 || res.status === 0;
      if (refused && before !== after) {
        storedByRefusals++;
        failures.push(`${label}: refused but stored (${before} → ${after})`);
      }
      if (c.expect === 'reject') {
        const redirected = c.allowRedirect && res.status === 303;
        if (!(res.status >= 400 && res.status < 500) && !redirected) failures.push(`${label}: expected a 4xx`);
        else if (!redirected && !isClearMessage(res.body))
          failures.push(`${label}: unclear message ${res.body.slice(0, 120)}`);
        if (before !== after) failures.push(`${label}: stored something (${before} → ${after})`);
      }
    }
    const healthy = await site.healthy();
    const rssAfter = rssOf(site.pid());
    summary(
      1,
      `bad input: ${String(cases.length)} cases, ${String(fiveXx)} × 5xx, ${String(storedByRefusals)} stored by a refusal, ` +
        `${String(failures.length)} failures, ${String(dropped)} dropped connections, health ${healthy ? 'ok' : 'FAILED'}, ` +
        `server RSS ${String(Math.round(rssBefore / 2 ** 20))} → peak ${String(Math.round(peakRss / 2 ** 20))} → ${String(Math.round(rssAfter / 2 ** 20))} MB`,
    );
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(failures).toEqual([]);
    expect(healthy).toBe(true);
    // A body the server refused must never have been held in memory.
    expect(peakRss - rssBefore).toBeLessThan(200 * 2 ** 20);
  }, 600_000);
});
