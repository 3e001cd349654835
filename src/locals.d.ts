declare namespace App {
  interface Locals {
    /** Set by an action refused for rate limiting; the middleware sends it as Retry-After. */
    retryAfterSeconds?: number;
    /**
     * Handed in by the site server (scripts/serve.mjs) for its request log: the middleware
     * names the matched route here, so the log never needs the raw URL with its tokens.
     */
    requestLog?: { route?: string };
    /**
     * Handed in by the site server, one object per loaded build: a route may leave a function here
     * that the server then calls itself for the same requests, before Astro (see scripts/site-server.ts).
     */
    siteHooks?: {
      /** Answers GET /api/replies/<letter> (src/server/replies/thread-endpoint.ts). */
      thread?: typeof import('./server/replies/thread-endpoint').answerThread;
      /** Answers POST /_actions/replies.create, or leaves it to Astro (src/server/replies/create-post.ts). */
      createReply?: import('./server/replies/create-post').ActionAnswerer;
    };
  }
}
