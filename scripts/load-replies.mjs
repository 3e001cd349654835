#!/usr/bin/env node
// Quick load run for the replies endpoints against a running server (not part of npm test):
//   node scripts/load-replies.mjs http://127.0.0.1:4330 rain-spots [seconds]
// Start the server with MODERATION_POLICY=publish and a large RATE_LIMIT_SCALE so the budgets
// (meant for one person) do not refuse the benchmark's single address.
import autocannon from 'autocannon';

const [base = 'http://127.0.0.1:4330', letterId = 'rain-spots', secondsArg = '10'] = process.argv.slice(2);
const duration = Number(secondsArg);
const origin = new URL(base).origin;

/** replies.list answers in devalue's JSON form; the values we need are plain entries of its array. */
async function list() {
  const res = await fetch(`${base}/_actions/replies.list`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ letterId }),
  });
  if (!res.ok) throw new Error(`replies.list answered ${String(res.status)}`);
  const flat = await res.json();
  const head = flat[0];
  return { total: flat[head.total], stamp: flat[head.stamp], ids: flat[head.replies].map((i) => flat[flat[i].id]) };
}

const form = (fields) => new URLSearchParams(fields).toString();
let counter = 0;
const body = (stamp, parentId) =>
  form({
    letterId,
    name: 'Load Tester',
    body: `Load run reply ${String(Date.now())}-${String(++counter)}`,
    stamp,
    ...(parentId ? { parentId: String(parentId) } : {}),
  });

const first = await list();
await new Promise((resolve) => setTimeout(resolve, 3_200)); // the form's honest minimum fill time
const ids = [...first.ids];
for (let i = first.total; i < 50; i++) {
  const parent = i % 3 === 0 || ids.length === 0 ? undefined : ids[Math.floor(Math.random() * ids.length)];
  const res = await fetch(`${base}/_actions/replies.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: body(first.stamp, parent),
  });
  if (!res.ok) throw new Error(`seeding reply ${String(i)} answered ${String(res.status)}: ${await res.text()}`);
}
const seeded = await list();
console.log(`thread has ${String(seeded.total)} replies`);

function report(name, r) {
  console.log(
    `${name}: ${r.requests.average.toFixed(0)} req/s average, latency p50 ${String(r.latency.p50)} ms, p99 ${String(r.latency.p99)} ms, ` +
      `${String(r['2xx'])} ok, ${String(r.non2xx)} non-2xx, ${String(r.errors)} errors`,
  );
}

const listRun = await autocannon({
  url: `${base}/_actions/replies.list`,
  method: 'POST',
  connections: 10,
  duration,
  headers: { 'content-type': 'application/json', origin },
  body: JSON.stringify({ letterId }),
});
report('replies.list (50-reply thread)', listRun);

const pageRun = await autocannon({ url: `${base}/letters/${letterId}/replies`, connections: 10, duration });
report('GET /letters/<slug>/replies (no-JS page)', pageRun);

const createRun = await autocannon({
  url: `${base}/_actions/replies.create`,
  method: 'POST',
  connections: 10,
  duration,
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
  setupClient: (client) => {
    client.setBody(body(seeded.stamp));
  },
  requests: [{ setupRequest: (req) => ({ ...req, body: body(seeded.stamp) }) }],
});
report('replies.create', createRun);
