// The one cap on request bodies. The site server (scripts/site-server.ts) applies it to every request
// before Astro sees it; the middleware applies it again for `astro dev`, where no site server runs.

/** Largest request body the server reads, for every method and route; anything bigger is refused unread. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The 413 answer's words, naming the limit. */
export function bodyTooLargeMessage(limit = MAX_BODY_BYTES): string {
  return `Request body too large: the limit is ${String(limit / 1024)} KiB.`;
}

/** Reads a copy of the body, giving up (undefined) as soon as it passes `limit` bytes. */
export async function readLimited(request: Request, limit: number): Promise<string | undefined> {
  const reader = request.clone().body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a tee settles only once the other branch is cancelled too.
      reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Whether a request's body is over the limit: by its declared length when it states one (the
 * length is believed, so a lie only cuts the body short), else by reading a copy up to the limit.
 */
export async function bodyOverLimit(request: Request, limit = MAX_BODY_BYTES): Promise<boolean> {
  const declared = request.headers.get('content-length');
  if (declared !== null) return Number(declared) > limit;
  return (await readLimited(request, limit)) === undefined;
}
