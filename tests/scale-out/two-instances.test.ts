// Two production servers on one PostgreSQL behind a real nginx (deploy/nginx.conf, round-robin),
// run as plain processes. scripts/test.sh runs this after the build; it needs DATABASE_URL.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesFrom, formBody, hiddenField, send, sleep, type Reply } from '../hardening/harness';

const pgUrl = process.env.DATABASE_URL ?? '';
const outDir = path.resolve(process.env.ASTRO_OUT_DIR ?? 'dist');
const basePort = Number(process.env.SCALE_OUT_PORT ?? 4470);
const PROXY = `http://127.0.0.1:${String(basePort)}`;
const SECRET = 'scale-out-secret-5b1d9e7c3a2f4b6d8e0a1c3e5f7b9d1f';
const PASSWORD = 'scale-out desk password, long enough';
const EDITOR = 'scale-out-editor@example.com';
const LETTER = 'rain-spots';

if (!pgUrl) {
  console.warn('[scale-out] DATABASE_URL is not set: the two-instance test is SKIPPED (it needs PostgreSQL).');
}

/** One `node scripts/serve.mjs` process. */
class Instance {
  proc: ChildProcess | undefined;
  log = '';
  constructor(
    readonly name: string,
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
  ) {}
  get origin(): string {
    return `http://127.0.0.1:${String(this.port)}`;
  }
  async start(): Promise<void> {
    const proc = spawn(process.execPath, ['scripts/serve.mjs', outDir], {
      env: { ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: 'pipe',
    });
    this.proc = proc;
    const keep = (c: Buffer) => {
      this.log = (this.log + c.toString()).slice(-20_000);
    };
    proc.stdout.on('data', keep);
    proc.stderr.on('data', keep);
    await waitFor(`${this.name} answers`, async () => {
      if (proc.exitCode !== null) throw new Error(`${this.name} exited (${String(proc.exitCode)}):\n${this.log}`);
      return (await get(`${this.origin}/api/replies/${LETTER}`))?.status === 200;
    });
  }
  async kill9(): Promise<void> {
    const proc = this.proc;
    if (proc?.exitCode !== null || proc.signalCode !== null) return;
    const gone = once(proc, 'exit');
    proc.kill('SIGKILL');
    await gone;
  }
  async stop(): Promise<void> {
    const proc = this.proc;
    if (proc?.exitCode !== null || proc.signalCode !== null) return;
    const gone = once(proc, 'exit');
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Reply | undefined> {
  try {
    return await send(url, { headers }, 5_000);
  } catch {
    return undefined;
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await sleep(100);
  }
}

/** nginx as a plain process: deploy/nginx.conf with the addresses of this test, in a scratch prefix. */
function startNginx(dir: string, upstreams: number[]): ChildProcess {
  let site = readFileSync('deploy/nginx.conf', 'utf8')
    .replace('server app1:4321', `server 127.0.0.1:${String(upstreams[0])}`)
    .replace('server app2:4321', `server 127.0.0.1:${String(upstreams[1])}`)
    .replace('listen 80;', `listen 127.0.0.1:${String(basePort)};`)
    .replace('root /srv/pursebop/client;', `root ${path.join(outDir, 'client')};`);
  if (!site.includes(`127.0.0.1:${String(upstreams[1])}`)) throw new Error('deploy/nginx.conf no longer has app1/app2');
  site = site.replace(/listen 80;/, '');
  writeFileSync(path.join(dir, 'site.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      // Workers must read the build; as root they would otherwise run as nobody.
      process.getuid?.() === 0 ? 'user root;' : '',
      'daemon off;',
      'worker_processes 1;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(dir, 'error.log')} warn;`,
      'events { worker_connections 256; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  access_log off;',
      `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
      `  include ${path.join(dir, 'site.conf')};`,
      '}',
    ].join('\n'),
  );
  return spawn(nginxBin, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
    stdio: 'pipe',
  });
}

/** A reader posting a reply through the proxy from `address` (nginx passes X-Forwarded-For on). */
function postReply(origin: string, stamp: string, address: string, body: string): Promise<Reply> {
  return send(
    `${origin}/_actions/replies.create`,
    {
      method: 'POST',
      headers: { origin: PROXY, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
      body: formBody({ letterId: LETTER, name: 'Scale Tester', body, stamp }),
    },
    15_000,
  );
}

/** Stamps are single-use, so a run of posts needs one each; all aged together past the minimum fill time. */
async function freshStamps(count: number): Promise<string[]> {
  const stamps: string[] = [];
  for (let i = 0; i < count; i++) stamps.push(await stampFrom(PROXY));
  await sleep(3_100);
  return stamps;
}

async function stampFrom(origin: string): Promise<string> {
  const res = await send(`${origin}/_actions/replies.list`, {
    method: 'POST',
    headers: { origin: PROXY, 'content-type': 'application/json' },
    body: JSON.stringify({ letterId: LETTER }),
  });
  const stamp = (res.data as { stamp?: string } | undefined)?.stamp;
  if (!stamp) throw new Error(`no form stamp: ${String(res.status)} ${res.text.slice(0, 200)}`);
  return stamp;
}

function running(i: Instance | undefined): Instance {
  if (!i) throw new Error('the instances did not start');
  return i;
}

/** Debian puts nginx in /usr/sbin, which is not on every user's PATH. */
const nginxBin = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

function replyId(res: Reply): number | undefined {
  const data = res.data as { id?: unknown; reply?: { id?: unknown } } | undefined;
  const id = data?.id ?? data?.reply?.id;
  return typeof id === 'number' ? id : undefined;
}

const figures: string[] = [];
function figure(line: string): void {
  figures.push(line);
  console.log(`[scale-out] ${line}`);
}

describe.skipIf(!pgUrl)('two instances on one PostgreSQL behind nginx', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pursebop-scale-out-'));
  const schema = `scale_${String(process.pid)}_${Math.random().toString(36).slice(2, 8)}`;
  const dbUrl = (() => {
    if (!pgUrl) return '';
    const u = new URL(pgUrl);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return u.toString();
  })();
  let pool: pg.Pool | undefined;
  let nginx: ChildProcess | undefined;
  const received = new Map<string, number>();
  let smtpDelayMs = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) received.set(r.address, (received.get(r.address) ?? 0) + 1);
        // A slow mail server, so senders overlap.
        setTimeout(callback, smtpDelayMs);
      });
    },
  });
  let a: Instance | undefined;
  let b: Instance | undefined;

  beforeAll(async () => {
    if (!existsSync(path.join(outDir, 'server', 'entry.mjs'))) {
      throw new Error(`No build in ${outDir}: run astro build first (scripts/test.sh does).`);
    }
    // Killing an instance resets its pooled SMTP connection; that is expected, not a failure.
    smtp.on('error', () => undefined);
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    pool = new pg.Pool({ connectionString: dbUrl, max: 3 });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      SITE_SECRET: SECRET,
      DATABASE_URL: dbUrl,
      PG_POOL_SIZE: '5',
      SITE_URL: PROXY,
      TRUSTED_PROXIES: '127.0.0.1',
      SMTP_URL: `smtp://127.0.0.1:${String((smtp.server.address() as AddressInfo).port)}`,
      NOTIFY_INTERVAL_SECONDS: '1',
      MODERATION_POLICY: 'hold-first',
      LOG_LEVEL: 'warn',
    };
    execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/db-migrate.ts'], { env, stdio: 'pipe' });
    execFileSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/add-editor.ts', '--email', EDITOR, '--name', 'Scale Editor'],
      { env, input: `${PASSWORD}\n`, stdio: 'pipe' },
    );
    a = new Instance('instance A', basePort + 1, env);
    b = new Instance('instance B', basePort + 2, env);
    await Promise.all([a.start(), b.start()]);
    nginx = startNginx(dir, [a.port, b.port]);
    await waitFor('nginx answers', async () => (await get(`${PROXY}/`))?.status === 200);
  });

  const db = (): pg.Pool => {
    if (!pool) throw new Error('no database pool');
    return pool;
  };

  afterAll(async () => {
    if (nginx?.exitCode === null) {
      const gone = once(nginx, 'exit');
      nginx.kill('SIGTERM');
      await gone;
    }
    await Promise.all([a?.stop(), b?.stop()]);
    await new Promise<void>((resolve) => {
      smtp.close(() => {
        resolve();
      });
    });
    await pool?.end();
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync('.test-reports', { recursive: true });
    appendFileSync('.test-reports/scale-out-summary.txt', `${figures.join('\n')}\n`);
  });

  it('serves the static build from nginx and the on-demand routes from the instances', async () => {
    const home = await send(`${PROXY}/`);
    expect(home.status).toBe(200);
    expect(home.text).toContain('PurseBop');
    const thread = await send(`${PROXY}/api/replies/${LETTER}`);
    expect(thread.status).toBe(200);
    expect(thread.headers.get('content-type')).toContain('application/json');
  });

  let heldId: number | undefined;

  it("holds one reader's rate limit across both instances", async () => {
    const stamps = await freshStamps(14);
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await postReply(
        PROXY,
        stamps[i] ?? '',
        '198.51.100.7',
        `Rate limit probe number ${String(i)} zq${String(i)}x`,
      );
      statuses.push(res.status);
      heldId ??= replyId(res);
    }
    // The limit is 10 a minute per reader; round-robin sent half of these to each instance,
    // so limits kept in process memory would have let all 14 through.
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    expect(heldId).toBeTypeOf('number');
  });

  let cookie = '';
  let csrf = '';

  it('keeps a desk session made on one instance working on the other', async () => {
    const form = await send(`${running(a).origin}/desk/login`);
    const loginCookie = cookiesFrom(form.headers);
    const res = await send(`${running(a).origin}/desk/login?_action=desk.session.login`, {
      method: 'POST',
      headers: { origin: running(a).origin, cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody({ _csrf: hiddenField(form.text, '_csrf'), email: EDITOR, password: PASSWORD, next: '/desk' }),
    });
    expect(res.status).toBe(303);
    cookie = cookiesFrom(res.headers);
    const onB = await send(`${running(b).origin}/desk/replies?status=held`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('Rate limit probe');
    csrf = hiddenField(onB.text, '_csrf');
    expect(csrf).not.toBe('');
  });

  it('shows a moderation made on one instance at once on the other', async () => {
    const before = await send(`${running(b).origin}/api/replies/${LETTER}`);
    expect(before.text).not.toContain('zq0x');
    const res = await send(`${running(a).origin}/desk/replies/${String(heldId)}?_action=desk.replies.moderate`, {
      method: 'POST',
      headers: { origin: running(a).origin, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: formBody({ _csrf: csrf, one: `approve:${String(heldId)}` }),
    });
    expect(res.status).toBe(303);
    const after = await send(`${running(b).origin}/api/replies/${LETTER}`);
    expect(after.status).toBe(200);
    expect(after.text).toContain('zq0x');
  });

  it('sends every notification exactly once with both timers and a notify:flush running', async () => {
    const total = 120;
    smtpDelayMs = 15;
    const values: string[] = [];
    const params: (string | number)[] = [];
    for (let i = 0; i < total; i++) {
      values.push(`('editor-digest', ?, 'Scale-out message', 'body', ?)`);
      params.push(`reader-${String(i)}@example.com`, Date.now());
    }
    let n = 0;
    await db().query(
      `INSERT INTO outbox (kind, recipient, subject, body_text, created_at) VALUES ${values.join(', ')}`.replace(
        /\?/g,
        () => `$${String(++n)}`,
      ),
      params,
    );
    // Both instances' timers (every second) race each other and two cron-style flushes.
    const flush = () =>
      new Promise<number | null>((resolve) => {
        const p = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/notify-flush.ts'], {
          env: running(a).env,
          stdio: 'ignore',
        });
        p.on('exit', resolve);
      });
    const [f1, f2] = await Promise.all([flush(), flush()]);
    expect([f1, f2]).toEqual([0, 0]);
    await waitFor('the outbox is empty', async () => {
      const { rows } = await db().query<{ n: string }>('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL');
      return Number(rows[0]?.n) === 0;
    });
    // Two more timer rounds on each instance: nothing further may go out.
    await sleep(2_500);
    const mine = [...received].filter(([to]) => to.startsWith('reader-'));
    const messages = mine.reduce((sum, [, count]) => sum + count, 0);
    const duplicates = messages - mine.length;
    figure(
      `notifications: ${String(total)} queued, ${String(messages)} delivered, ${String(duplicates)} duplicate mails`,
    );
    expect(mine).toHaveLength(total);
    expect(duplicates).toBe(0);
  });

  it('loses no acknowledged write when an instance is killed mid-load, and nginx fails over', async () => {
    const workers = 6;
    const perWorker = 30;
    const stamps = await freshStamps(workers * perWorker);
    const results: { status: number; id: number | undefined; afterKill: boolean }[] = [];
    let killed = false;
    let sent = 0;
    const worker = async (w: number) => {
      for (let i = 0; i < perWorker; i++) {
        const seq = sent++;
        if (seq === 60 && !killed) {
          killed = true;
          // SIGKILL, as a crash or the OOM killer would: no chance to finish anything.
          void running(b).kill9();
        }
        const afterKill = killed;
        try {
          const res = await postReply(
            PROXY,
            stamps[seq] ?? '',
            `10.77.${String(w)}.${String(i + 1)}`,
            `Load reply ${String(seq)}`,
          );
          results.push({ status: res.status, id: replyId(res), afterKill });
        } catch {
          results.push({ status: 0, id: undefined, afterKill });
        }
      }
    };
    await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
    const acknowledged = results.filter((r) => r.status === 200 && r.id !== undefined).map((r) => r.id ?? 0);
    const { rows } = await db().query<{ id: string }>('SELECT id FROM replies WHERE id = ANY($1::bigint[])', [
      acknowledged,
    ]);
    const lost = acknowledged.length - rows.length;
    const errors = results.filter((r) => r.status >= 500 || r.status === 0).length;
    const lateErrors = results.slice(-workers * 10).filter((r) => r.status !== 200).length;
    figure(
      `failover: ${String(results.length)} write requests, ${String(acknowledged.length)} acknowledged, ` +
        `${String(errors)} 5xx or dropped (in flight on the killed instance), ${String(lost)} acknowledged writes lost`,
    );
    expect(lost).toBe(0);
    // Only requests already inside the killed instance may fail; after that nginx uses the survivor.
    expect(errors).toBeLessThanOrEqual(workers);
    expect(lateErrors).toBe(0);
    expect(results.filter((r) => r.afterKill && r.status === 200).length).toBeGreaterThan(50);
  });
});

describe('start-up with a bad configuration', () => {
  it('refuses to start in production, listing every problem with its fix and no stack trace', async () => {
    const proc = spawn(process.execPath, ['scripts/serve.mjs', outDir], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SITE_SECRET: '',
        PG_POOL_SIZE: 'plenty',
        MODERATION_POLICY: 'hold-most',
        PORT: String(basePort + 3),
      },
      stdio: 'pipe',
    });
    let err = '';
    proc.stderr.on('data', (c: Buffer) => (err += c.toString()));
    proc.stdout.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = (await once(proc, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(err).toContain('PG_POOL_SIZE="plenty"');
    expect(err).toContain('MODERATION_POLICY="hold-most"');
    expect(err).toContain('SITE_SECRET: required in production');
    expect(err).not.toMatch(/\n\s+at [^\n]+:\d+:\d+/);
    expect(await get(`http://127.0.0.1:${String(basePort + 3)}/`)).toBeUndefined();
  });
});
