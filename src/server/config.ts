// scripts/serve.mjs imports this file under plain Node (type stripping): keep its imports
// to packages, or to relative files named with their .ts extension.
import { z } from 'astro/zod';
import path from 'node:path';

/** Server settings, read once from the environment and validated. */
const envSchema = z.object({
  /** PostgreSQL connection string; when unset the embedded SQLite file is used. */
  DATABASE_URL: z.url().optional(),
  /** Where the SQLite file lives, relative to the working directory. */
  SQLITE_PATH: z.string().min(1).default('data/pursebop.sqlite'),
  /** Secret for signed tokens and sessions; required in production. */
  SITE_SECRET: z.string().min(32, 'SITE_SECRET must be at least 32 characters').optional(),
  /** hold-all | hold-first (default) | publish */
  MODERATION_POLICY: z.enum(['hold-all', 'hold-first', 'publish']).default('hold-first'),
  /** Comma-separated proxy addresses whose X-Forwarded-For is believed; "none" by default. */
  TRUSTED_PROXIES: z.string().default(''),
  /** smtp://user:pass@host:port — when unset, outgoing mail waits in the desk. */
  SMTP_URL: z.string().optional(),
  /** Sender of desk mail; defaults to "Dear PurseBop <desk@<site host>>". */
  MAIL_FROM: z.string().min(3).optional(),
  /** Seconds between the server's notification runs (digests, reply notices, sending); 0 turns them off. */
  NOTIFY_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Public address of the site, used in links inside emails. */
  SITE_URL: z.url().default('http://localhost:4321'),
  /** Multiplies every rate limit (the benchmark raises it); 1 in normal use. */
  RATE_LIMIT_SCALE: z.coerce.number().positive().default(1),
  /** Least severe log level written: fatal | error | warn | info (default) | debug | trace | silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** production | development | test */
  NODE_ENV: z.string().default('development'),
});

export type ServerConfig = z.infer<typeof envSchema> & {
  /** Absolute path of the SQLite file. */
  sqliteFile: string;
  /** True when running as production (secrets required). */
  production: boolean;
  /** Parsed TRUSTED_PROXIES. */
  trustedProxies: string[];
};

let cached: ServerConfig | undefined;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws a ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  // An empty variable means "not set" (handy for `DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${String(issue?.path.join('.'))}: ${issue?.message ?? 'invalid'}`);
  }
  const c = parsed.data;
  return {
    ...c,
    sqliteFile: path.resolve(process.cwd(), c.SQLITE_PATH),
    production: c.NODE_ENV === 'production',
    trustedProxies: c.TRUSTED_PROXIES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
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
