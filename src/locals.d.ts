declare namespace App {
  interface Locals {
    /** Set by an action refused for rate limiting; the middleware sends it as Retry-After. */
    retryAfterSeconds?: number;
    /**
     * Handed in by the site server (scripts/serve.mjs) for its request log: the middleware
     * names the matched route here, so the log never needs the raw URL with its tokens.
     */
    requestLog?: { route?: string };
  }
}
