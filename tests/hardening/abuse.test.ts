// Section 5: abuse of the live part. Rate limits answer 429 with Retry-After and spare
// everyone else; honeypot and too-fast posts never publish (too-fast ones are kept as spam); a foreign Origin is refused
// on every write path (including ?_action= on every page); desk forms need their CSRF
// token; the sign-in lockout holds under parallel attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookiesFrom,
  EDITOR_PASSWORD,
  formBody,
  hiddenField,
  LETTER,
  send,
  signIn,
  Site,
  sleep,
  summary,
} from './harness';

const EDITOR = 'abuse@example.com';
const QUESTION =
  'My structured leather tote has scuffed corners from rubbing against my winter coat, and I would like to know whether a careful cleaning and some conditioner can bring the colour back without making the damage any worse than it already is.';
let site: Site;
const lines: string[] = [];

/** A client seen through the trusted proxy, so one test machine can be many addresses. */
function from(address: string): Record<string, string> {
  return { 'x-forwarded-for': address };
}

async function agedStamps(n: number, headers: Record<string, string>, kind: 'reply' | 'question'): Promise<string[]> {
  const stamps: string[] = [];
  for (let i = 0; i < n; i++) {
    if (kind === 'reply') stamps.push(await site.freshStamp(headers));
    else stamps.push(((await site.action('questions.stamp', {}, headers)).data as { stamp: string }).stamp);
  }
  await sleep(3_200);
  return stamps;
}

describe('hardening 5: abuse', () => {
  beforeAll(async () => {
    site = await new Site({ section: 5, env: { TRUSTED_PROXIES: '127.0.0.1', MODERATION_POLICY: 'publish' } }).create();
    site.addEditor(EDITOR);
  });
  afterAll(async () => {
    summary(5, `abuse: ${lines.join('; ')}`);
    await site.destroy();
  });

  it('rate limits answer 429 with Retry-After, and the flooded form still works for everyone else', async () => {
    const flooder = from('203.0.113.7');
    const stamps = await agedStamps(14, flooder, 'reply');
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (const [i, stamp] of stamps.entries()) {
      const res = await site.action(
        'replies.create',
        { letterId: LETTER, name: 'Flooder', body: `Flood reply number ${String(i)} of many`, stamp },
        flooder,
      );
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    }
    const other = from('198.51.100.23');
    const [otherStamp] = await agedStamps(1, other, 'reply');
    const bystander = await site.action(
      'replies.create',
      { letterId: LETTER, name: 'Bystander', body: 'A reply from someone else entirely', stamp: otherStamp },
      other,
    );
    const accepted = statuses.filter((s) => s === 200).length;
    const limited = statuses.filter((s) => s === 429).length;
    lines.push(
      `replies flood ${String(accepted)} accepted / ${String(limited)} × 429 (Retry-After ${String(retryAfter)}), bystander ${String(bystander.status)}`,
    );
    // The budget is per fixed minute; a flood that straddles a minute boundary meets two windows.
    const [flooderKey] = await site.rows<{ client_key: string }>(
      "SELECT client_key FROM replies WHERE author_name = 'Flooder' LIMIT 1",
    );
    const windows = await site.rows<{ hits: number | string }>(
      "SELECT hits FROM rate_limits WHERE bucket = 'replies.create' AND client_key = ?",
      [flooderKey?.client_key ?? ''],
    );
    expect(limited).toBe(windows.map((w) => Math.max(0, Number(w.hits) - 10)).reduce((a, b) => a + b, 0));
    expect(accepted).toBe(stamps.length - limited);
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(bystander.status).toBe(200);
    expect(await site.count("SELECT COUNT(*) AS n FROM replies WHERE author_name = 'Flooder'")).toBe(accepted);

    const asker = from('203.0.113.8');
    const qStamps = await agedStamps(8, asker, 'question');
    const qStatuses: number[] = [];
    let qRetry: string | null = null;
    for (const [i, stamp] of qStamps.entries()) {
      const res = await site.action(
        'questions.submit',
        { pseudonym: 'Asker', topic: 'care-repair', body: `${QUESTION} Number ${String(i)}.`, consent: 'on', stamp },
        asker,
      );
      qStatuses.push(res.status);
      if (res.status === 429) qRetry ??= res.headers.get('retry-after');
    }
    const [qOther] = await agedStamps(1, other, 'question');
    const qBystander = await site.action(
      'questions.submit',
      {
        pseudonym: 'Someone Else',
        topic: 'care-repair',
        body: `${QUESTION} From elsewhere.`,
        consent: 'on',
        stamp: qOther,
      },
      other,
    );
    lines.push(
      `questions flood ${String(qStatuses.filter((s) => s === 200).length)} accepted / ${String(qStatuses.filter((s) => s === 429).length)} × 429, bystander ${String(qBystander.status)}`,
    );
    expect(qStatuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(Number(qRetry)).toBeGreaterThan(0);
    expect(qBystander.status).toBe(200);
  });

  it('honeypot and too-fast posts look accepted but never publish', async () => {
    const bot = from('192.0.2.50');
    const [aged] = await agedStamps(1, bot, 'reply');
    const honeypot = await site.action(
      'replies.create',
      {
        letterId: LETTER,
        name: 'Honey Bot',
        body: 'Buy cheap bags at my shop',
        stamp: aged,
        website: 'https://spam.example',
      },
      bot,
    );
    const fresh = await site.freshStamp(bot);
    const tooFast = await site.action(
      'replies.create',
      { letterId: LETTER, name: 'Fast Bot', body: 'Posted the instant the form appeared', stamp: fresh },
      bot,
    );
    const [qAged] = await agedStamps(1, bot, 'question');
    const qHoneypot = await site.action(
      'questions.submit',
      {
        pseudonym: 'Honey Asker',
        topic: 'care-repair',
        body: `${QUESTION} Honey.`,
        consent: 'on',
        stamp: qAged,
        website: 'x',
      },
      bot,
    );
    const qFresh = ((await site.action('questions.stamp', {}, bot)).data as { stamp: string }).stamp;
    const qTooFast = await site.action(
      'questions.submit',
      { pseudonym: 'Fast Asker', topic: 'care-repair', body: `${QUESTION} Fast.`, consent: 'on', stamp: qFresh },
      bot,
    );
    const published = await site.count(
      "SELECT COUNT(*) AS n FROM replies WHERE author_name IN ('Honey Bot', 'Fast Bot') AND status = 'published'",
    );
    const list = await site.action('replies.list', { letterId: LETTER });
    const shown = JSON.stringify(list.data).includes('Bot');
    // A too-fast post may be a quick human: kept for the editors as spam, never published.
    const keptReply = await site.count(
      "SELECT COUNT(*) AS n FROM replies WHERE author_name = 'Fast Bot' AND status = 'spam' AND body_markdown = 'Posted the instant the form appeared'",
    );
    const keptQuestion = await site.count(
      "SELECT COUNT(*) AS n FROM questions WHERE pseudonym = 'Fast Asker' AND spam_reason IS NOT NULL",
    );
    const honeyStored = await site.count(
      "SELECT (SELECT COUNT(*) FROM replies WHERE author_name = 'Honey Bot') + (SELECT COUNT(*) FROM questions WHERE pseudonym = 'Honey Asker') AS n",
    );
    const statuses = [honeypot, tooFast, qHoneypot, qTooFast].map((r) => r.status);
    lines.push(
      `honeypot/too-fast answered ${statuses.join('/')}, ${String(published)} published, too-fast kept as spam ${String(keptReply + keptQuestion)}/2, honeypot stored ${String(honeyStored)}`,
    );
    expect(published).toBe(0);
    expect(shown).toBe(false);
    expect(keptReply).toBe(1);
    expect(keptQuestion).toBe(1);
    expect(honeyStored).toBe(0);
    // "Looks accepted": a bot learns nothing from the answer.
    expect(statuses).toEqual([200, 200, 200, 200]);
  });

  it('refuses a foreign Origin on every write path, including ?_action= on every page', async () => {
    const [stamp] = await agedStamps(1, {}, 'reply');
    const [qStamp] = await agedStamps(1, {}, 'question');
    const created = await site.action('replies.create', {
      letterId: LETTER,
      name: 'Target',
      body: 'A reply someone would like to vote up from another site',
      stamp,
    });
    const target = created.data as { reply: { id: number }; token: string };
    const inputs: Record<string, Record<string, unknown>> = {
      'replies.create': {
        letterId: LETTER,
        name: 'Cross Site',
        body: `Posted from another site ${String(Date.now())}`,
        stamp,
      },
      'replies.edit': { id: target.reply.id, token: target.token, body: 'Changed from another site' },
      'replies.delete': { id: target.reply.id, token: target.token },
      'replies.vote': { id: target.reply.id, voterId: 'crosssitevoter0001' },
      'questions.submit': {
        pseudonym: 'Cross Site',
        topic: 'care-repair',
        body: `${QUESTION} Cross.`,
        consent: 'on',
        stamp: qStamp,
      },
    };
    // On-demand pages run ?_action= form actions; static files only serve themselves.
    const onDemand = [
      '',
      '/ask',
      '/ask/sent',
      '/ask/status/not-a-token',
      `/letters/${LETTER}/replies`,
      '/desk/login',
      '/desk/unsubscribe?t=x',
      '/desk/unsubscribe',
      '/desk/session.json',
      '/desk/replies',
    ];
    const staticPages = ['/', `/letters/${LETTER}/`, '/search', '/archive/', '/topics/', '/rss.xml', '/no-such-page'];
    const pages = [...onDemand, ...staticPages];
    const origins = ['https://evil.example', 'null', `${site.origin}.evil.example`, 'http://127.0.0.1:1'];
    const before = await site.storedTotals();
    const beforeRows = JSON.stringify(
      await site.rows('SELECT id, body_markdown, deleted_at, helpful_count FROM replies ORDER BY id'),
    );
    const wrong: string[] = [];
    let tried = 0;
    for (const [name, input] of Object.entries(inputs)) {
      for (const page of pages) {
        for (const origin of origins) {
          const target = page === '' ? `/_actions/${name}` : `${page}${page.includes('?') ? '&' : '?'}_action=${name}`;
          const body = name === 'replies.vote' ? JSON.stringify(input) : formBody(input);
          const type = name === 'replies.vote' ? 'application/json' : 'application/x-www-form-urlencoded';
          const res = await send(`${site.origin}${target}`, {
            method: 'POST',
            headers: { origin, 'content-type': type },
            body,
          });
          tried++;
          // On-demand routes must say 403; a static file may answer as it likes, as long as nothing ran (checked below).
          const refused = onDemand.includes(page) ? res.status === 403 : res.status < 500;
          if (!refused) {
            wrong.push(`${origin} ${target} → ${String(res.status)}`);
          }
        }
      }
    }
    // The one-click unsubscribe route itself: a real RFC 8058 body may pass, nothing else may ride on it.
    const oneClick = await send(`${site.origin}/desk/unsubscribe?t=x&_action=replies.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody(inputs['replies.create'] ?? {}),
    });
    if (oneClick.status < 400)
      wrong.push(`no Origin, /desk/unsubscribe?_action=replies.create → ${String(oneClick.status)}`);
    const after = await site.storedTotals();
    const afterRows = JSON.stringify(
      await site.rows('SELECT id, body_markdown, deleted_at, helpful_count FROM replies ORDER BY id'),
    );
    lines.push(
      `foreign Origin ${String(tried)} attempts, ${String(wrong.length)} not refused, ${before === after && beforeRows === afterRows ? 'nothing' : 'SOMETHING'} changed`,
    );
    expect(wrong).toEqual([]);
    expect(after).toBe(before);
    expect(afterRows).toBe(beforeRows);
  });

  it('refuses desk forms without a valid CSRF token', async () => {
    const { cookie, csrf } = await signIn(site, EDITOR);
    // Its own address: the foreign-Origin attempts may have spent 127.0.0.1's reply budget.
    const deskTester = from('192.0.2.60');
    const [stamp] = await agedStamps(1, deskTester, 'reply');
    const created = await site.action(
      'replies.create',
      { letterId: LETTER, name: 'Held', body: 'A reply for the desk', stamp },
      deskTester,
    );
    expect(created.status).toBe(200);
    const id = (created.data as { reply: { id: number } }).reply.id;
    const forms: [string, Record<string, unknown>][] = [
      ['/desk/replies?_action=desk.replies.moderate', { one: `approve:${String(id)}` }],
      ['/desk/replies?_action=desk.replies.moderate', { bulk: 'spam', ids: [id] }],
      ['/_actions/desk.replies.moderate', { one: `approve:${String(id)}` }],
      [`/desk/replies/${String(id)}?_action=desk.replies.edit`, { id, body: 'Rewritten without a token' }],
      ['/_actions/desk.replies.edit', { id, body: 'Rewritten without a token' }],
      [`/desk/replies/${String(id)}?_action=desk.replies.moderate`, { one: `reject:${String(id)}` }],
      [
        `/desk/replies/${String(id)}?_action=desk.replies.columnist`,
        { parentId: id, columnist: 'pursebop', body: 'Forged columnist reply' },
      ],
      [
        `/desk/replies/new?letter=${LETTER}&_action=desk.replies.columnist`,
        { letterId: LETTER, columnist: 'pursebop', body: 'Forged reply' },
      ],
      [
        `/letters/${LETTER}/replies?_action=desk.replies.columnist`,
        { letterId: LETTER, columnist: 'pursebop', body: 'Forged reply through a reader page' },
      ],
      ['/desk/questions/1', { intent: 'decline' }],
      ['/desk/questions/1?_action=desk.questions.move', { id: 1, intent: 'decline' }],
      ['/_actions/desk.questions.move', { id: 1, intent: 'decline' }],
      ['/desk/questions/1?_action=desk.questions.draft', { id: 1 }],
      ['/desk/outbox?_action=desk.outbox.flush', {}],
      ['/_actions/desk.outbox.flush', {}],
      ['/desk/logout', {}],
      ['/desk/logout?_action=desk.session.logout', {}],
    ];
    const before = await site.storedTotals();
    const wrong: string[] = [];
    for (const [path, input] of forms) {
      for (const token of [undefined, '', 'forged-token', `${csrf}x`]) {
        const res = await send(`${site.origin}${path}`, {
          method: 'POST',
          headers: { origin: site.origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: formBody({ ...input, _csrf: token }),
        });
        if (res.status !== 403) wrong.push(`${path} with token ${String(token)} → ${String(res.status)}`);
      }
    }
    const after = await site.storedTotals();
    lines.push(`desk without CSRF ${String(forms.length * 4)} attempts, ${String(wrong.length)} not refused`);
    expect(wrong).toEqual([]);
    expect(after).toBe(before);
  });

  it('holds the sign-in lockout under parallel attempts, without locking the editor out from elsewhere', async () => {
    const attacker = from('203.0.113.99');
    const form = await send(`${site.origin}/desk/login`, { headers: attacker });
    const cookie = cookiesFrom(form.headers);
    const token = hiddenField(form.text, '_csrf');
    const attempt = (password: string, headers: Record<string, string>, c = cookie, t = token) =>
      send(`${site.origin}/desk/login?_action=desk.session.login`, {
        method: 'POST',
        headers: { origin: site.origin, cookie: c, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: formBody({ _csrf: t, email: EDITOR, password, next: '/desk' }),
      });
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(`wrong password ${String(i)}`, attacker)),
    );
    const checked = results.filter((r) => r.status === 401).length;
    const refused = results.filter((r) => r.status === 429).length;
    // The editor, from their own address, with the right password.
    const editor = from('198.51.100.200');
    const own = await send(`${site.origin}/desk/login`, { headers: editor });
    const real = await attempt(EDITOR_PASSWORD, editor, cookiesFrom(own.headers), hiddenField(own.text, '_csrf'));
    lines.push(
      `login lockout: 40 parallel wrong passwords → ${String(checked)} checked, ${String(refused)} × 429; editor elsewhere ${String(real.status)}`,
    );
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked + refused).toBe(40);
    expect(real.status).toBe(303);
  });
});
