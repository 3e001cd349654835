/**
 * Work to do when the process stops (close the database, stop timers). The server bundle
 * and scripts/serve.mjs are separate module graphs, so the list lives on a global symbol:
 * serve.mjs runs it, newest first, after the last request has been answered.
 */
const HOOKS: unique symbol = Symbol.for('dear-pursebop.shutdown-hooks');

type Hook = () => void | Promise<void>;

function hooks(): Hook[] {
  const holder = globalThis as Partial<Record<typeof HOOKS, Hook[]>>;
  const list = holder[HOOKS] ?? [];
  holder[HOOKS] = list;
  return list;
}

/** Registers `hook` to run at shutdown; returns a function that removes it again. */
export function onShutdown(hook: Hook): () => void {
  hooks().push(hook);
  return () => {
    const list = hooks();
    const at = list.indexOf(hook);
    if (at >= 0) list.splice(at, 1);
  };
}

/** Runs every hook, newest first (what tests and scripts without serve.mjs use). */
export async function runShutdownHooks(): Promise<void> {
  for (const hook of hooks().splice(0).reverse()) await hook();
}
