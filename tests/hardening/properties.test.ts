// Section 7: property tests (fast-check). Every zod schema in src/schemas holds its limits
// for arbitrary input and never throws; the reply sanitizer's output never holds a tag,
// attribute or link scheme outside its allow-list; signed tokens and form stamps cannot be
// forged by mutating a genuine one. (The MDX draft writer and the comment-HTML converter
// have their own property tests beside their unit tests.)
import { z } from 'astro/zod';
import type { ImageFunction } from 'astro:content';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnistSchema } from '../../src/schemas/columnist';
import { letterSchema } from '../../src/schemas/letter';
import { QUESTION_STATES, questionStateSchema, questionSubmissionSchema } from '../../src/schemas/question';
import {
  catalogueManifestSchema,
  manifestLetterSchema,
  manifestNamedSchema,
} from '../../src/schemas/catalogue-manifest';
import { heroImageSchema } from '../../src/schemas/hero-image';
import { importRowSchemas } from '../../src/schemas/import';
import { draftSourceSchema } from '../../src/schemas/letter-draft';
import {
  createReplyInput,
  deleteReplyInput,
  editReplyInput,
  listRepliesInput,
  readerStateInput,
  threadPageQuery,
  voteReplyInput,
} from '../../src/schemas/reply';
import { topicSchema } from '../../src/schemas/topic';
import { countWords } from '../../src/lib/word-count';
import { resetConfig } from '../../src/server/config';
import { renderReplyMarkdown, sanitizeReplyHtml } from '../../src/server/replies/markdown';
import { checkReplyToken, issueReplyToken, replyIdFromToken } from '../../src/server/replies/tokens';
import { emailFromUnsubscribeToken, unsubscribeToken } from '../../src/server/notify/unsubscribe';
import { checkFormStamp, issueFormStamp, MIN_FILL_MS } from '../../src/server/spam';
import { dbKind, summary } from './harness';

const RUNS = Number(process.env.HARDENING_PROPERTY_RUNS ?? 300);
let registered = 0;
let held = 0;

function property<T>(name: string, arb: fc.Arbitrary<T>, predicate: (value: T) => void, runs = RUNS): void {
  registered++;
  it(name, () => {
    fc.assert(
      fc.property(arb, (value) => {
        predicate(value);
      }),
      { numRuns: runs },
    );
    held++;
  });
}

// Text that reaches the edges: markup, URLs with every scheme trick, Markdown syntax, Unicode.
const fragments = fc.constantFrom(
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="https://ok.example" onclick="x()">ok</a>',
  '<svg onload=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">',
  '<iframe srcdoc="<b>">',
  '<p style="color:red" class="x" id="y">',
  '<ol start="3" type="a" reversed>',
  '</p>',
  '<!-- c -->',
  '<![CDATA[x]]>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](data:text/html,x)',
  '[x](vbscript:x)',
  '[x](https://ok.example "t")',
  '[x](mailto:a@example.com)',
  '[x](//evil.example)',
  '[x](&#106;avascript:x)',
  '![i](https://img.example/x.png)',
  '[r][ref]\n\n[ref]: javascript:alert(1)',
  '<https://ok.example>',
  '<javascript:alert(1)>',
  'https://ok.example/path?q=1',
  'www.example.com',
  '*em* **strong** `code`',
  '```\n<b>code</b>\n```',
  '> quote',
  '- item',
  '1. item',
  '&lt;b&gt; &amp; &#x3C;',
  '"\'<>&',
  '\u0000\u0001\u202e\u2028',
  '\n\n',
  ' ',
);
const hostileText = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fragments },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

const ALLOWED_TAGS = new Set(['p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre']);
const ALLOWED_ATTRIBUTES: Record<string, string[]> = { a: ['href', 'rel'], ol: ['start'] };

/** Tags, attributes and link schemes in sanitized HTML that break the allow-list. */
function allowListBreaches(html: string): string[] {
  const breaches: string[] = [];
  // sanitize-html escapes every "<" in text, so each "<" left starts a real tag.
  for (const tag of html.matchAll(/<\/?([^\s/>]+)([^>]*)>/g)) {
    const name = (tag[1] ?? '').toLowerCase();
    if (!ALLOWED_TAGS.has(name)) breaches.push(`tag ${name}`);
    for (const attr of (tag[2] ?? '').matchAll(/([^\s=]+)(?:="([^"]*)")?/g)) {
      const attrName = (attr[1] ?? '').toLowerCase();
      if (attrName === '/') continue;
      if (!(ALLOWED_ATTRIBUTES[name] ?? []).includes(attrName)) breaches.push(`attribute ${attrName} on ${name}`);
      if (attrName === 'href') {
        const value = (attr[2] ?? '').replace(/&amp;/g, '&').replace(/&#x?[0-9a-f]+;?/gi, '');
        if (!/^(https?:\/\/|mailto:)/i.test(value)) breaches.push(`href ${value}`);
      }
      if (name === 'a' && attrName === 'rel' && attr[2] !== 'nofollow ugc noopener')
        breaches.push(`rel ${String(attr[2])}`);
    }
  }
  if (/<[^>]*$/.test(html)) breaches.push('unterminated tag');
  return breaches;
}

/** One-character mutations of a string: replace, delete, insert, and appended or prepended extras. */
function mutations(token: string): fc.Arbitrary<string> {
  const chars = fc.constantFrom(...'0123456789abcdefxyzABCXYZ-_.=+/ !%'.split(''));
  const at = fc.nat({ max: Math.max(0, token.length - 1) });
  return fc
    .oneof(
      fc.tuple(at, chars).map(([i, c]) => token.slice(0, i) + c + token.slice(i + 1)),
      at.map((i) => token.slice(0, i) + token.slice(i + 1)),
      fc.tuple(at, chars).map(([i, c]) => token.slice(0, i) + c + token.slice(i)),
      chars.map((c) => token + c),
      chars.map((c) => c + token),
      fc.constant(token.toUpperCase()),
      fc.constant(`${token}.${token}`),
    )
    .filter((m) => m !== token);
}

const KNOWN_DRAFT = { topics: new Set(['care-repair', 'first-bag']), columnists: new Set(['pursebop']) };
const KNOWN_IMPORT = { topics: KNOWN_DRAFT.topics, columnistNames: new Set(['PurseBop']) };

beforeAll(() => {
  process.env.SITE_SECRET = 'property-secret-5d1c9e7a3b0f2468ace13579bdf02468';
  resetConfig();
});

afterAll(() => {
  if (dbKind !== 'sqlite') return;
  summary(7, `properties: ${String(held)} of ${String(registered)} properties held over ${String(RUNS)} runs each`);
});

describe.runIf(dbKind === 'sqlite')('hardening 7: property tests', () => {
  describe('zod schemas', () => {
    property(
      'every schema parses arbitrary input without throwing',
      fc.anything(),
      (value) => {
        const image = (() => z.string()) as unknown as ImageFunction;
        for (const schema of [
          createReplyInput,
          editReplyInput,
          deleteReplyInput,
          voteReplyInput,
          listRepliesInput,
          questionStateSchema,
          topicSchema,
          columnistSchema,
          letterSchema(image),
          heroImageSchema(image),
          threadPageQuery,
          readerStateInput,
          draftSourceSchema(KNOWN_DRAFT),
          catalogueManifestSchema,
          manifestLetterSchema,
          manifestNamedSchema,
          ...Object.values(importRowSchemas(KNOWN_IMPORT)),
        ]) {
          expect(() => schema.safeParse(value)).not.toThrow();
        }
      },
      100,
    );

    const replyFields = fc.record(
      {
        letterId: fc.oneof(
          fc.constant('rain-spots'),
          fc.string({ maxLength: 130 }),
          fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,125}$/),
        ),
        parentId: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 70), fc.constant(-5), fc.constant(1.5)),
        name: fc.oneof(
          fc.string({ maxLength: 70 }),
          fc.constant('   '),
          fc.string({ unit: 'grapheme', maxLength: 70 }),
        ),
        email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 300 })),
        notify: fc.oneof(fc.boolean(), fc.string({ maxLength: 3 })),
        body: fc.oneof(fc.string({ maxLength: 5_010 }), hostileText, fc.constant(' \n\t ')),
        stamp: fc.string({ maxLength: 210 }),
        website: fc.string({ maxLength: 510 }),
      },
      { requiredKeys: [] },
    );
    property('replies.create accepts only what its limits allow', replyFields, (input) => {
      const result = createReplyInput.safeParse(input);
      if (!result.success) return;
      const r = result.data;
      expect(r.letterId).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(r.letterId.length).toBeLessThanOrEqual(120);
      expect(r.name).toBe(r.name.trim());
      expect(r.name.length).toBeGreaterThanOrEqual(1);
      expect(r.name.length).toBeLessThanOrEqual(60);
      expect(r.body.length).toBeGreaterThanOrEqual(1);
      expect(r.body.length).toBeLessThanOrEqual(5000);
      expect(r.body).toBe(r.body.trim());
      if (r.parentId !== undefined) {
        expect(Number.isSafeInteger(r.parentId)).toBe(true);
        expect(r.parentId).toBeGreaterThan(0);
      }
      if (r.email !== undefined) {
        expect(r.email).toContain('@');
        expect(r.email.length).toBeLessThanOrEqual(254);
      }
      expect(r.stamp.length).toBeLessThanOrEqual(200);
      expect((r.website ?? '').length).toBeLessThanOrEqual(500);
      expect(typeof r.notify).toBe('boolean');
      // Parsing is idempotent: what came out goes back in unchanged.
      expect(createReplyInput.parse(r)).toEqual(r);
    });

    property(
      'replies.edit, delete, vote and list keep ids, tokens and voter ids in bounds',
      fc.record({
        id: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 70), fc.constant(Number.MAX_SAFE_INTEGER)),
        token: fc.string({ maxLength: 210 }),
        body: fc.string({ maxLength: 5_010 }),
        voterId: fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^[A-Za-z0-9_-]{10,70}$/)),
        letterId: fc.string({ maxLength: 20 }),
        page: fc.oneof(fc.integer(), fc.double()),
        sort: fc.oneof(fc.constantFrom('oldest', 'newest', 'helpful'), fc.string({ maxLength: 8 })),
        tokens: fc.array(fc.string({ maxLength: 210 }), { maxLength: 55 }),
      }),
      (input) => {
        const idOk = (id: number) => Number.isSafeInteger(id) && id > 0;
        const edit = editReplyInput.safeParse(input);
        if (edit.success) {
          expect(idOk(edit.data.id)).toBe(true);
          expect(edit.data.token.length).toBeLessThanOrEqual(200);
          expect(edit.data.body.trim().length).toBeGreaterThan(0);
        }
        const del = deleteReplyInput.safeParse(input);
        if (del.success) expect(idOk(del.data.id)).toBe(true);
        const vote = voteReplyInput.safeParse(input);
        if (vote.success) expect(vote.data.voterId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
        const list = listRepliesInput.safeParse(input);
        if (list.success) {
          expect(list.data.page).toBeGreaterThanOrEqual(1);
          expect(list.data.page).toBeLessThanOrEqual(10_000);
          expect(list.data.tokens.length).toBeLessThanOrEqual(50);
          expect(['oldest', 'newest', 'helpful']).toContain(list.data.sort);
        }
      },
    );

    const words = fc.array(fc.constantFrom('bag', 'leather', 'kelly', 'strap', 'Hermès', 'why', 'é', '—', 'x'), {
      minLength: 0,
      maxLength: 900,
    });
    property(
      'a question is accepted only within its limits',
      fc.record(
        {
          pseudonym: fc.oneof(fc.string({ maxLength: 70 }), fc.constant(' a ')),
          email: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 260 }), fc.constant('')),
          topic: fc.oneof(
            fc.constantFrom('care-repair', 'first-bag', 'Care', 'a--b', '-a'),
            fc.string({ maxLength: 20 }),
          ),
          body: fc.oneof(
            words.map((w) => w.join(' ')),
            fc.string({ maxLength: 200 }),
            hostileText,
          ),
          consent: fc.oneof(fc.boolean(), fc.string({ maxLength: 4 })),
        },
        { requiredKeys: [] },
      ),
      (input) => {
        const result = questionSubmissionSchema.safeParse(input);
        if (!result.success) return;
        const q = result.data;
        expect(q.pseudonym.length).toBeGreaterThanOrEqual(2);
        expect(q.pseudonym.length).toBeLessThanOrEqual(60);
        expect(q.topic).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(q.consent).toBe(true);
        expect(q.body.length).toBeLessThanOrEqual(8000);
        expect(countWords(q.body)).toBeGreaterThanOrEqual(30);
        expect(countWords(q.body)).toBeLessThanOrEqual(800);
        if (q.email !== undefined) expect(q.email).toMatch(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
      },
    );

    property(
      'a thread page query keeps its page and sort in bounds',
      fc.record(
        {
          letterId: fc.oneof(fc.constant('rain-spots'), fc.string({ maxLength: 10 })),
          sort: fc.oneof(fc.constantFrom('oldest', 'newest', 'helpful'), fc.string({ maxLength: 8 })),
          page: fc.oneof(
            fc.integer().map(String),
            fc.double().map(String),
            fc.string({ maxLength: 6 }),
            fc.constant('1e3'),
          ),
        },
        { requiredKeys: ['letterId'] },
      ),
      (input) => {
        const result = threadPageQuery.safeParse(input);
        if (!result.success) return;
        expect(Number.isInteger(result.data.page)).toBe(true);
        expect(result.data.page).toBeGreaterThanOrEqual(1);
        expect(result.data.page).toBeLessThanOrEqual(10_000);
        expect(['oldest', 'newest', 'helpful']).toContain(result.data.sort);
      },
    );

    property(
      'a draft takes only known topics and columnists and a pseudonym within limits',
      fc.record({
        id: fc.oneof(fc.integer(), fc.double()),
        pseudonym: fc.string({ maxLength: 70 }),
        topic: fc.oneof(
          fc.constantFrom('care-repair', 'first-bag', 'resale', '__proto__', 'constructor'),
          fc.string({ maxLength: 12 }),
        ),
        body: fc.oneof(hostileText, fc.constant('  ')),
        columnist: fc.oneof(
          fc.constantFrom('pursebop', 'nobody', '__proto__', 'toString'),
          fc.string({ maxLength: 8 }),
        ),
      }),
      (input) => {
        const result = draftSourceSchema(KNOWN_DRAFT).safeParse(input);
        if (!result.success) return;
        expect(KNOWN_DRAFT.topics.has(result.data.topic)).toBe(true);
        expect(KNOWN_DRAFT.columnists.has(result.data.columnist)).toBe(true);
        expect(result.data.pseudonym.length).toBeGreaterThanOrEqual(2);
        expect(result.data.pseudonym.length).toBeLessThanOrEqual(60);
        expect(result.data.body.trim().length).toBeGreaterThan(0);
        expect(Number.isInteger(result.data.id) && result.data.id > 0).toBe(true);
      },
    );

    property(
      'a question state is one of the four, and nothing else',
      fc.oneof(fc.string(), fc.constantFrom(...QUESTION_STATES)),
      (s) => {
        expect(questionStateSchema.safeParse(s).success).toBe((QUESTION_STATES as readonly string[]).includes(s));
      },
    );

    property(
      'content schemas (letter, topic, columnist) keep their limits',
      fc.record({
        headline: fc.string({ maxLength: 150 }),
        summary: fc.string({ maxLength: 250 }),
        pubDate: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string({ maxLength: 12 }),
        ),
        updatedDate: fc.option(fc.date({ noInvalidDate: true }), { nil: undefined }),
        columnist: fc.constant('pursebop'),
        pseudonym: fc.string({ maxLength: 70 }),
        topics: fc.array(fc.constant('first-bag'), { maxLength: 6 }),
        brands: fc.array(fc.string({ maxLength: 5 }), { maxLength: 8 }),
        id: fc.oneof(fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.string({ maxLength: 12 })),
        name: fc.string({ maxLength: 5 }),
        description: fc.string({ maxLength: 5 }),
        role: fc.string({ maxLength: 5 }),
        shortBio: fc.string({ maxLength: 5 }),
      }),
      (input) => {
        const image = (() => z.string()) as unknown as ImageFunction;
        const letter = letterSchema(image).safeParse(input);
        if (letter.success) {
          const l = letter.data;
          expect(l.headline.length).toBeGreaterThanOrEqual(8);
          expect(l.headline.length).toBeLessThanOrEqual(140);
          expect(l.summary.length).toBeGreaterThanOrEqual(20);
          expect(l.summary.length).toBeLessThanOrEqual(240);
          expect(l.topics.length).toBeGreaterThanOrEqual(1);
          expect(l.topics.length).toBeLessThanOrEqual(4);
          expect(l.brands.length).toBeLessThanOrEqual(6);
          if (l.updatedDate) expect(l.updatedDate.getTime()).toBeGreaterThanOrEqual(l.pubDate.getTime());
        }
        const topic = topicSchema.safeParse(input);
        if (topic.success) expect(topic.data.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        const columnist = columnistSchema.safeParse(input);
        if (columnist.success) expect(columnist.data.name.length).toBeGreaterThan(0);
      },
    );
  });

  describe('reply sanitizer', () => {
    property('rendered Markdown holds only allow-listed tags, attributes and link schemes', hostileText, (text) => {
      expect(allowListBreaches(renderReplyMarkdown(text))).toEqual([]);
    });
    property('sanitizeReplyHtml alone enforces the allow-list on arbitrary HTML', hostileText, (html) => {
      expect(allowListBreaches(sanitizeReplyHtml(html))).toEqual([]);
    });
    property('sanitized output stays inside the allow-list when sanitized again', hostileText, (html) => {
      expect(allowListBreaches(sanitizeReplyHtml(sanitizeReplyHtml(html)))).toEqual([]);
    });
    it('the breach detector itself sees a breach', () => {
      expect(allowListBreaches('<a href="javascript:x" onclick="y">')).toHaveLength(2);
      expect(allowListBreaches('<p>ok <a href="https://ok.example" rel="nofollow ugc noopener">x</a></p>')).toEqual([]);
    });
  });

  describe('tokens and stamps', () => {
    const reply = fc.record({
      id: fc.integer({ min: 1, max: 2 ** 40 }),
      created_at: fc.integer({ min: 1e12, max: 2e12 }),
    });
    property(
      'a reply token, mutated anywhere, no longer opens the reply',
      reply.chain((r) => fc.tuple(fc.constant(r), mutations(issueReplyToken(r.id, r.created_at)))),
      ([r, forged]) => {
        expect(checkReplyToken(forged, r, r.created_at + 1)).toBe('invalid');
        const id = replyIdFromToken(forged);
        expect(id === undefined || id === r.id).toBe(true);
      },
    );
    property('a reply token opens only its own reply', fc.tuple(reply, reply), ([a, b]) => {
      const token = issueReplyToken(a.id, a.created_at);
      expect(checkReplyToken(token, a, a.created_at + 1)).toBe('ok');
      if (a.id !== b.id || a.created_at !== b.created_at)
        expect(checkReplyToken(token, b, b.created_at + 1)).toBe('invalid');
    });
    property(
      'a form stamp, mutated anywhere, is refused',
      fc.integer({ min: 1e12, max: 2e12 }).chain((t) => fc.tuple(fc.constant(t), mutations(issueFormStamp(t)))),
      ([t, forged]) => {
        expect(checkFormStamp(issueFormStamp(t), t + MIN_FILL_MS + 1)).toBe('ok');
        expect(checkFormStamp(forged, t + MIN_FILL_MS + 1)).not.toBe('ok');
      },
    );
    property(
      'an unsubscribe token, mutated anywhere, never names another address',
      fc.emailAddress().chain((e) => fc.tuple(fc.constant(e), mutations(unsubscribeToken(e)))),
      ([email, forged]) => {
        const named = emailFromUnsubscribeToken(forged);
        expect(named === undefined || named === email.trim().toLowerCase()).toBe(true);
      },
    );
  });
});
