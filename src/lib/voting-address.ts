/**
 * The part of a client address that stands for one voter: an IPv4 address whole, an
 * IPv6 address by its /64 prefix, because one subscriber is usually handed a whole /64
 * and could otherwise vote from billions of addresses. Anything unparseable is kept as is.
 */
export function votingAddress(address: string): string {
  const a = address.trim().toLowerCase().replace(/%.*$/, '');
  if (!a.includes(':')) return a;
  const halves = a.split('::');
  if (halves.length > 2) return a;
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const width = (gs: string[]) => gs.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  const missing = 8 - width(head) - width(tail);
  if (halves.length === 1 ? missing !== 0 : missing < 1) return a;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  const prefix = all.slice(0, 4);
  if (!prefix.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return a;
  return `${prefix.map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
