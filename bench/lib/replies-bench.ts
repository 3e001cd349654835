import autocannon, { type Result } from 'autocannon';
import { parse as parseDevalue } from 'devalue';
import { DatabaseSync } from 'node:sqlite';
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { Figure } from './report.ts';
import { startServer } from './server.ts';

/**
 * The island's wire format: the thread is a cacheable GET, the form stamp comes from the
 * `replies.session` action (JSON), and a reply is a form post to `replies.create`.
 */
const thread = (letterId: string, page = 1) => `/api/replies/${letterId}?sort=oldest&page=${String(page)}`;
const SESSION = '/_actions/replies.session';
const CREATE = '/_actions/replies.create';
const BOUNDARY = '----PurseBopBenchBoundary7MA4YWxkTrZu0gW';

export interface RepliesSetup {
  root: string;
  work: string;
  outDir: string;
  port: number;
  letterId: string;
  /** Another letter, given a 20,000-reply thread to show paging does not depend on thread length. */
  bigLetterId?: string | undefined;
  /** Seconds per load phase. */
  seconds: number;
  /** Set to run against PostgreSQL (a fresh database is created and dropped). */
  databaseUrl?: string | undefined;
}

function multipart(fields: [string, string][]): string {
  const parts = fields.map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join('')}--${BOUNDARY}--\r\n`;
}

/** The fields the island's reply form submits (FormData of ReplyForm), in its order. */
function replyForm(letterId: string, stamp: string, name: string, body: string): string {
  return multipart([
    ['letterId', letterId],
    ['stamp', stamp],
    ['website', ''],
    ['name', name],
    ['email', ''],
    ['body', body],
  ]);
}

/** How long before a post its stamp is dated: a person needs at least 3 s (MIN_FILL_MS) to fill the form. */
const FILLED_IN_MS = 4_000;

/**
 * A form stamp as the server issues one (`time.nonce.signature`, HMAC-SHA256 under the site secret,
 * as in src/server/spam.ts), dated FILLED_IN_MS back. Stamps are single-use, so a load run needs one
 * per post; the server still verifies and spends every one, and a stamp it refuses fails the seeding
 * loudly. Fetching thousands from replies.session first would measure that action, not posting.
 */
function mintStamp(secret: string): string {
  const msg = `${String(Date.now() - FILLED_IN_MS)}.${randomBytes(12).toString('base64url')}`;
  return `${msg}.${createHmac('sha256', secret).update(`form-stamp\n${msg}`).digest('base64url')}`;
}

interface ListData {
  total: number;
  stamp: string;
}

/** A fresh form stamp, as the island asks for one. */
async function stampOnce(url: string, origin: string, letterId: string): Promise<string> {
  const res = await fetch(url + SESSION, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ letterId, tokens: [] }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`replies.session answered ${String(res.status)}: ${text.slice(0, 200)}`);
  const data: unknown = parseDevalue(text);
  if (typeof data !== 'object' || data === null || !('stamp' in data)) {
    throw new Error(`unexpected replies.session answer: ${text.slice(0, 200)}`);
  }
  return String(data.stamp);
}

async function listOnce(url: string, origin: string, letterId: string): Promise<ListData> {
  const [res, stamp] = await Promise.all([fetch(url + thread(letterId)), stampOnce(url, origin, letterId)]);
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${thread(letterId)} answered ${String(res.status)}: ${text.slice(0, 200)}`);
  const data = JSON.parse(text) as { total?: unknown };
  return { stamp, total: Number(data.total) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Prose a reader might post; the token makes each body distinct (duplicates are refused by design). */
const replyText = (token: string) =>
  `Thank you for this answer (${token}). My own associate said much the same about waiting lists, and it helped to read it here.`;

async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pursebop_bench_${String(process.pid)}_${String(Date.now())}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function storedBodies(setup: RepliesSetup, sqliteFile: string, pgUrl?: string): Promise<string[]> {
  const sql = 'SELECT body_markdown FROM replies WHERE letter_id = $1';
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    const rows = (await c.query<{ body_markdown: string }>(sql, [setup.letterId])).rows;
    await c.end();
    return rows.map((r) => r.body_markdown);
  }
  const db = new DatabaseSync(sqliteFile, { readOnly: true });
  const rows = db.prepare(sql.replace('$1', '?')).all(setup.letterId) as { body_markdown: string }[];
  db.close();
  return rows.map((r) => r.body_markdown);
}

/**
 * Load on the built server: seed a 50-reply thread through replies.create, then autocannon at 10
 * connections on the thread's GET and on replies.create (honest spam fields: a fresh stamp per post,
 * dated more than 3 s back, an empty honeypot, distinct bodies), then check every 2xx create is in the DB.
 */
export async function benchReplies(setup: RepliesSetup, log: (m: string) => void): Promise<Figure[]> {
  const dbLabel = setup.databaseUrl ? 'PostgreSQL' : 'SQLite';
  const s = `Replies (${dbLabel})`;
  const sqliteFile = path.join(setup.work, `replies-${String(Date.now())}.sqlite`);
  const pgDb = setup.databaseUrl ? await freshPostgres(setup.databaseUrl) : undefined;
  const secret = randomBytes(32).toString('hex');
  const server = await startServer({
    root: setup.root,
    outDir: setup.outDir,
    port: setup.port,
    logFile: path.join(setup.work, `server-replies-${dbLabel}.log`),
    env: {
      SQLITE_PATH: sqliteFile,
      DATABASE_URL: pgDb?.url ?? '',
      SITE_SECRET: secret,
      MODERATION_POLICY: 'publish',
      RATE_LIMIT_SCALE: '1000000',
    },
  });
  const origin = server.url;
  try {
    const probe = await fetch(server.url + thread(setup.letterId));
    await probe.arrayBuffer();
    if (probe.status === 404) {
      return [{ section: s, label: 'GET thread', value: null, unit: 'req/s', note: 'n/a — no replies API yet' }];
    }
    const run = Date.now().toString(36);
    log(`${dbLabel}: seeding a 50-reply thread through replies.create`);
    // The island's own first step, once: a stamp from replies.session must work as well as a minted one.
    const fetched = await listOnce(server.url, origin, setup.letterId);
    await sleep(FILLED_IN_MS);
    for (let i = 0; i < 50; i++) {
      const res = await fetch(server.url + CREATE, {
        method: 'POST',
        headers: {
          Accept: 'application/json',
          'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
          Origin: origin,
        },
        body: replyForm(
          setup.letterId,
          i === 0 ? fetched.stamp : mintStamp(secret),
          `Seed Reader ${String(i)}`,
          replyText(`seed-${run}-${String(i)}`),
        ),
      });
      const text = await res.text();
      if (!res.ok)
        throw new Error(`seeding reply ${String(i)} failed with ${String(res.status)}: ${text.slice(0, 300)}`);
    }
    const seeded = await listOnce(server.url, origin, setup.letterId);
    if (seeded.total !== 50) throw new Error(`the seeded thread shows ${String(seeded.total)} replies, expected 50`);

    log(`${dbLabel}: GET thread warm-up, then ${String(setup.seconds)} s at 10 connections`);
    // The 20,000-reply pages are measured after 20,000 posts have warmed the server's code; one
    // second left this thread measured half-compiled (on one server it ran at about 0.5 of the static
    // file at first, 0.9 a minute later), so it warms for as long as a 304 phase runs.
    await autocannon({
      url: server.url + thread(setup.letterId),
      connections: 10,
      duration: Math.max(3, Math.round(setup.seconds / 2)),
    });
    const list = await autocannon({
      url: server.url + thread(setup.letterId),
      connections: 10,
      duration: setup.seconds,
    });
    // A browser or CDN holding the page asks again with its ETag and gets an empty 304.
    const etag = (await fetch(server.url + thread(setup.letterId))).headers.get('etag') ?? '';
    const revalidate = await autocannon({
      url: server.url + thread(setup.letterId),
      headers: { 'If-None-Match': etag },
      connections: 10,
      duration: Math.max(1, Math.round(setup.seconds / 2)),
    });

    // What the same server and machine manage for a static file: separates server cost from machine load.
    const reference = await autocannon({ url: `${server.url}/robots.txt`, connections: 10, duration: setup.seconds });

    log(`${dbLabel}: replies.create, ${String(setup.seconds)} s at 10 connections`);
    const acknowledged: string[] = [];
    const rejected = new Map<number, number>();
    let n = 0;
    const create = await autocannon({
      url: server.url + CREATE,
      connections: 10,
      duration: setup.seconds,
      requests: [
        {
          method: 'POST',
          path: CREATE,
          headers: {
            Accept: 'application/json',
            'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
            Origin: origin,
          },
          setupRequest: (req, context) => {
            const token = `load-${run}-${String(n++)}`;
            context.token = token;
            return {
              ...req,
              body: replyForm(setup.letterId, mintStamp(secret), `Reader ${String(n % 997)}`, replyText(token)),
            };
          },
          onResponse: (status, _body, context) => {
            if (status >= 200 && status < 300 && typeof context.token === 'string') acknowledged.push(context.token);
            else rejected.set(status, (rejected.get(status) ?? 0) + 1);
          },
        },
      ],
    });
    const big = setup.bigLetterId
      ? await bigThread(setup, server.url, origin, setup.bigLetterId, run, secret, log)
      : [];
    await server.stop();
    const stored = (await storedBodies(setup, sqliteFile, pgDb?.url)).join('\n');
    const missing = acknowledged.filter((t) => !stored.includes(`(${t})`));
    const refusals = [...rejected].map(([code, count]) => `${String(count)}×${String(code)}`).join(', ');
    return [
      {
        section: s,
        label: 'reference: static GET /robots.txt, same server',
        value: reference['2xx'] / reference.duration,
        unit: 'req/s',
        note: `p99 ${String(reference.latency.p99)} ms; the machine's ceiling at this moment`,
      },
      ...loadFigures(s, 'GET thread, 50 replies', list, 2500),
      {
        section: s,
        label: 'GET thread revalidated (If-None-Match → 304)',
        value: revalidate.non2xx / revalidate.duration,
        unit: 'req/s',
        note: `p99 ${String(revalidate.latency.p99)} ms; ${String(revalidate.non2xx)} answers without a body`,
      },
      ...big.map((f) => ({ ...f, section: s })),
      ...loadFigures(s, 'replies.create', create, 1500, refusals ? `refused: ${refusals}` : undefined),
      {
        section: s,
        label: 'acknowledged creates missing from DB',
        value: missing.length,
        unit: 'count',
        target: { op: '<=', value: 0 },
        note: `${String(acknowledged.length)} acknowledged, ${String(acknowledged.length - missing.length)} found stored`,
      },
    ];
  } finally {
    await server.stop();
    await pgDb?.drop();
  }
}

/**
 * Posts 20,000 replies to another letter (40 per thread root, so 500 pages of threads), then loads its
 * first and its last page: both must answer like the 50-reply thread, since a page never reads the rest.
 */
async function bigThread(
  setup: RepliesSetup,
  url: string,
  origin: string,
  letterId: string,
  run: string,
  secret: string,
  log: (m: string) => void,
): Promise<Figure[]> {
  const target = 20_000;
  log(`posting ${String(target)} replies to ${letterId}`);
  let n = 0;
  await autocannon({
    url: url + CREATE,
    connections: 10,
    amount: target,
    requests: [
      {
        method: 'POST',
        path: CREATE,
        headers: {
          Accept: 'application/json',
          'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
          Origin: origin,
        },
        setupRequest: (req) => {
          const token = `big-${run}-${String(n++)}`;
          return {
            ...req,
            body: replyForm(letterId, mintStamp(secret), `Reader ${String(n % 997)}`, replyText(token)),
          };
        },
      },
    ],
  });
  const first = await fetch(url + thread(letterId));
  const shown = (await first.json()) as { total: number; pageCount: number };
  const seconds = Math.max(1, Math.round(setup.seconds / 2));
  log(`GET the ${String(shown.total)}-reply thread: first and last page, ${String(seconds)} s each`);
  const head = await autocannon({ url: url + thread(letterId), connections: 10, duration: seconds });
  const tail = await autocannon({ url: url + thread(letterId, shown.pageCount), connections: 10, duration: seconds });
  const note = `${String(shown.total)} replies, ${String(shown.pageCount)} pages`;
  return [
    ...loadFigures('', `GET thread, ${String(shown.total)} replies, page 1`, head, 2500, note),
    ...loadFigures('', `GET thread, ${String(shown.total)} replies, last page`, tail, 2500, note),
  ];
}

function loadFigures(section: string, what: string, r: Result, minRps: number, extra?: string): Figure[] {
  const problems = [
    r.non2xx ? `${String(r.non2xx)} non-2xx` : '',
    r.errors ? `${String(r.errors)} errors` : '',
    r.timeouts ? `${String(r.timeouts)} timeouts` : '',
    extra ?? '',
  ]
    .filter(Boolean)
    .join('; ');
  return [
    {
      section,
      label: `${what} throughput`,
      // Only answered-OK requests count; refusals are cheap and would flatter the figure.
      value: r['2xx'] / r.duration,
      unit: 'req/s',
      target: { op: '>=', value: minRps },
      note: `${String(r['2xx'])} ok of ${String(r.requests.total)} in ${String(r.duration)} s${problems ? `; ${problems}` : ''}`,
    },
    { section, label: `${what} p50 latency`, value: r.latency.p50, unit: 'ms' },
    { section, label: `${what} p99 latency`, value: r.latency.p99, unit: 'ms', target: { op: '<=', value: 25 } },
  ];
}
