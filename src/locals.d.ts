declare namespace App {
  interface Locals {
    /** Set by an action refused for rate limiting; the middleware sends it as Retry-After. */
    retryAfterSeconds?: number;
  }
}
