// scripts/serve.mjs imports this file under plain Node (type stripping), hence the .ts import.
import { pino, type Logger } from 'pino';
import { config } from './config.ts';

/**
 * Keys whose values never reach a log line, wherever they appear in a logged object:
 * credentials, tokens, addresses and bodies. Log ids and counts instead.
 */
const REDACTED_KEYS = [
  'password',
  'secret',
  'token',
  'csrf',
  'cookie',
  'authorization',
  'email',
  'body',
  'SITE_SECRET',
  'DATABASE_URL',
  'SMTP_URL',
];

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]);

let root: Logger | undefined;

/** A JSON logger writing one line per event to stdout, at the configured LOG_LEVEL. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = {
    level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactPaths, censor: '[redacted]' },
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** The process-wide logger; `component` names the part of the server that speaks. */
export function log(component?: string): Logger {
  root ??= createLogger(config().LOG_LEVEL);
  return component ? root.child({ component }) : root;
}

/** Lets a test read what the server logs (undefined: back to stdout at LOG_LEVEL). */
export function setLoggerForTests(logger: Logger | undefined): void {
  root = logger;
}

/** An error as loggable fields: its message and stack, never the objects it may point to. */
export function errorFields(err: unknown): { error: { message: string; stack?: string | undefined } } {
  if (err instanceof Error) return { error: { message: err.message, stack: err.stack } };
  return { error: { message: String(err) } };
}
