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
