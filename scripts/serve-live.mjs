// Serves builds/current and switches builds without dropping a request (see scripts/publish.ts).
//   node scripts/serve-live.mjs [buildsDir]     (HOST, PORT as for scripts/serve.mjs)
// This primary process owns the listening socket; a worker running scripts/serve.mjs answers requests.
// On SIGHUP a worker for the build builds/current now points at is started; once it listens, the old
// worker stops taking connections, finishes what it has in hand and exits. Connections are handed to
// whichever worker listens, so no request meets a closed port.
import cluster from 'node:cluster';
import { realpathSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const buildsDir = path.resolve(process.argv[2] ?? process.env.BUILDS_DIR ?? 'builds');
const pidFile = path.join(buildsDir, 'serve.pid');
const serveScript = path.join(import.meta.dirname, 'serve.mjs');

let active;
let stopping = false;

function startWorker() {
  const outDir = realpathSync(path.join(buildsDir, 'current'));
  cluster.setupPrimary({ exec: serveScript, args: [outDir] });
  const worker = cluster.fork();
  worker.outDir = outDir;
  worker.on('exit', (code) => {
    // A crash of the serving worker (not a retired one) is followed by a fresh start.
    if (worker === active && !stopping) {
      console.error(`[serve-live] the server for ${outDir} exited (${String(code)}); starting it again`);
      setTimeout(() => {
        active = startWorker();
      }, 1000);
    }
  });
  return worker;
}

function retire(worker) {
  worker.send('retire');
  // A worker that cannot finish in time is stopped anyway.
  setTimeout(() => worker.process.kill('SIGKILL'), 30_000).unref();
}

let switching = false;
// A SIGHUP that arrives while a switch is under way (a quick publish switches twice in a row) is kept
// and acted on once that switch is done, so the server always ends on what builds/current names last.
let pending = false;
function switchBuild() {
  if (switching) {
    pending = true;
    return;
  }
  switching = true;
  const next = startWorker();
  const done = () => {
    switching = false;
    if (pending && !stopping) {
      pending = false;
      switchBuild();
    }
  };
  let listening = false;
  next.once('listening', () => {
    listening = true;
    const old = active;
    active = next;
    console.log(`[serve-live] now serving ${next.outDir}`);
    if (old) retire(old);
    done();
  });
  next.once('exit', () => {
    if (listening) return;
    if (!stopping) console.error('[serve-live] the new build did not start; the previous one is still being served');
    done();
  });
}

writeFileSync(pidFile, String(process.pid));
active = startWorker();
process.on('SIGHUP', switchBuild);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    rmSync(pidFile, { force: true });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 2500).unref();
  });
}
