// The bad-input table: every write path × every field, plus the transport-level abuse
// (content types, body sizes, lying lengths, huge headers) on every HTTP method.
import { formBody, LETTER } from './harness';

/**
 * reject: must answer a 4xx with a clear message and store nothing.
 * either: a valid but odd input; it may be accepted, but never a 5xx, and a 4xx stores nothing.
 * transport: the connection may also be dropped (the body is never read), but never a 5xx.
 */
export type Expectation = 'reject' | 'either' | 'transport';

export interface Case {
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Raw bytes of the body; an iterable is streamed (chunked when no content-length is set). */
  body?: Buffer | (() => Iterable<Buffer>);
  expect: Expectation;
  /** Where the right answer is a redirect (the desk's forms answer 303 with a notice). */
  allowRedirect?: boolean;
}

/** Everything a case needs from the running site. */
export interface CaseContext {
  origin: string;
  /** A reply that exists, and its author's token. */
  replyId: number;
  replyToken: string;
  /** A published reply (for votes). */
  publishedId: number;
  questionId: number;
  /** Desk session cookie and CSRF token. */
  deskCookie: string;
  deskCsrf: string;
  /** Cookie and token for the sign-in form. */
  loginCookie: string;
  loginCsrf: string;
  unique: () => string;
}

/** Placeholders for a form stamp old enough to pass the minimum fill time, filled in at send time. */
export const REPLY_STAMP = 'STAMP4REPLY';
export const QUESTION_STAMP = 'STAMP4QUESTION';

const TWO_POW_70 = '1180591620717411303424';
const QUESTION_WORDS =
  'I bought a structured leather tote last spring and the corners have started to scuff badly where they rub against my coat, and I would like to know whether a careful cleaning and a little conditioner can bring the colour back without making it worse.';

/** Strange but well-formed text: each must be handled, never crash the server. */
const oddTexts: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['control characters', 'a\u0001\u0007\u001b[31mb\u007f'],
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', 'a\udc00b'],
  ['RTL override', 'abc\u202edcba\u202c'],
  ['zero-width and BOM', '\ufeff\u200b\u200dab'],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
  ['combining marks', `a${'\u0301'.repeat(200)}`],
  ['astral characters', '👜'.repeat(20)],
];

function textField(
  base: Record<string, unknown>,
  fieldName: string,
  limits: { min?: number; max: number; required: boolean; pad?: (n: number) => string },
): { name: string; input: Record<string, unknown>; expect: Expectation }[] {
  const pad = limits.pad ?? ((n: number) => 'x'.repeat(n));
  const out: { name: string; input: Record<string, unknown>; expect: Expectation }[] = [
    { name: `${fieldName} at the limit − 1`, input: { ...base, [fieldName]: pad(limits.max - 1) }, expect: 'either' },
    { name: `${fieldName} at the limit`, input: { ...base, [fieldName]: pad(limits.max) }, expect: 'either' },
    { name: `${fieldName} at the limit + 1`, input: { ...base, [fieldName]: pad(limits.max + 1) }, expect: 'reject' },
    { name: `${fieldName} 100× the limit`, input: { ...base, [fieldName]: pad(limits.max * 10) }, expect: 'reject' },
    {
      name: `${fieldName} missing`,
      input: { ...base, [fieldName]: undefined },
      expect: limits.required ? 'reject' : 'either',
    },
    { name: `${fieldName} empty`, input: { ...base, [fieldName]: '' }, expect: limits.required ? 'reject' : 'either' },
    {
      name: `${fieldName} whitespace only`,
      input: { ...base, [fieldName]: ' \t\n\u00a0 ' },
      expect: limits.required ? 'reject' : 'either',
    },
    { name: `${fieldName} repeated`, input: { ...base, [fieldName]: [base[fieldName], 'second'] }, expect: 'either' },
  ];
  if (limits.min !== undefined && limits.min > 1) {
    out.push({
      name: `${fieldName} below the minimum`,
      input: { ...base, [fieldName]: pad(limits.min - 1) },
      expect: 'reject',
    });
  }
  for (const [label, text] of oddTexts) {
    out.push({
      name: `${fieldName} with ${label}`,
      input: { ...base, [fieldName]: `${String(base[fieldName])} ${text}` },
      expect: 'either',
    });
  }
  return out;
}

function idField(base: Record<string, unknown>, fieldName: string, json: boolean) {
  const values: [string, unknown, Expectation][] = [
    ['2^70', json ? Number(TWO_POW_70) : TWO_POW_70, 'reject'],
    ['2^70 as digits', TWO_POW_70, 'reject'],
    ['−5', -5, 'reject'],
    ['0', 0, 'reject'],
    ['1.5', 1.5, 'reject'],
    ['"1" as a string', '1', json ? 'reject' : 'either'],
    ['1e3', '1e3', 'reject'],
    ['0x10', '0x10', 'reject'],
    ['NaN', 'NaN', 'reject'],
    ['Infinity', 'Infinity', 'reject'],
    ['a word', 'abc', 'reject'],
    ['an array', [1, 2], json ? 'reject' : 'either'],
    ['an object', { a: 1 }, 'reject'],
    ['null', null, 'reject'],
    ['true', true, 'reject'],
    ['1 followed by NUL', '1\u0000', 'reject'],
  ];
  return values.map(([label, value, expect]) => ({
    name: `${fieldName} = ${label}`,
    input: { ...base, [fieldName]: value },
    expect,
  }));
}

function formCase(
  ctx: CaseContext,
  name: string,
  path: string,
  input: Record<string, unknown>,
  expect: Expectation,
): Case {
  return {
    name,
    method: 'POST',
    path,
    headers: { origin: ctx.origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: Buffer.from(formBody(input)),
    expect,
  };
}

function jsonCase(ctx: CaseContext, name: string, path: string, input: unknown, expect: Expectation): Case {
  return {
    name,
    method: 'POST',
    path,
    headers: { origin: ctx.origin, 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(input)),
    expect,
  };
}

function deep(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

function* repeatChunks(total: number, chunk = 64 * 1024): Iterable<Buffer> {
  const block = Buffer.alloc(chunk, 'a');
  for (let sent = 0; sent < total; sent += chunk) yield block.subarray(0, Math.min(chunk, total - sent));
}

/** Field-level cases for one form write path. */
function fieldCases(
  ctx: CaseContext,
  label: string,
  path: string,
  base: () => Record<string, unknown>,
  fields: Record<string, { min?: number; max: number; required: boolean; pad?: (n: number) => string } | 'id' | 'flag'>,
  json = false,
): Case[] {
  const cases: Case[] = [];
  const make = (name: string, input: Record<string, unknown>, expect: Expectation) =>
    json
      ? jsonCase(ctx, `${label}: ${name}`, path, input, expect)
      : formCase(ctx, `${label}: ${name}`, path, input, expect);
  for (const [fieldName, spec] of Object.entries(fields)) {
    if (spec === 'id') for (const c of idField(base(), fieldName, json)) cases.push(make(c.name, c.input, c.expect));
    else if (spec === 'flag') {
      for (const value of ['maybe', '2', ['on', 'off']])
        cases.push(make(`${fieldName} = ${JSON.stringify(value)}`, { ...base(), [fieldName]: value }, 'either'));
    } else for (const c of textField(base(), fieldName, spec)) cases.push(make(c.name, c.input, c.expect));
    if (json && spec !== 'id') {
      cases.push(make(`${fieldName} as a number`, { ...base(), [fieldName]: 12 }, 'reject'));
      cases.push(make(`${fieldName} as an object`, { ...base(), [fieldName]: { $gt: '' } }, 'reject'));
    }
  }
  cases.push(make('an unknown field', { ...base(), isColumnist: true, status: 'published' }, 'either'));
  cases.push(make('nothing at all', {}, 'reject'));
  return cases;
}

const uniqueBody = (ctx: CaseContext) => (n: number) => {
  const tag = ctx.unique();
  return n <= tag.length ? tag.slice(0, Math.max(n, 0)) : `${tag} ${'x'.repeat(n - tag.length - 1)}`;
};

/** The whole table. Stamps are placeholders, replaced with a fresh one as each case is sent. */
export function buildCases(ctx: CaseContext): Case[] {
  const table: Case[] = [];
  const add = (build: () => Case[]) => {
    table.push(...build());
  };

  const replyBase = () => ({
    letterId: LETTER,
    name: 'Hardening Tester',
    body: `A perfectly ordinary reply ${ctx.unique()}`,
    stamp: REPLY_STAMP,
  });
  const replyFields = {
    letterId: { max: 120, required: true, pad: (n: number) => 'a'.repeat(n) },
    parentId: 'id',
    name: { max: 60, required: true },
    email: { max: 254, required: false, pad: (n: number) => `${'a'.repeat(Math.max(1, n - 12))}@example.com` },
    notify: 'flag',
    body: { max: 5000, required: true, pad: uniqueBody(ctx) },
    stamp: { max: 200, required: true },
    website: { max: 500, required: false },
  } as const;
  add(() => fieldCases(ctx, 'replies.create', '/_actions/replies.create', replyBase, replyFields));
  add(() =>
    fieldCases(ctx, 'no-JS replies page', `/letters/${LETTER}/replies?_action=replies.create`, replyBase, {
      name: { max: 60, required: true },
      body: { max: 5000, required: true, pad: uniqueBody(ctx) },
      parentId: 'id',
    }),
  );

  const editBase = () => ({ id: ctx.replyId, token: ctx.replyToken, body: `An edited reply ${ctx.unique()}` });
  add(() =>
    fieldCases(ctx, 'replies.edit', '/_actions/replies.edit', editBase, {
      id: 'id',
      token: { max: 200, required: true },
      body: { max: 5000, required: true, pad: uniqueBody(ctx) },
    }),
  );
  // Deleting with a wrong token or id must fail; a valid delete is not in the table (it would remove the test reply).
  add(() =>
    // Ids a form could legitimately carry would delete the table's reply; the rest must fail.
    idField({ id: 0, token: ctx.replyToken }, 'id', false)
      .filter((c) => c.expect === 'reject')
      .map((c) => formCase(ctx, `replies.delete: ${c.name}`, '/_actions/replies.delete', c.input, 'reject')),
  );
  add(() => [
    formCase(
      ctx,
      'replies.delete: forged token',
      '/_actions/replies.delete',
      { id: ctx.replyId, token: `${ctx.replyToken}x` },
      'reject',
    ),
    formCase(ctx, 'replies.delete: empty token', '/_actions/replies.delete', { id: ctx.replyId, token: '' }, 'reject'),
    formCase(
      ctx,
      'replies.delete: token too long',
      '/_actions/replies.delete',
      { id: ctx.replyId, token: 'x'.repeat(201) },
      'reject',
    ),
  ]);

  add(() =>
    fieldCases(
      ctx,
      'replies.vote',
      '/_actions/replies.vote',
      () => ({ id: ctx.publishedId, voterId: `voter${ctx.unique().replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 40) }),
      { id: 'id', voterId: { min: 16, max: 64, required: true, pad: (n: number) => 'v'.repeat(n) } },
      true,
    ),
  );
  add(() =>
    fieldCases(
      ctx,
      'replies.list',
      '/_actions/replies.list',
      () => ({ letterId: LETTER, sort: 'oldest', page: 1, tokens: [] }),
      {
        letterId: { max: 120, required: true, pad: (n: number) => 'a'.repeat(n) },
        page: 'id',
        sort: { max: 7, required: false },
      },
      true,
    ),
  );

  const questionBase = () => ({
    pseudonym: 'Scuffed Corners',
    topic: 'care-repair',
    body: `${QUESTION_WORDS} ${ctx.unique()}`,
    consent: 'on',
    stamp: QUESTION_STAMP,
  });
  const questionFields = {
    pseudonym: { min: 2, max: 60, required: true },
    email: { max: 254, required: false, pad: (n: number) => `${'a'.repeat(Math.max(1, n - 12))}@example.com` },
    topic: { max: 40, required: true, pad: (n: number) => 'a'.repeat(n) },
    body: {
      max: 8000,
      required: true,
      pad: (n: number) =>
        `${QUESTION_WORDS} ${ctx.unique()} ${'word '.repeat(Math.max(0, Math.floor((n - QUESTION_WORDS.length - 30) / 5)))}`.slice(
          0,
          n,
        ),
    },
    consent: 'flag',
    stamp: { max: 200, required: true },
    website: { max: 500, required: false },
  } as const;
  add(() => fieldCases(ctx, 'questions.submit', '/_actions/questions.submit', questionBase, questionFields));
  add(() =>
    fieldCases(ctx, 'no-JS ask page', '/ask?_action=questions.submit', questionBase, {
      pseudonym: { min: 2, max: 60, required: true },
      body: questionFields.body,
    }),
  );

  // The desk, signed in with a valid CSRF token: bad fields must not change anything.
  const questionPage = `/desk/questions/${String(ctx.questionId)}`;
  const desk = (name: string, path: string, input: Record<string, unknown>, expect: Expectation = 'reject'): Case => ({
    ...formCase(ctx, `desk ${name}`, path, { _csrf: ctx.deskCsrf, ...input }, expect),
    headers: { origin: ctx.origin, 'content-type': 'application/x-www-form-urlencoded', cookie: ctx.deskCookie },
    allowRedirect: true,
  });
  add(() => [
    ...idField({ bulk: 'approve' }, 'ids', false).map((c) =>
      desk(`bulk moderation: ${c.name}`, '/desk/replies?_action=desk.replies.moderate', c.input, c.expect),
    ),
    ...['approve:2^70', 'approve:-5', 'approve:1.5', 'explode:1', 'approve', ':', 'approve:1:2'].map((one) =>
      desk(`single moderation: one=${one}`, '/desk/replies?_action=desk.replies.moderate', {
        one: one.replace('2^70', TWO_POW_70),
      }),
    ),
    desk('bulk moderation: unknown action', '/desk/replies?_action=desk.replies.moderate', {
      bulk: 'publish-everything',
      ids: [ctx.replyId],
    }),
    desk('bulk moderation: nothing ticked', '/desk/replies?_action=desk.replies.moderate', { bulk: 'approve' }),
    ...[TWO_POW_70, '-5', '1.5', 'abc', '0'].map((id) =>
      desk(`reply editor at id ${id}`, `/desk/replies/${id}?_action=desk.replies.edit`, { id, body: 'x' }),
    ),
    desk('reply editor: unknown moderation', `/desk/replies/${String(ctx.replyId)}?_action=desk.replies.moderate`, {
      one: `explode:${String(ctx.replyId)}`,
    }),
    desk('reply editor: empty body', `/desk/replies/${String(ctx.replyId)}?_action=desk.replies.edit`, {
      id: ctx.replyId,
      body: '  ',
    }),
    desk('reply editor: body over the limit', `/desk/replies/${String(ctx.replyId)}?_action=desk.replies.edit`, {
      id: ctx.replyId,
      body: 'x'.repeat(5001),
    }),
    desk('columnist reply: empty body', `/desk/replies/${String(ctx.replyId)}?_action=desk.replies.columnist`, {
      parentId: ctx.replyId,
      columnist: 'pursebop',
      body: '',
    }),
    desk(
      'columnist reply: body over the limit',
      `/desk/replies/${String(ctx.replyId)}?_action=desk.replies.columnist`,
      {
        parentId: ctx.replyId,
        columnist: 'pursebop',
        body: 'x'.repeat(5001),
      },
    ),
    desk('columnist reply: unknown columnist', `/desk/replies/${String(ctx.replyId)}?_action=desk.replies.columnist`, {
      parentId: ctx.replyId,
      columnist: 'nobody-at-all',
      body: 'hello',
    }),
    desk(
      'new columnist reply: unknown letter',
      '/desk/replies/new?letter=no-such-letter&_action=desk.replies.columnist',
      {
        letterId: 'no-such-letter',
        columnist: 'pursebop',
        body: 'hi',
      },
    ),
    desk('new columnist reply: no letter', '/desk/replies/new?_action=desk.replies.columnist', {
      columnist: 'pursebop',
      body: 'hi',
    }),
    ...[TWO_POW_70, '-5', '1.5', 'abc', '0', ''].map((id) =>
      desk(`question at id ${id}`, `/desk/questions/${id || '1'}?_action=desk.questions.move`, {
        id,
        intent: 'shortlist',
      }),
    ),
    desk('question: unknown intent', `${questionPage}?_action=desk.questions.move`, {
      id: ctx.questionId,
      intent: 'explode',
    }),
    desk('question: posted without naming its action', questionPage, { id: ctx.questionId, intent: 'shortlist' }),
    desk('question: answered with no letter', `${questionPage}?_action=desk.questions.answer`, {
      id: ctx.questionId,
      letter: '',
    }),
    desk('question: answered with an unknown letter', `${questionPage}?_action=desk.questions.answer`, {
      id: ctx.questionId,
      letter: 'no-such-letter',
    }),
    desk('question: answered with a 20 kB letter name', `${questionPage}?_action=desk.questions.answer`, {
      id: ctx.questionId,
      letter: 'x'.repeat(20_000),
    }),
    desk('question: draft for a question that does not exist', `/desk/questions/1?_action=desk.questions.draft`, {
      id: TWO_POW_70,
      columnist: 'pursebop',
    }),
    desk('question: draft for a question number never given', `/desk/questions/1?_action=desk.questions.draft`, {
      id: '999999999',
      columnist: 'pursebop',
    }),
    desk('outbox: posted without naming its action', '/desk/outbox', {}),
  ]);
  add(() => [
    login(ctx, 'empty email', { email: '', password: 'x' }),
    login(ctx, 'email over the limit', { email: `${'a'.repeat(300)}@example.com`, password: 'x' }),
    login(ctx, 'password over the limit', { email: 'a@example.com', password: 'x'.repeat(201) }),
    login(ctx, 'password missing', { email: 'a@example.com' }),
    login(ctx, 'next with CRLF', { email: 'a@example.com', password: 'x', next: '/desk\r\nSet-Cookie: a=b' }),
    login(ctx, 'next with NUL', { email: 'a@example.com', password: 'x', next: '/desk\u0000' }),
    login(ctx, 'next off-site', { email: 'a@example.com', password: 'x', next: '//evil.example/' }),
    login(ctx, 'email with NUL', { email: 'a\u0000@example.com', password: 'x' }),
    login(ctx, 'no CSRF token', { email: 'a@example.com', password: 'x', _csrf: '' }),
    login(ctx, 'wrong CSRF token', { email: 'a@example.com', password: 'x', _csrf: 'forged' }),
    {
      ...login(ctx, 'posted without naming its action', { email: 'a@example.com', password: 'x' }),
      path: '/desk/login',
    },
  ]);
  add(() =>
    ['', 't=', 't=forged', `t=${'x'.repeat(5000)}`, 't=%00', 't=%ff%fe'].map((q) => ({
      ...formCase(
        ctx,
        `unsubscribe with ${q || 'no token'}`,
        `/desk/unsubscribe?${q}`,
        { 'List-Unsubscribe': 'One-Click' },
        'reject',
      ),
    })),
  );

  // Broken encodings and JSON on the action endpoints.
  const actionPaths = [
    '/_actions/replies.create',
    '/_actions/replies.vote',
    '/_actions/questions.submit',
    '/_actions/replies.list',
  ];
  add(() =>
    actionPaths.flatMap((path) => [
      raw(ctx, `${path}: malformed JSON`, path, 'application/json', '{"letterId": "x",'),
      raw(ctx, `${path}: malformed JSON, upper-case type`, path, 'APPLICATION/JSON', '{"letterId": '),
      raw(ctx, `${path}: JSON with a charset`, path, 'application/json; charset=utf-8', '{{{'),
      raw(ctx, `${path}: 10,000-deep JSON`, path, 'application/json', deep(10_000)),
      raw(ctx, `${path}: 100,000-deep JSON`, path, 'application/json', deep(100_000)),
      raw(ctx, `${path}: JSON null`, path, 'application/json', 'null'),
      raw(ctx, `${path}: JSON string`, path, 'application/json', '"hello"'),
      raw(
        ctx,
        `${path}: invalid UTF-8 in JSON`,
        path,
        'application/json',
        Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      ),
      raw(ctx, `${path}: text/plain`, path, 'text/plain', 'name=a&body=b'),
      raw(ctx, `${path}: no content type`, path, undefined, 'name=a&body=b'),
      raw(ctx, `${path}: multipart without a boundary`, path, 'multipart/form-data', 'name=a'),
      raw(
        ctx,
        `${path}: multipart with a wrong boundary`,
        path,
        'multipart/form-data; boundary=zzz',
        '--aaa\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--aaa--',
      ),
      raw(
        ctx,
        `${path}: truncated multipart`,
        path,
        'multipart/form-data; boundary=b',
        '--b\r\nContent-Disposition: form-data; name="body"\r\n\r\nhello',
      ),
      raw(
        ctx,
        `${path}: invalid UTF-8 in a form`,
        path,
        'application/x-www-form-urlencoded',
        Buffer.concat([Buffer.from('letterId=rain-spots&name=a&body='), Buffer.from([0xff, 0xfe, 0xc3])]),
      ),
      raw(
        ctx,
        `${path}: broken percent-encoding`,
        path,
        'application/x-www-form-urlencoded',
        'letterId=%E0%A4%A&name=%&body=%zz',
      ),
      raw(
        ctx,
        `${path}: a form of 10,000 fields`,
        path,
        'application/x-www-form-urlencoded',
        Array.from({ length: 10_000 }, (_, i) => `f${String(i)}=1`).join('&'),
      ),
      raw(ctx, `${path}: empty body`, path, 'application/json', ''),
    ]),
  );
  add(() =>
    [
      `/letters/${LETTER}/replies?_action=replies.create`,
      '/ask?_action=questions.submit',
      `/letters/${LETTER}/replies?_action=replies.vote`,
    ].flatMap((path) => [
      raw(ctx, `${path}: malformed JSON`, path, 'application/json', '{"id": '),
      raw(ctx, `${path}: malformed JSON, upper-case type`, path, 'APPLICATION/JSON', '{'),
      raw(ctx, `${path}: multipart without a boundary`, path, 'multipart/form-data', 'x'),
      raw(ctx, `${path}: text/plain`, path, 'text/plain', 'x'),
    ]),
  );
  add(() => [
    raw(ctx, '?_action= naming no action', '/ask?_action=nothing.here', 'application/x-www-form-urlencoded', 'a=b'),
    raw(ctx, '?_action= naming a prototype key', '/ask?_action=__proto__', 'application/x-www-form-urlencoded', 'a=b'),
    raw(
      ctx,
      '?_action= naming constructor',
      '/ask?_action=constructor.name',
      'application/x-www-form-urlencoded',
      'a=b',
    ),
    raw(ctx, 'unknown action endpoint', '/_actions/replies.explode', 'application/json', '{}'),
    raw(ctx, 'action endpoint with a prototype key', '/_actions/__proto__', 'application/json', '{}'),
  ]);

  // The public thread's JSON endpoint: bad query values get a 4xx, never a 5xx.
  add(() =>
    [
      `/api/replies/${LETTER}?page=${TWO_POW_70}`,
      `/api/replies/${LETTER}?page=-5`,
      `/api/replies/${LETTER}?page=1.5`,
      `/api/replies/${LETTER}?page=abc`,
      `/api/replies/${LETTER}?sort=evil`,
      `/api/replies/${LETTER}?page=1&page=2&sort=a&sort=b`,
      '/api/replies/NOT-A-SLUG',
      `/api/replies/${'a'.repeat(200)}`,
      '/api/replies/%00',
      '/api/replies/%E0%A4%A',
      '/api/replies/..%2F..%2Fetc%2Fpasswd',
    ].map((path): Case => ({ name: `GET ${path.slice(0, 80)}`, method: 'GET', path, headers: {}, expect: 'reject' })),
  );

  // Sizes, lying lengths and methods: every method on an on-demand route, a static page and an action.
  const sizePaths = ['/desk/login', '/_actions/replies.create', `/letters/${LETTER}/replies`, '/'];
  const methods = ['POST', 'PUT', 'PATCH', 'DELETE', 'PROPFIND', 'GET', 'MKCOL'];
  add(() =>
    sizePaths.flatMap((path) =>
      methods.flatMap((method): Case[] => [
        {
          name: `${method} ${path}: 1 MiB body with its length`,
          method,
          path,
          headers: {
            origin: ctx.origin,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(1 << 20),
            cookie: 'desk_login_csrf=abc',
          },
          body: () => repeatChunks(1 << 20),
          expect: 'transport',
        },
        {
          name: `${method} ${path}: 1 MiB chunked body`,
          method,
          path,
          headers: {
            origin: ctx.origin,
            'content-type': 'application/x-www-form-urlencoded',
            cookie: 'desk_login_csrf=abc',
          },
          body: () => repeatChunks(1 << 20),
          expect: 'transport',
        },
      ]),
    ),
  );
  add(() =>
    ['POST', 'PROPFIND'].flatMap((method): Case[] => [
      {
        name: `${method} /desk/login: 100 MiB chunked body`,
        method,
        path: '/desk/login',
        headers: {
          origin: ctx.origin,
          'content-type': 'application/x-www-form-urlencoded',
          cookie: 'desk_login_csrf=abc',
        },
        body: () => repeatChunks(100 << 20, 256 * 1024),
        expect: 'transport',
      },
      {
        name: `${method} /_actions/replies.create: 100 MiB with its length`,
        method,
        path: '/_actions/replies.create',
        headers: { origin: ctx.origin, 'content-type': 'application/json', 'content-length': String(100 << 20) },
        body: () => repeatChunks(100 << 20, 256 * 1024),
        expect: 'transport',
      },
    ]),
  );
  add(() =>
    ['/_actions/replies.create', '/desk/login', `/letters/${LETTER}/replies?_action=replies.create`].flatMap(
      (path): Case[] => [
        {
          name: `${path}: Content-Length says 10, 70 KiB follow`,
          method: 'POST',
          path,
          headers: {
            origin: ctx.origin,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': '10',
            cookie: 'desk_login_csrf=abc',
          },
          body: Buffer.alloc(70 * 1024, 'a'),
          expect: 'transport',
        },
        {
          name: `${path}: Content-Length says 60 KiB, 10 bytes follow`,
          method: 'POST',
          path,
          headers: {
            origin: ctx.origin,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': String(60 * 1024),
          },
          body: Buffer.from('name=a&b=c'),
          expect: 'transport',
        },
        {
          name: `${path}: negative Content-Length`,
          method: 'POST',
          path,
          headers: { origin: ctx.origin, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '-1' },
          body: Buffer.from('a=b'),
          expect: 'transport',
        },
        {
          name: `${path}: two different Content-Lengths`,
          method: 'POST',
          path,
          headers: {
            origin: ctx.origin,
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': '3',
            'Content-Length': '5',
          },
          body: Buffer.from('a=b'),
          expect: 'transport',
        },
      ],
    ),
  );
  add(() =>
    ['/', `/letters/${LETTER}/`, '/ask', '/_actions/replies.list', '/desk/login'].flatMap((path): Case[] => [
      {
        name: `${path}: a 100 kB header`,
        method: 'GET',
        path,
        headers: { 'x-filler': 'a'.repeat(100_000) },
        expect: 'transport',
      },
      {
        name: `${path}: 1,000 cookies`,
        method: 'GET',
        path,
        headers: { cookie: Array.from({ length: 1000 }, (_, i) => `c${String(i)}=${'v'.repeat(10)}`).join('; ') },
        expect: 'transport',
      },
      {
        name: `${path}: a header with a NUL`,
        method: 'GET',
        path,
        headers: { 'x-bad': 'a\u0000b' },
        expect: 'transport',
      },
      {
        name: `${path}: 2,000 headers`,
        method: 'GET',
        path,
        headers: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`x-h${String(i)}`, '1'])),
        expect: 'transport',
      },
    ]),
  );
  return table;
}

function login(ctx: CaseContext, name: string, input: Record<string, unknown>): Case {
  return {
    ...formCase(
      ctx,
      `desk sign-in: ${name}`,
      '/desk/login?_action=desk.session.login',
      { _csrf: ctx.loginCsrf, next: '/desk', ...input },
      'reject',
    ),
    headers: { origin: ctx.origin, 'content-type': 'application/x-www-form-urlencoded', cookie: ctx.loginCookie },
  };
}

function raw(ctx: CaseContext, name: string, path: string, type: string | undefined, body: string | Buffer): Case {
  return {
    name,
    method: 'POST',
    path,
    headers: { origin: ctx.origin, ...(type === undefined ? {} : { 'content-type': type }) },
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    expect: 'reject',
  };
}
