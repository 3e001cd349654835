// Serves a production build: `node scripts/serve.mjs [outDir]` (outDir defaults to dist;
// HOST and PORT as for Astro). Checks the configuration first and refuses to start with a
// bad one; on SIGTERM or SIGINT stops accepting, lets requests in flight finish, then
// closes the database (committing what it still holds) and exits 0. Under
// scripts/serve-live.mjs a 'retire' message does the same once a newer build listens.
import path from 'node:path';
import { ProxyList } from '../src/lib/client-address.ts';
import { configOrExit } from '../src/server/config.ts';
import { log } from '../src/server/log.ts';
import { createSiteServer, loadBuild } from './site-server.ts';

/** How long requests in flight may take to finish once a shutdown begins. */
const SHUTDOWN_GRACE_MS = 10_000;
/** A retiring server keeps idle keep-alive connections until they time out or ask once more. */
const RETIRE_GRACE_MS = 20_000;
/** Registry the server bundle adds its closers to (src/server/lifecycle.ts). */
const SHUTDOWN_HOOKS = Symbol.for('dear-pursebop.shutdown-hooks');

// Every configuration problem is listed before anything listens; a bad one ends the process (status 1).
const settings = configOrExit();
const logger = log('server');

const outDir = path.resolve(process.argv[2] ?? process.env.ASTRO_OUT_DIR ?? 'dist');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 4321);

// On-demand routes learn which letters exist from the manifest of the build being served.
process.env.CATALOGUE_MANIFEST ??= path.join(outDir, 'server', 'catalogue.json');

const proxies = new ProxyList(settings.trustedProxies);
const site = createSiteServer({
  build: await loadBuild(outDir),
  logger,
  hsts: !settings.production ? 'never' : settings.SITE_URL.startsWith('https:') ? 'always' : 'https',
  isTrustedProxy: (address) => proxies.has(address),
});

site.server.listen(port, host, () => {
  const shown = host === '0.0.0.0' ? 'localhost' : host;
  logger.info({ outDir, host, port }, 'listening');
  console.log(`Dear PurseBop is being served on http://${shown}:${String(port)}`);
});

let stopping = false;
async function stop(reason, graceMs, keepIdle) {
  if (stopping) return;
  stopping = true;
  logger.info({ reason, inFlight: site.activeRequests() }, 'shutting down');
  await site.shutdown(graceMs, { keepIdle });
  for (const hook of (globalThis[SHUTDOWN_HOOKS] ?? []).toReversed()) {
    try {
      await hook();
    } catch (err) {
      logger.error({ error: { message: err instanceof Error ? err.message : String(err) } }, 'a shutdown step failed');
      process.exitCode = 1;
    }
  }
  logger.info('stopped');
  process.exit();
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void stop(signal, SHUTDOWN_GRACE_MS, false));
// A client sending its next request on an idle keep-alive connection at the instant of the
// switch would see it reset, so a retiring server leaves those open: each gets one more
// answer (marked Connection: close) or times out idle as usual.
process.on('message', (message) => {
  if (message === 'retire') void stop('retire', RETIRE_GRACE_MS, true);
});
