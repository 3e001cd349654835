// Shared machinery for the hardening suite: a production build served by scripts/serve.mjs
// on a fresh database (SQLite or PostgreSQL), a raw HTTP client for the requests fetch
// refuses to send, direct database reads to check what was really stored, and the
// summary line each section prints.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { unflatten } from 'devalue';
import pg from 'pg';

export type DbKind = 'sqlite' | 'postgres';

/** Which database this run of the suite targets (scripts/test.sh runs it once per database). */
export const dbKind: DbKind = process.env.HARDENING_DB === 'postgres' ? 'postgres' : 'sqlite';
const pgUrl = process.env.DATABASE_URL ?? '';
if (dbKind === 'postgres' && !pgUrl) throw new Error('HARDENING_DB=postgres needs DATABASE_URL');

const outDir = path.resolve(process.env.ASTRO_OUT_DIR ?? 'dist');
const basePort = Number(process.env.HARDENING_PORT ?? 4410);
export const SITE_SECRET = 'hardening-secret-9f3a7c1e5b2d4f6a8c0e2b4d6f8a0c2e';
export const EDITOR_PASSWORD = 'hardening desk password, long enough';
/** Letters the production build publishes (content/letters). */
export const LETTER = 'rain-spots';
export const OTHER_LETTER = 'my-sa-left';

/** Each section gets its own port, so a server left behind by one never answers another. */
export function portFor(section: number): number {
  return basePort + section;
}

export interface SiteOptions {
  section: number;
  /** Extra environment for the server (MODERATION_POLICY, RATE_LIMIT_SCALE, TRUSTED_PROXIES…). */
  env?: Record<string, string>;
}

/** One production server on a database of its own, which the test can stop, kill and restart. */
export class Site {
  readonly port: number;
  readonly origin: string;
  readonly dir: string;
  readonly sqliteFile: string;
  readonly schema: string;
  readonly databaseUrl: string;
  private proc: ChildProcess | undefined;
  private pool: pg.Pool | undefined;
  private sqlite: DatabaseSync | undefined;
  log = '';

  constructor(private readonly options: SiteOptions) {
    this.port = portFor(options.section);
    this.origin = `http://127.0.0.1:${String(this.port)}`;
    this.dir = mkdtempSync(path.join(os.tmpdir(), `pursebop-hardening-${String(options.section)}-`));
    this.sqliteFile = path.join(this.dir, 'site.sqlite');
    this.schema = `hardening_${String(options.section)}_${String(process.pid)}_${Math.random().toString(36).slice(2, 8)}`;
    if (dbKind === 'postgres') {
      const u = new URL(pgUrl);
      u.searchParams.set('options', `-c search_path=${this.schema}`);
      this.databaseUrl = u.toString();
    } else {
      this.databaseUrl = '';
    }
  }

  /** The environment the server and the desk scripts run with. */
  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(this.port),
      SQLITE_PATH: this.sqliteFile,
      DATABASE_URL: this.databaseUrl,
      SITE_SECRET,
      SITE_URL: this.origin,
      NODE_ENV: 'production',
      NOTIFY_INTERVAL_SECONDS: '0',
      ...this.options.env,
    };
  }

  /** Creates the database (a fresh PostgreSQL schema) and starts the server. */
  async create(): Promise<this> {
    if (dbKind === 'postgres') {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${this.schema}`);
      await admin.end();
    }
    await this.start();
    return this;
  }

  /** Starts the server and resolves once it answers; returns how long that took in ms. */
  async start(): Promise<number> {
    if (await this.healthy(500)) throw new Error(`something else already answers on port ${String(this.port)}`);
    const started = performance.now();
    const proc = spawn(process.execPath, ['scripts/serve.mjs', outDir], { env: this.env(), stdio: 'pipe' });
    this.proc = proc;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-20_000);
    };
    proc.stdout.on('data', keep);
    proc.stderr.on('data', keep);
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`server exited (${String(proc.exitCode)}):\n${this.log}`);
      if (await this.healthy(500)) return performance.now() - started;
      if (performance.now() - started > 30_000) throw new Error(`server did not answer within 30 s:\n${this.log}`);
      await sleep(25);
    }
  }

  /** The server's process id (for its memory use). */
  pid(): number {
    if (this.proc?.pid === undefined) throw new Error('server not running');
    return this.proc.pid;
  }

  /** The health check answers 200 (/healthz when the server has it, else the home page). */
  async healthy(timeoutMs = 5_000): Promise<boolean> {
    for (const p of ['/healthz', '/']) {
      try {
        const res = await send(`${this.origin}${p}`, {}, timeoutMs);
        if (res.status === 200) return true;
        if (res.status !== 404) return false;
      } catch {
        return false;
      }
    }
    return false;
  }

  /** SIGKILL, as a power cut or the OOM killer would; waits until the process is gone. */
  async kill9(): Promise<void> {
    const proc = this.proc;
    if (proc?.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await gone;
  }

  /** SIGTERM, as an orchestrator sends it; resolves with how the process ended (SIGKILL after 20 s). */
  async terminate(): Promise<{ code: number | null; signal: string | null }> {
    const proc = this.proc;
    if (proc?.exitCode !== null || proc.signalCode !== null) throw new Error('server not running');
    const gone = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      proc.once('exit', (code, signal) => {
        resolve({ code, signal });
      }),
    );
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000);
    const ended = await gone;
    clearTimeout(timer);
    return ended;
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (proc?.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    await gone;
    clearTimeout(timer);
  }

  /** Stops the server and removes its database. */
  async destroy(): Promise<void> {
    await this.stop();
    this.sqlite?.close();
    await this.pool?.end();
    if (dbKind === 'postgres') {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
      await admin.end();
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Rows from the site's database, read the way an operator would, not through the server. */
  async rows<T>(sql: string, params: (string | number)[] = []): Promise<T[]> {
    if (dbKind === 'postgres') {
      this.pool ??= new pg.Pool({ connectionString: this.databaseUrl, max: 2 });
      let i = 0;
      const text = sql.replace(/\?/g, () => `$${String(++i)}`);
      return (await this.pool.query(text, params)).rows as T[];
    }
    this.sqlite ??= new DatabaseSync(this.sqliteFile);
    return this.sqlite.prepare(sql).all(...params) as T[];
  }

  async count(sql: string, params: (string | number)[] = []): Promise<number> {
    const [row] = await this.rows<{ n: number | string }>(sql, params);
    return Number(row?.n ?? 0);
  }

  /** Rows that a write could have left behind; a refused request must change none of them. */
  async storedTotals(): Promise<string> {
    const tables = ['replies', 'questions', 'reply_votes', 'audit_log', 'outbox', 'editor_sessions'];
    const counts = await Promise.all(tables.map((t) => this.count(`SELECT COUNT(*) AS n FROM ${t}`)));
    return tables.map((t, i) => `${t}=${String(counts[i])}`).join(' ');
  }

  /** Adds an editor the way an operator does (npm run desk:add-editor). */
  addEditor(email: string): void {
    execFileSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/desk/add-editor.ts', '--email', email, '--name', 'Hardening Editor'],
      { env: this.env(), input: `${EDITOR_PASSWORD}\n`, stdio: 'pipe' },
    );
  }

  /** A request from this site's own pages (same Origin). */
  async post(pathname: string, body: BodyInit, headers: Record<string, string> = {}): Promise<Reply> {
    return send(`${this.origin}${pathname}`, { method: 'POST', body, headers: { origin: this.origin, ...headers } });
  }

  /** Calls an action the way the island does (JSON) or the way a form does (urlencoded). */
  async action(name: string, input: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Reply> {
    const json = ['replies.list', 'replies.vote', 'questions.stamp'].includes(name);
    const body = json ? JSON.stringify(input) : formBody(input);
    const type = json ? 'application/json' : 'application/x-www-form-urlencoded';
    return this.post(`/_actions/${name}`, body, { 'content-type': type, ...headers });
  }

  /** A signed form stamp, issued now; post with it only after MIN_FILL_MS. */
  async freshStamp(headers: Record<string, string> = {}): Promise<string> {
    const res = await this.action('replies.list', { letterId: LETTER }, headers);
    const data = res.data as { stamp?: string } | undefined;
    if (!data?.stamp) throw new Error(`no stamp: ${String(res.status)} ${res.text.slice(0, 200)}`);
    return data.stamp;
  }
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The devalue-decoded body of a successful action. */
  data: unknown;
}

/**
 * One request on its own connection. (fetch keeps connections alive and then trips over the
 * server closing an idle one, which would read as the server's failure.)
 */
export function send(url: string, init: RequestInit = {}, timeoutMs = 90_000): Promise<Reply> {
  const target = new URL(url);
  const body = init.body === undefined || init.body === null ? undefined : Buffer.from(init.body as string);
  const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
  if (body) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method: init.method ?? 'GET',
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (Array.isArray(v)) for (const item of v) h.append(k, item);
            else if (v !== undefined) h.set(k, v);
          }
          const type = h.get('content-type') ?? '';
          let data: unknown;
          if (type.includes('devalue')) data = unflatten(JSON.parse(text) as number);
          else if (type.includes('json')) data = safeJson(text);
          resolve({ status: res.statusCode ?? 0, headers: h, text, data });
        });
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${url} within ${String(timeoutMs)} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function formBody(input: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) params.append(k, String(item));
    else params.append(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return params.toString();
}

/** A message a person could act on: some text, and nothing that looks like a stack trace or a file path. */
export function isClearMessage(text: string): boolean {
  if (text.trim().length < 5) return false;
  if (/\n\s+at [^\n]+:\d+:\d+/.test(text)) return false;
  return !/node_modules|\/src\/|\.m?[jt]s:\d+/.test(text);
}

export interface RawResponse {
  /** 0 when the server closed the connection without answering. */
  status: number;
  head: string;
  body: string;
  /** The connection ended (closed or reset) before the response was complete, or never answered. */
  dropped: boolean;
}

export interface RawRequest {
  head: string;
  /** Sent after the head; an iterable is streamed chunk by chunk. */
  body?: Buffer | Iterable<Buffer> | undefined;
  timeoutMs?: number;
}

/** Sends bytes exactly as given: lying lengths, huge headers, broken encodings. */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
    let settled = false;
    const finish = (dropped: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split >= 0 ? text.slice(0, split) : text;
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
      resolve({ status, head, body: split >= 0 ? text.slice(split + 4) : '', dropped: dropped || status === 0 });
    };
    const timer = setTimeout(() => {
      finish(true);
    }, request.timeoutMs ?? 15_000);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => {
      finish(false);
    });
    socket.on('close', () => {
      closed = true;
      finish(false);
    });
    socket.on('error', () => {
      closed = true;
      finish(chunks.length === 0);
    });
    socket.on('connect', () => {
      void (async () => {
        socket.write(request.head);
        const body = request.body;
        if (!body) return;
        const parts = Buffer.isBuffer(body) ? [body] : body;
        for (const part of parts) {
          if (closed || settled) return;
          if (!socket.write(part)) {
            await new Promise<void>((r) => {
              const done = () => {
                socket.off('drain', done);
                socket.off('close', done);
                r();
              };
              socket.on('drain', done);
              socket.on('close', done);
            });
          }
        }
      })();
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Appends this section's summary line to the report scripts/test.sh prints at the end. */
export function summary(section: number, line: string): void {
  mkdirSync('.test-reports', { recursive: true });
  const text = `hardening [${dbKind}] ${String(section)}. ${line}`;
  appendFileSync(`.test-reports/hardening-summary.txt`, `${text}\n`);
  console.log(text);
}

/** Signs an editor in through the real form; returns the cookie header and the desk's CSRF token. */
export async function signIn(site: Site, email: string): Promise<{ cookie: string; csrf: string }> {
  const form = await send(`${site.origin}/desk/login`, {});
  const loginCookie = cookiesFrom(form.headers);
  const loginToken = hiddenField(form.text, '_csrf');
  const res = await send(`${site.origin}/desk/login?_action=desk.session.login`, {
    method: 'POST',
    headers: {
      origin: site.origin,
      cookie: loginCookie,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: formBody({ _csrf: loginToken, email, password: EDITOR_PASSWORD, next: '/desk' }),
  });
  const cookie = cookiesFrom(res.headers);
  if (res.status !== 303 || !cookie.includes('desk_session')) {
    throw new Error(`sign-in failed: ${String(res.status)} ${res.text.slice(0, 300)}`);
  }
  const desk = await send(`${site.origin}/desk/replies`, { headers: { cookie } });
  return { cookie, csrf: hiddenField(desk.text, '_csrf') };
}

export function cookiesFrom(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c.includes('=') && !c.endsWith('='))
    .join('; ');
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="${name}"`).exec(html);
  return match?.[1] ?? match?.[2] ?? '';
}
