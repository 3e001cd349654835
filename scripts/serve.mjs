// Serves a production build: Astro's own standalone handler (static files and on-demand
// routes), with two additions — scripts and stylesheets go out brotli- or gzip-compressed
// from the copies the build wrote beside them (src/integrations/precompress.ts), and mail
// providers' one-click unsubscribe POSTs reach their route (see below).
//   node scripts/serve.mjs [outDir]      (HOST, PORT as for Astro's server; outDir defaults to dist)
import { createReadStream, readdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chooseEncoding } from '../src/lib/precompress-plan.ts';
import { configOrExit } from '../src/server/config.ts';

// Every configuration problem is listed before anything listens; a bad one ends the process (status 1).
configOrExit();

const outDir = path.resolve(process.argv[2] ?? process.env.ASTRO_OUT_DIR ?? 'dist');
const clientDir = path.join(outDir, 'client');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);

// Importing the entry must not start Astro's own listener: this server replaces it.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
// On-demand routes learn which letters exist from the manifest of the build being served.
process.env.CATALOGUE_MANIFEST ??= path.join(outDir, 'server', 'catalogue.json');
const { handler } = await import(pathToFileURL(path.join(outDir, 'server', 'entry.mjs')).href);

const contentTypes = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** URL path → which compressed copies exist; read once, the build output never changes under us. */
const compressed = new Map();
for (const entry of readdirSync(clientDir, { recursive: true, withFileTypes: true })) {
  const match = /^(.*)\.(gz|br)$/.exec(entry.name);
  if (!entry.isFile() || !match) continue;
  const urlPath = `/${path.relative(clientDir, path.join(entry.parentPath, match[1])).split(path.sep).join('/')}`;
  const known = compressed.get(urlPath) ?? { br: false, gzip: false };
  known[match[2] === 'br' ? 'br' : 'gzip'] = true;
  compressed.set(urlPath, known);
}

function servePrecompressed(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const urlPath = (req.url ?? '/').split('?')[0];
  const available = compressed.get(urlPath);
  if (!available) return false;
  const encoding = chooseEncoding(req.headers['accept-encoding'], available);
  if (!encoding) return false;
  const file = path.join(clientDir, `${urlPath}.${encoding === 'br' ? 'br' : 'gz'}`);
  res.setHeader('content-type', contentTypes[path.extname(urlPath)] ?? 'application/octet-stream');
  res.setHeader('content-encoding', encoding);
  res.setHeader('vary', 'Accept-Encoding');
  res.setHeader('x-content-type-options', 'nosniff');
  // Astro's hashed assets never change; Pagefind's files keep their names across builds.
  res.setHeader('cache-control', urlPath.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(file)
    .on('error', () => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    })
    .pipe(res);
  return true;
}

/**
 * RFC 8058 one-click unsubscribe: mail providers POST to the link from their own servers,
 * with a form body and no Origin, which Astro's origin check refuses. The signed token in
 * the URL is the only key that route accepts (it is not a session action), so this one
 * route is vouched for; every other POST still meets the check unchanged.
 */
function vouchForOneClickUnsubscribe(req) {
  if (req.method !== 'POST' || !(req.url ?? '').startsWith('/desk/unsubscribe?')) return;
  const scheme = req.socket.encrypted ? 'https' : 'http';
  req.headers.origin = `${scheme}://${req.headers.host ?? `${host}:${String(port)}`}`;
}

let retiring = false;
const server = http.createServer((req, res) => {
  // A retiring server (a newer build took over) finishes what it has and sends clients to the new one.
  if (retiring) res.setHeader('connection', 'close');
  if (servePrecompressed(req, res)) return;
  vouchForOneClickUnsubscribe(req);
  handler(req, res);
});
server.listen(port, host, () => {
  console.log(`Dear PurseBop is being served on http://${host === '0.0.0.0' ? 'localhost' : host}:${String(port)}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; don't wait for them forever.
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

// Under scripts/serve-live.mjs: a newer build listens now, so stop taking connections and leave once
// the ones in hand are answered.
process.on('message', (message) => {
  if (message !== 'retire' || retiring) return;
  retiring = true;
  // net.Server's close, not http.Server's: the latter also drops idle keep-alive connections, and a
  // client sending its next request on one at that instant would see it reset. Left open, each gets
  // one more answer (marked Connection: close) or times out idle as usual.
  net.Server.prototype.close.call(server, () => process.exit(0));
  setTimeout(() => process.exit(0), 20_000).unref();
});
