// The site's HTTP server: static files from a build's client folder, everything else through
// Astro's handler (the Node adapter in middleware mode), with the rules every request meets
// first — allowed methods, a bounded body, timeouts, security headers, a request id and one
// log line. scripts/serve.mjs runs it; tests build one around a small fake build.
// Plain Node runs this file (type stripping): type-only imports, .ts in relative imports.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import type { Socket } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import type { Logger } from 'pino';
import { chooseEncoding } from '../src/lib/precompress-plan.ts';
import { bodyTooLargeMessage, MAX_BODY_BYTES } from '../src/server/body-limit.ts';
import type { ActionAnswerer } from '../src/server/replies/create-post.ts';
import type { ThreadAnswer, ThreadQuery } from '../src/server/replies/thread-endpoint.ts';

/** What the Node adapter's middleware-mode handler takes; `locals` become Astro.locals. */
export type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: undefined,
  locals: RequestLocals,
) => void | Promise<void>;

/** Handed to Astro with each request; the middleware fills in the matched route. */
export interface RequestLocals {
  requestLog: { route?: string | undefined };
  /** The build's hooks: a route may leave a function here for the server to call before Astro. */
  siteHooks: SiteHooks;
}

/**
 * Answers a build's routes register on their first request (src/locals.d.ts describes them to Astro).
 * They are per build, so a newly swapped-in build starts empty and its own code registers again.
 */
export interface SiteHooks {
  /** GET /api/replies/<letter>: the thread's version is checked against the database on every call. */
  thread?: (query: ThreadQuery) => Promise<ThreadAnswer>;
  /** POST /_actions/replies.create: answered here, or undefined to leave the request to Astro. */
  createReply?: ActionAnswerer;
}

/**
 * The thread URL the server answers itself: a slug made of characters that read the same
 * percent-decoded or not, so Astro's own parameter decoding could not see a different letter.
 * Anything else under /api/replies/ (encoded, trailing slash, deeper paths) goes to Astro.
 */
const THREAD_PATH = /^\/api\/replies\/([A-Za-z0-9_-]+)$/;
/** The name Astro's middleware gives this route in the request log. */
const THREAD_ROUTE = '/api/replies/[letter]';
/** The reply form's post, which the server may answer itself (see answerReplyPostHere). */
const CREATE_REPLY_PATH = '/_actions/replies.create';
/** The name Astro's middleware gives the actions endpoint in the request log. */
const ACTIONS_ROUTE = '/_actions/[...path]';

export interface Timeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  /** How often Node looks for connections past headersMs or requestMs. */
  checkEveryMs: number;
}

/**
 * headersMs: a client has this long to send its request line and headers (slowloris);
 * requestMs: the whole request, body included; keepAliveMs: an idle kept-alive connection.
 */
export const DEFAULT_TIMEOUTS: Timeouts = {
  headersMs: 10_000,
  requestMs: 20_000,
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
};

/** Methods some route answers; the rest are refused before their body is read. */
const ALLOWED_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** Policy for responses that bring none of their own: nothing loads, nothing frames. */
const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

const HSTS = 'max-age=31536000; includeSubDomains';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Text worth compressing when the build left no compressed copy (HTML, feeds, sitemaps). */
const COMPRESSIBLE = /\.(?:html|css|js|mjs|json|xml|txt|svg|webmanifest)$/;
const COMPRESS_MIN_BYTES = 1024;
const COMPRESS_MAX_BYTES = 1024 * 1024;
/** Total size of compressed copies kept in memory; least recently used go first. */
const COMPRESSED_CACHE_BYTES = 32 * 1024 * 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Cache-Control by folder. Astro's assets carry a content hash in their names; so do
 * Pagefind's index, fragment and filter chunks and its .pf_meta. Everything else (pages,
 * pagefind.js, the wasm) may change with a build, so a browser revalidates it with the
 * ETag and usually gets a body-less 304.
 */
export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/_astro/')) return 'public, max-age=31536000, immutable';
  if (/^\/pagefind\/(?:index|fragment|filter)\//.test(urlPath) || /\/pagefind\.[\w-]+\.pf_meta$/.test(urlPath))
    return 'public, max-age=31536000, immutable';
  return 'public, no-cache';
}

let lastPolicy: { from: string; to: string } | undefined;

/**
 * The policy for a static file that is not a page: the site's own, less its inline-script and
 * inline-style hashes. Hashes only ever match inline code in an HTML document, so a script, a
 * worker, JSON or WebAssembly is governed exactly as before, while each response (and each 304
 * a revalidating browser receives) is about 2 kB lighter: a search fetches twenty such files.
 */
export function assetPolicy(csp: string): string {
  if (lastPolicy?.from !== csp) {
    const to = csp
      .split(';')
      .map((directive) => directive.replace(/\s+'sha(?:256|384|512)-[^']*'/g, '').trim())
      .filter(Boolean)
      .join('; ');
    lastPolicy = { from: csp, to };
  }
  return lastPolicy.to;
}

/**
 * Policy for a static file that no browser runs or renders as a document of its own: fonts,
 * raster images, WebAssembly, JSON, stylesheets and Pagefind's index chunks and fragments. It
 * governs nothing such a file could do, so the shortest policy that still forbids everything and
 * any framing does; a one-word search fetches a dozen of these, each about 220 bytes lighter.
 */
export const INERT_FILE_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * Whether a static file can act under its own response's policy: a page, a script (a worker
 * takes the policy of the script it starts from, and Pagefind searches in one), SVG and XML
 * (documents with scripts when opened directly). Everything else is inert.
 */
export function actsUnderOwnPolicy(type: string): boolean {
  return /^(?:text\/(?:html|javascript|xml)|application\/(?:javascript|xml)|[\w.-]+\/[\w.-]+\+xml)(?:;|$)/.test(type);
}

/** Headers that only mean something on a document; an inert file is sent without them. */
const DOCUMENT_ONLY_HEADERS = ['permissions-policy', 'cross-origin-opener-policy'];

/**
 * Routes that answer data (JSON or text), never an HTML document: the replies API and the actions
 * endpoint. Like static assets they get the policy without inline hashes, which cut a thread's
 * every answer by about 2 kB of headers.
 */
export function isDataEndpoint(url: string | undefined): boolean {
  return url !== undefined && (url.startsWith('/api/') || url.startsWith('/_actions/'));
}

/** Whether an If-None-Match header names this entity (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/** Bounded least-recently-used store of compressed bodies, keyed by ETag. */
class CompressedCache {
  #entries = new Map<string, Buffer>();
  #bytes = 0;
  get(key: string): Buffer | undefined {
    const value = this.#entries.get(key);
    if (value) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: Buffer): void {
    if (value.length > COMPRESSED_CACHE_BYTES / 8) return;
    this.#entries.set(key, value);
    this.#bytes += value.length;
    for (const [oldKey, oldValue] of this.#entries) {
      if (this.#bytes <= COMPRESSED_CACHE_BYTES) break;
      this.#entries.delete(oldKey);
      this.#bytes -= oldValue.length;
    }
  }
}

async function fileSize(file: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const info = await stat(file);
    return info.isFile() ? info : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files of one build's client folder, looked up by URL path. A build never changes
 * under a running server (a new build is a new folder), so what is found is remembered;
 * what is not found is not, so random URLs cannot grow the memory.
 */
interface StoredCopy {
  file: string;
  size: number;
}

/** One file of the build, with its compressed copies (written by the build) if any. */
export interface StaticEntry extends StoredCopy {
  /** Path inside the client folder, forward slashes, e.g. /letters/x/index.html. */
  urlPath: string;
  /** Whole seconds, as Last-Modified carries it. */
  modified: Date;
  type: string;
  precompressed: { br: StoredCopy | undefined; gzip: StoredCopy | undefined };
  /** Worth compressing on the fly when the build left no copy. */
  compressible: boolean;
  etag: string | undefined;
}

export class StaticFiles {
  readonly #root: string;
  readonly #found = new Map<string, StaticEntry>();
  /**
   * The client folder's top-level names. A build is never changed once served (a new one gets its own
   * StaticFiles), so a path under any other name (/api/…, /_actions/…) is no file, and goes to Astro
   * without two failed stat calls per request on the replies API.
   */
  readonly #topLevel: ReadonlySet<string>;
  #compressed = new CompressedCache();

  constructor(clientDir: string) {
    this.#root = path.resolve(clientDir);
    this.#topLevel = new Set(existsSync(this.#root) ? readdirSync(this.#root) : []);
  }

  /** The file a URL path names (`/a/` and `/a` both find `/a/index.html`), or undefined. */
  async lookup(urlPath: string): Promise<StaticEntry | undefined> {
    const known = this.#found.get(urlPath);
    if (known) return known;
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0')) return undefined;
    const clean = path.posix.normalize(decoded);
    // Dotfiles (and anything climbing out of the folder) are never served.
    if (clean.split('/').some((part) => part.startsWith('.') && part !== '.well-known')) return undefined;
    const top = clean.split('/')[1] ?? '';
    if (top !== '' && !this.#topLevel.has(top)) return undefined;
    const candidates = clean.endsWith('/') ? [`${clean}index.html`] : [clean, `${clean}/index.html`];
    for (const candidate of candidates) {
      const file = path.join(this.#root, candidate);
      if (!file.startsWith(this.#root + path.sep)) return undefined;
      const info = await fileSize(file);
      if (!info) continue;
      const [br, gz] = await Promise.all([fileSize(`${file}.br`), fileSize(`${file}.gz`)]);
      const entry: StaticEntry = {
        file,
        urlPath: candidate,
        size: info.size,
        modified: new Date(Math.floor(info.mtimeMs / 1000) * 1000),
        type: MIME[path.extname(candidate).toLowerCase()] ?? 'application/octet-stream',
        precompressed: {
          br: br ? { file: `${file}.br`, size: br.size } : undefined,
          gzip: gz ? { file: `${file}.gz`, size: gz.size } : undefined,
        },
        compressible:
          COMPRESSIBLE.test(candidate) && info.size >= COMPRESS_MIN_BYTES && info.size <= COMPRESS_MAX_BYTES,
        etag: undefined,
      };
      this.#found.set(urlPath, entry);
      return entry;
    }
    return undefined;
  }

  /** A strong validator from the file's content, so an unchanged file keeps its ETag across builds. */
  async etagOf(entry: StaticEntry): Promise<string> {
    entry.etag ??= `"${createHash('sha256')
      .update(await readFile(entry.file))
      .digest('base64url')
      .slice(0, 27)}"`;
    return entry.etag;
  }

  /** The body in `encoding`, compressed now (and kept) when the build left no copy. */
  async compressedBody(entry: StaticEntry, encoding: 'br' | 'gzip', etag: string): Promise<Buffer> {
    const key = `${etag}:${encoding}`;
    const cached = this.#compressed.get(key);
    if (cached) return cached;
    const plain = await readFile(entry.file);
    const body =
      encoding === 'br'
        ? await brotliAsync(plain, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: plain.length },
          })
        : await gzipAsync(plain, { level: 6 });
    this.#compressed.set(key, body);
    return body;
  }
}

/** Reads the per-page CSP headers Astro wrote for prerendered pages (adapter staticHeaders). */
function readPageHeaders(outDir: string): Map<string, string> {
  const file = path.join(outDir, '_headers.json');
  const csp = new Map<string, string>();
  if (!existsSync(file)) return csp;
  const pages = JSON.parse(readFileSync(file, 'utf8')) as {
    pathname: string;
    headers: { key: string; value: string }[];
  }[];
  for (const { pathname, headers } of pages) {
    const value = headers.find((h) => h.key.toLowerCase() === 'content-security-policy')?.value;
    if (value) csp.set(pathname.replace(/\/$/, '') || '/', value);
  }
  return csp;
}

/**
 * Loads one build folder: its Astro handler, its static files and its page policies. The
 * server serves whichever build it was last given (see setBuild), so a later build can be
 * loaded beside the running one and swapped in.
 */
export interface SiteBuild {
  outDir: string;
  handler: AstroHandler;
  files: StaticFiles;
  /** The CSP Astro computed for a prerendered page (its inline scripts' hashes), if any. */
  cspFor: (urlPath: string) => string | undefined;
  /** The policy for every other response. */
  defaultCsp: string;
  /** Filled in by the build's own routes as they first run. */
  hooks: SiteHooks;
}

export async function loadBuild(outDir: string): Promise<SiteBuild> {
  const root = path.resolve(outDir);
  const entry = (await import(pathToFileURL(path.join(root, 'server', 'entry.mjs')).href)) as { handler: AstroHandler };
  const { handler } = entry;
  const csp = readPageHeaders(root);
  return {
    outDir: root,
    handler,
    files: new StaticFiles(path.join(root, 'client')),
    cspFor: (urlPath: string) => csp.get(urlPath.replace(/\/(?:index\.html)?$/, '') || '/'),
    // The 404 page's policy is the site's general one; it also covers Astro's own error pages.
    defaultCsp: csp.get('/404') ?? FALLBACK_CSP,
    hooks: {},
  };
}

function refuse(res: ServerResponse, status: number, message: string, extra: Record<string, string> = {}): void {
  const body = Buffer.from(message);
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(body.length),
    connection: 'close',
    ...extra,
  });
  res.end(body);
}

/**
 * Reads the whole body into memory; stops at `limit` bytes ('too-large') or when the body
 * is still incomplete after `deadlineMs` ('too-slow'), whichever comes first.
 */
function readBody(
  req: IncomingMessage,
  limit: number,
  deadlineMs: number,
): Promise<Buffer<ArrayBuffer> | 'too-large' | 'too-slow'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (outcome: 'too-large' | 'too-slow') => {
      clearTimeout(timer);
      req.off('data', onData);
      req.pause();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      stop('too-slow');
    }, deadlineMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) stop('too-large');
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    req.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

const TIMEOUT_ANSWER = 'HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n';

export interface SiteServerOptions {
  build: SiteBuild;
  logger: Logger;
  /**
   * When to send Strict-Transport-Security: 'always' (the site's address is https), 'https'
   * (on requests that came over TLS, directly or through a trusted proxy), or 'never'
   * (development: a browser must not be pinned to HTTPS for localhost).
   */
  hsts?: 'always' | 'https' | 'never';
  /** Whether a peer address is a proxy whose X-Forwarded-Proto is believed. */
  isTrustedProxy?: (address: string) => boolean;
  timeouts?: Partial<Timeouts>;
  maxBodyBytes?: number;
}

export interface SiteServer {
  server: http.Server;
  /** Serves `build` from the next request on; requests already running finish on the old one. */
  setBuild: (build: SiteBuild) => void;
  /** Requests being answered right now. */
  activeRequests: () => number;
  /**
   * Stops accepting connections, lets requests in flight finish (kept-alive connections
   * are told to close) and, after `graceMs`, cuts whatever is left. With `keepIdle`, idle
   * kept-alive connections stay open until they time out or send one more request.
   */
  shutdown: (graceMs: number, options?: { keepIdle?: boolean }) => Promise<void>;
}

/** Creates the HTTP server for a loaded build (not yet listening). */
export function createSiteServer(options: SiteServerOptions): SiteServer {
  const { logger, hsts = 'never', maxBodyBytes = MAX_BODY_BYTES, isTrustedProxy = () => false } = options;

  /** Whether the browser reached us over HTTPS (browsers ignore HSTS sent over plain HTTP). */
  function overTls(req: IncomingMessage): boolean {
    if ('encrypted' in req.socket && req.socket.encrypted) return true;
    const proto = req.headers['x-forwarded-proto'];
    const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase();
    return first === 'https' && isTrustedProxy(req.socket.remoteAddress ?? '');
  }
  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  let current = options.build;
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  let idle = (): void => undefined;

  async function serveStatic(req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<boolean> {
    const { files } = current;
    const entry = await files.lookup(urlPath);
    if (!entry) return false;
    const etagPlain = await files.etagOf(entry);
    const { br, gzip: gz } = entry.precompressed;
    const encoding = chooseEncoding(req.headers['accept-encoding'], {
      br: Boolean(br) || entry.compressible,
      gzip: Boolean(gz) || entry.compressible,
    });
    const varies = entry.compressible || Boolean(br ?? gz);
    // Each encoding is its own representation, so it gets its own strong validator.
    const etag = encoding ? `${etagPlain.slice(0, -1)}.${encoding === 'br' ? 'br' : 'gz'}"` : etagPlain;
    res.setHeader('etag', etag);
    res.setHeader('last-modified', entry.modified.toUTCString());
    res.setHeader('cache-control', cacheControlFor(entry.urlPath));
    if (varies) res.setHeader('vary', 'Accept-Encoding');
    const csp = entry.type.startsWith('text/html')
      ? current.cspFor(entry.urlPath)
      : actsUnderOwnPolicy(entry.type)
        ? assetPolicy(current.defaultCsp)
        : INERT_FILE_CSP;
    if (csp) res.setHeader('content-security-policy', csp);
    if (csp === INERT_FILE_CSP) for (const name of DOCUMENT_ONLY_HEADERS) res.removeHeader(name);

    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    const notModified =
      ifNoneMatch !== undefined
        ? etagMatches(ifNoneMatch, etag)
        : ifModifiedSince !== undefined && entry.modified.getTime() <= Date.parse(ifModifiedSince);
    if (notModified) {
      res.writeHead(304);
      res.end();
      return true;
    }

    res.setHeader('content-type', entry.type);
    if (encoding) res.setHeader('content-encoding', encoding);
    const copy = encoding === 'br' ? br : encoding === 'gzip' ? gz : undefined;
    if (encoding && !copy) {
      const body = await files.compressedBody(entry, encoding, etagPlain);
      res.setHeader('content-length', body.length);
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    }
    const source = copy ?? entry;
    res.setHeader('content-length', source.size);
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    createReadStream(source.file)
      .on('error', (err: Error) => {
        logger.error({ error: { message: err.message } }, 'could not read a static file');
        res.destroy();
      })
      .pipe(res);
    return true;
  }

  /**
   * The thread GET, answered without Astro once the build's route has registered its answerer:
   * the same function the route calls, so status, body, ETag and Cache-Control are the route's,
   * and the security headers and CSP were already set on `res` for every response. An unexpected
   * failure leaves the request to Astro untouched (nothing is written before the answer is ready).
   */
  async function answerThreadHere(req: IncomingMessage, res: ServerResponse, url: string, letter: string) {
    const answerer = current.hooks.thread;
    if (!answerer) return false;
    const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
    const ifNoneMatch = req.headers['if-none-match'];
    let answer: ThreadAnswer;
    try {
      answer = await answerer({
        letter,
        sort: query.get('sort'),
        page: query.get('page'),
        ifNoneMatch: ifNoneMatch ?? null,
      });
    } catch {
      return false;
    }
    send(res, answer);
    return true;
  }

  /** Sends a finished answer on `res` (security headers and CSP are already set on it). */
  function send(res: ServerResponse, answer: ThreadAnswer): void {
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name.toLowerCase(), value);
    if (answer.status === 304) {
      res.end();
      return;
    }
    const body = Buffer.from(answer.body);
    res.setHeader('content-length', body.length);
    res.end(body);
  }

  /**
   * The reply form's post, answered without Astro once the build's action has registered its
   * answerer: the same checks, schema and handler as the action, and Astro's answer format. The
   * answerer leaves whatever it does not take (another content type, a refused origin, a form the
   * schema refuses) to Astro by answering undefined, and it has changed nothing by then.
   */
  async function answerReplyPostHere(
    req: IncomingMessage,
    res: ServerResponse,
    url: string,
    body: Buffer<ArrayBuffer>,
  ) {
    const answerer = current.hooks.createReply;
    if (!answerer) return false;
    const encrypted = 'encrypted' in req.socket && Boolean(req.socket.encrypted);
    let answer: ThreadAnswer | undefined;
    try {
      answer = await answerer({
        url,
        protocol: encrypted ? 'https' : 'http',
        headers: req.headers,
        remoteAddress: req.socket.remoteAddress,
        body,
      });
    } catch (err) {
      // Only the reading before any write can throw (the handler's own failures are answers), so Astro may retry it.
      logger.warn({ error: { message: err instanceof Error ? err.message : String(err) } }, 'reply post left to Astro');
      return false;
    }
    if (!answer) return false;
    send(res, answer);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, locals: RequestLocals): Promise<void> {
    const method = req.method ?? 'GET';
    if (!ALLOWED_METHODS.has(method)) {
      // The body is never read: the connection closes after this answer.
      // 405 for any method, WebDAV's included: a bad method is the client's mistake, never a 5xx.
      refuse(res, 405, `${method} is not used on this site.`, { allow: 'GET, HEAD, POST' });
      return;
    }
    const url = req.url ?? '/';
    const urlPath = url.split('?')[0] ?? '/';
    if (!urlPath.startsWith('/')) {
      refuse(res, 400, 'The request target must be a path.');
      return;
    }
    try {
      decodeURIComponent(urlPath);
    } catch {
      refuse(res, 400, 'The address is not correctly encoded.');
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = bodyTooLargeMessage(maxBodyBytes);
    if (!(declared <= maxBodyBytes)) {
      refuse(res, 413, tooLarge);
      return;
    }
    // Every body is read here, bounded, before anything parses it; Astro gets it whole
    // (the adapter takes a body already read from `req.body`).
    const body = await readBody(req, maxBodyBytes, t.requestMs);
    if (body === 'too-large') {
      refuse(res, 413, tooLarge);
      return;
    }
    if (body === 'too-slow') {
      refuse(res, 408, 'The request body arrived too slowly.');
      res.once('finish', () => req.socket.destroy());
      return;
    }
    Object.assign(req, { body });
    req.headers['content-length'] = String(body.length);
    delete req.headers['transfer-encoding'];

    if (urlPath === '/healthz' && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    const thread = method === 'GET' ? THREAD_PATH.exec(urlPath)?.[1] : undefined;
    if (thread !== undefined && (await answerThreadHere(req, res, url, thread))) {
      locals.requestLog.route = THREAD_ROUTE;
      return;
    }
    if (method === 'POST' && url === CREATE_REPLY_PATH && (await answerReplyPostHere(req, res, url, body))) {
      locals.requestLog.route = ACTIONS_ROUTE;
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && (await serveStatic(req, res, urlPath))) {
      locals.requestLog.route = urlPath;
      return;
    }
    await current.handler(req, res, undefined, locals);
  }

  const server = http.createServer(
    {
      headersTimeout: t.headersMs,
      requestTimeout: t.requestMs,
      keepAliveTimeout: t.keepAliveMs,
      connectionsCheckingInterval: t.checkEveryMs,
    },
    (req, res) => {
      const started = process.hrtime.bigint();
      const requestId = randomUUID();
      const locals: RequestLocals = { requestLog: { route: undefined }, siteHooks: current.hooks };
      inFlight.add(res);
      res.setHeader('x-request-id', requestId);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      res.setHeader(
        'content-security-policy',
        isDataEndpoint(req.url) ? assetPolicy(current.defaultCsp) : current.defaultCsp,
      );
      if (hsts === 'always' || (hsts === 'https' && overTls(req))) res.setHeader('strict-transport-security', HSTS);
      if (closing) res.setHeader('connection', 'close');
      res.once('close', () => {
        inFlight.delete(res);
        const line = {
          requestId,
          method: req.method,
          route: (locals.requestLog.route ?? '-').slice(0, 200),
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        };
        if (!res.writableFinished) logger.warn({ ...line, aborted: true }, 'request');
        else if (res.statusCode >= 500) logger.error(line, 'request');
        else logger.info(line, 'request');
        if (inFlight.size === 0) idle();
      });
      handle(req, res, locals).catch((err: unknown) => {
        logger.error(
          { requestId, error: { message: err instanceof Error ? err.message : String(err) } },
          'request failed',
        );
        if (!res.headersSent) refuse(res, 500, 'The server could not answer this request.');
        else res.destroy();
      });
    },
  );
  // Node's own headersTimeout is not enough on its own: while another connection is stuck
  // mid-body it was seen to drop no one. So every connection also gets a deadline of ours
  // for its next request's headers, armed on connect and again after each answer.
  const headerDeadlines = new WeakMap<Socket, NodeJS.Timeout>();
  const armHeaderDeadline = (socket: Socket): void => {
    clearTimeout(headerDeadlines.get(socket));
    const timer = setTimeout(() => {
      if (socket.destroyed) return;
      socket.end(TIMEOUT_ANSWER);
      setTimeout(() => socket.destroy(), 1000).unref();
    }, t.headersMs);
    timer.unref();
    headerDeadlines.set(socket, timer);
  };
  server.on('connection', (socket: Socket) => {
    armHeaderDeadline(socket);
    socket.once('close', () => {
      clearTimeout(headerDeadlines.get(socket));
    });
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    clearTimeout(headerDeadlines.get(req.socket));
    res.once('finish', () => {
      if (!req.socket.destroyed) armHeaderDeadline(req.socket);
    });
  });

  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    socket.end(
      `HTTP/1.1 ${String(status)} ${http.STATUS_CODES[status]}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`,
    );
  });

  return {
    server,
    setBuild(build) {
      current = build;
    },
    activeRequests: () => inFlight.size,
    async shutdown(graceMs, { keepIdle = false } = {}) {
      closing = true;
      const closed = new Promise<void>((resolve) => {
        // net.Server's close leaves idle keep-alive connections alone; http.Server's drops them.
        const done = () => {
          resolve();
        };
        if (keepIdle) net.Server.prototype.close.call(server, done);
        else server.close(done);
      });
      if (!keepIdle) server.closeIdleConnections();
      // Answers not yet started tell their kept-alive clients to reconnect elsewhere.
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
      if (keepIdle) await Promise.race([closed, deadline]);
      else if (inFlight.size > 0) await Promise.race([new Promise<void>((resolve) => (idle = resolve)), deadline]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}
