import { clientAddress, clientUsedHttps } from '../lib/client-address';
import { config } from './config';

/** The parts of an Astro page or action context that identify who sent a request. */
export interface RequestOrigin {
  /** The direct peer address, as Astro reports it. */
  clientAddress: string;
  request: Request;
}

/**
 * The key rate limits and duplicate checks are counted against: the client's address,
 * with X-Forwarded-For believed only from the configured trusted proxies.
 */
export function clientKeyOf(origin: RequestOrigin): string {
  return clientAddress(origin.clientAddress, origin.request.headers.get('x-forwarded-for'), config().trustedProxies);
}

/** True when the visitor reached the site over TLS, directly or through a trusted TLS-terminating proxy. */
export function clientUsesHttps(origin: RequestOrigin): boolean {
  return clientUsedHttps(
    new URL(origin.request.url),
    origin.clientAddress,
    origin.request.headers.get('x-forwarded-proto'),
    config().trustedProxies,
  );
}

/**
 * The text fields of a form post that was refused, to put back in front of the person who
 * typed them. Reads a copy, so the body stays readable for anything after; files and missing
 * fields read as ''. A body that is not a form reads as an empty one.
 */
export async function repostedText(request: Request): Promise<(name: string) => string> {
  const form =
    request.method === 'POST'
      ? await request
          .clone()
          .formData()
          .catch(() => new FormData())
      : new FormData();
  return (name) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
}

/** Content types a page on another site can send without a CORS preflight. */
const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * Whether a request that can change something comes from a page of this site (`siteOrigin`, as
 * the request reached the server). A browser names the page's origin on every non-GET request;
 * without that header it must at least not say "cross-site", and a body type a cross-site form
 * could send is refused outright (only scripts and other non-browser clients send bodies
 * without an Origin). The middleware and the site server's own answer to replies.create share it.
 */
export function sameOriginPost(header: (name: string) => string | null, siteOrigin: string): boolean {
  const origin = header('origin');
  if (origin !== null) return origin === siteOrigin;
  const site = header('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return false;
  const type = mediaTypeOf(header('content-type'));
  return type !== '' && !SIMPLE_TYPES.includes(type);
}

/** A Content-Type header's media type, lower case, without parameters ('' when there is none). */
export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
