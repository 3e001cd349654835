// scripts/serve.mjs imports this file under plain Node (type stripping): keep its imports
// to packages, or to relative files named with their .ts extension.
import { z } from 'astro/zod';
import path from 'node:path';
import { proxyEntryProblem } from '../lib/client-address.ts';
import { siteSecretProblem } from '../lib/secret-strength.ts';

/** Server settings, read once from the environment and validated. */
const envSchema = z.object({
  /** PostgreSQL connection string; when unset the embedded SQLite file is used. */
  DATABASE_URL: z
    .url()
    .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must start with postgres:// or postgresql://')
    .optional(),
  /** Most connections one instance opens to PostgreSQL; all instances together must stay under the server's max_connections. */
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  /** Where the SQLite file lives, relative to the working directory. */
  SQLITE_PATH: z.string().min(1).default('data/pursebop.sqlite'),
  /** Secret for signed tokens and sessions; required in production, and refused when guessable. */
  SITE_SECRET: z
    .string()
    .superRefine((secret, ctx) => {
      const problem = siteSecretProblem(secret);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  /** hold-all | hold-first (default) | publish */
  MODERATION_POLICY: z.enum(['hold-all', 'hold-first', 'publish']).default('hold-first'),
  /** Comma-separated proxy addresses or CIDR ranges whose X-Forwarded-For and X-Forwarded-Proto are believed; none by default. */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .superRefine((list, ctx) => {
      for (const entry of list.split(',').map((s) => s.trim())) {
        const problem = entry ? proxyEntryProblem(entry) : undefined;
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    }),
  /** smtp://user:pass@host:port — when unset, outgoing mail waits in the desk. */
  SMTP_URL: z
    .string()
    .refine((u) => /^smtps?:\/\/[^/]/.test(u), 'must be an smtp:// or smtps:// address')
    .optional(),
  /** Sender of desk mail; defaults to "Dear PurseBop <desk@<site host>>". */
  MAIL_FROM: z.string().min(3).optional(),
  /** Seconds between the server's notification runs (digests, reply notices, sending); 0 turns them off. */
  NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Public address of the site, used in links inside emails. */
  SITE_URL: z.url().default('http://localhost:4321'),
  /** Multiplies every rate limit (the benchmark raises it); 1 in normal use. */
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  /** Comma-separated words; a reply containing one is held for moderation. */
  BLOCKED_WORDS: z.string().default(''),
  /** Folder holding the site's content (letters, columnists), relative to the working directory. */
  CONTENT_DIR: z.string().min(1).default('content'),
  /** Where `npm run letter:new` and `npm run drafts:pull` write letters; defaults to CONTENT_DIR/letters. */
  LETTERS_DIR: z.string().min(1).optional(),
  /** Where drafts started in the desk go: "database" (any number of instances) or "files" (one machine). */
  DRAFT_STORE: z.enum(['database', 'files']).default('database'),
  /** Cache of rendered social images kept between builds; defaults to node_modules/.cache/og. */
  OG_CACHE_DIR: z.string().min(1).optional(),
  /** Least severe log level written: fatal | error | warn | info (default) | debug | trace | silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** production | development | test */
  NODE_ENV: z.string().default('development'),
});

type Setting = keyof z.infer<typeof envSchema>;

/** How to fix each setting, said next to the problem. */
const FIXES: Partial<Record<Setting, string>> = {
  DATABASE_URL: 'e.g. DATABASE_URL=postgres://user:password@db-host:5432/pursebop, or unset it to use SQLite',
  PG_POOL_SIZE: 'a whole number of connections per instance, e.g. PG_POOL_SIZE=10',
  SQLITE_PATH: 'a file path, e.g. SQLITE_PATH=data/pursebop.sqlite',
  SITE_SECRET: 'generate one with: SITE_SECRET="$(openssl rand -hex 32)"',
  MODERATION_POLICY: 'one of hold-all, hold-first, publish',
  SMTP_URL: 'e.g. SMTP_URL=smtp://user:password@mail.example.com:587, or unset it to keep mail in the desk',
  MAIL_FROM: 'e.g. MAIL_FROM="Dear PurseBop <desk@example.com>"',
  NOTIFY_INTERVAL_SECONDS: 'a whole number of seconds, e.g. 60, or 0 to leave sending to `npm run notify:flush`',
  SITE_URL: 'the public address with its scheme, e.g. SITE_URL=https://pursebop.example',
  RATE_LIMIT_SCALE: 'a positive number, 1 in normal use',
  DRAFT_STORE: 'database (several instances) or files (one machine that builds the site)',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
};

/** Settings whose value must never be echoed back, even in an error. */
const SECRET_SETTINGS = new Set<string>(['SITE_SECRET', 'DATABASE_URL', 'SMTP_URL']);

export type ServerConfig = z.infer<typeof envSchema> & {
  /** Absolute path of the SQLite file. */
  sqliteFile: string;
  /** True when running as production (secrets required). */
  production: boolean;
  /** Parsed TRUSTED_PROXIES. */
  trustedProxies: string[];
  /** Absolute path of the content folder. */
  contentDir: string;
  /** Absolute path of the letters folder. */
  lettersDir: string;
  /** Parsed BLOCKED_WORDS, lower-cased. */
  blockedWords: string[];
};

let cached: ServerConfig | undefined;

/** A bad configuration: `problems` holds one line per setting, each saying how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid configuration: ${problems[0] ?? ''}`
        : `Invalid configuration (${String(problems.length)} problems):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.problems = problems;
  }
}

function describeIssue(issue: z.core.$ZodIssue, env: Record<string, string>): string {
  const name = String(issue.path[0] ?? 'configuration');
  const raw = env[name];
  const shown = raw === undefined ? '' : SECRET_SETTINGS.has(name) ? '=(hidden)' : `=${JSON.stringify(raw)}`;
  const fix = FIXES[name as Setting];
  return `${name}${shown}: ${issue.message}${fix ? ` (${fix})` : ''}`;
}

/** Rules that need more than one setting, or only hold in production. */
function crossChecks(c: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (c.NODE_ENV === 'production' && !c.SITE_SECRET) {
    problems.push(`SITE_SECRET: required in production (${FIXES.SITE_SECRET ?? ''})`);
  }
  return problems;
}

/**
 * Every problem with the environment, each on one line saying how to fix it; empty when
 * the configuration is good. Lists them all at once so an operator fixes them in one go.
 */
export function configProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  const result = parseEnv(env);
  return result.ok ? crossChecks(result.data) : result.problems;
}

function parseEnv(
  env: NodeJS.ProcessEnv,
): { ok: true; data: z.infer<typeof envSchema> } | { ok: false; problems: string[] } {
  // An empty variable means "not set" (handy for `DATABASE_URL= npm start`).
  const present = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (parsed.success) return { ok: true, data: parsed.data };
  const problems = parsed.error.issues.map((issue) => describeIssue(issue, present));
  // A valid NODE_ENV and SITE_SECRET may still be missing the production secret: say so too.
  const loose = envSchema.partial().safeParse({ NODE_ENV: present.NODE_ENV, SITE_SECRET: present.SITE_SECRET });
  if (loose.success && loose.data.NODE_ENV === 'production' && !loose.data.SITE_SECRET) {
    problems.push(`SITE_SECRET: required in production (${FIXES.SITE_SECRET ?? ''})`);
  }
  return { ok: false, problems };
}

/** Reads and validates the environment; throws a ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const result = parseEnv(env);
  if (!result.ok) throw new ConfigError(result.problems);
  const c = result.data;
  const cwd = process.cwd();
  const contentDir = path.resolve(cwd, c.CONTENT_DIR);
  return {
    ...c,
    sqliteFile: path.resolve(cwd, c.SQLITE_PATH),
    production: c.NODE_ENV === 'production',
    trustedProxies: c.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    contentDir,
    lettersDir: c.LETTERS_DIR ? path.resolve(cwd, c.LETTERS_DIR) : path.join(contentDir, 'letters'),
    blockedWords: c.BLOCKED_WORDS.split(',')
      .map((w) => w.trim().toLowerCase())
      .filter(Boolean),
  };
}

/**
 * The check the server runs before it listens: every problem, production-only ones
 * included, in one ConfigError. A server that passes it never fails a visitor over its
 * configuration later.
 */
export function validateStartupConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems = configProblems(env);
  if (problems.length > 0) throw new ConfigError(problems);
  return loadConfig(env);
}

/**
 * For start-up scripts: validates the configuration, or prints every problem with its fix
 * to stderr and ends the process with status 1, before anything listens or is touched.
 */
export function configOrExit(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  try {
    return validateStartupConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nNothing was started: fix the settings above and try again.\n`);
    process.exit(1);
  }
}

/** The process-wide configuration (read on first use). */
export function config(): ServerConfig {
  cached ??= loadConfig();
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfig(): void {
  cached = undefined;
}
