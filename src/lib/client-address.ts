/**
 * The address a request really came from. X-Forwarded-For is believed only when the
 * direct peer is a trusted proxy; then the right-most address not itself trusted wins,
 * because everything to its left could have been typed by the client.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | null,
  trustedProxies: readonly string[],
): string {
  const direct = normaliseAddress(peer ?? 'unknown');
  if (!forwardedFor || !trustedProxies.includes(direct)) return direct;
  const hops = forwardedFor
    .split(',')
    .map((h) => normaliseAddress(h.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i];
    if (hop && !trustedProxies.includes(hop)) return hop;
  }
  return direct;
}

/** "::ffff:127.0.0.1" and "127.0.0.1" are the same client. */
export function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
