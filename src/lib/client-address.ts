/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
interface Ip {
  version: 4 | 6;
  value: bigint;
}

/** One TRUSTED_PROXIES entry: an exact address is a range of full length. */
interface Range {
  version: 4 | 6;
  /** The network bits, with every host bit zero. */
  network: bigint;
  prefix: number;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: some parsers read "010" as octal, so it names no address reliably.
    if (!/^(?:0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (text.length > 45) return undefined;
  let words: string[];
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  // An embedded IPv4 tail ("::ffff:192.0.2.1") stands for the last two words.
  const last = (halves.length === 2 ? tail : head).at(-1);
  let v4: bigint | undefined;
  if (last?.includes('.')) {
    v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    (halves.length === 2 ? tail : head).pop();
  }
  const wordsNeeded = v4 === undefined ? 8 : 6;
  if (halves.length === 2) {
    const missing = wordsNeeded - head.length - tail.length;
    if (missing < 1) return undefined;
    words = [...head, ...Array<string>(missing).fill('0'), ...tail];
  } else {
    words = head;
  }
  if (words.length !== wordsNeeded) return undefined;
  let value = 0n;
  for (const word of words) {
    if (!/^[0-9a-f]{1,4}$/i.test(word)) return undefined;
    value = (value << 16n) | BigInt(parseInt(word, 16));
  }
  return v4 === undefined ? value : (value << 32n) | v4;
}

/** Parses an address; an IPv4-mapped IPv6 address is the IPv4 address it carries. */
export function parseIp(text: string): Ip | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  // A zone ("fe80::1%eth0") names an interface, not a different client.
  const v6 = parseIpv6(text.replace(/%[\w.-]{1,32}$/, ''));
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { version: 4, value: v6 & 0xffffffffn };
  return { version: 6, value: v6 };
}

function formatIp(ip: Ip): string {
  if (ip.version === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((ip.value >> shift) & 0xffn)).join('.');
  }
  const words = Array.from({ length: 8 }, (_, i) => Number((ip.value >> BigInt(112 - 16 * i)) & 0xffffn));
  // RFC 5952: the longest run of two or more zero words becomes "::" (the first such run on a tie).
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Takes the address out of "[2001:db8::1]:443" or "192.0.2.1:5678", as some proxies write them. */
function stripPort(text: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed?.[1]) return bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text);
  return v4WithPort?.[1] ?? text;
}

/**
 * One spelling per client: "::ffff:127.0.0.1" is "127.0.0.1", "2001:DB8:0::1" is "2001:db8::1".
 * Text that is no address comes back trimmed, unchanged otherwise.
 */
export function normaliseAddress(address: string): string {
  const text = stripPort(address.trim());
  const ip = parseIp(text);
  return ip ? formatIp(ip) : text;
}

/** Why a TRUSTED_PROXIES entry cannot be used, or undefined when it is an address or a CIDR range. */
export function proxyEntryProblem(entry: string): string | undefined {
  return parseRange(entry) ? undefined : `"${entry}" is neither an IP address nor a CIDR range such as 10.0.0.0/8`;
}

function parseRange(entry: string): Range | undefined {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(entry.trim());
  if (!m?.[1]) return undefined;
  const ip = parseIp(m[1]);
  if (!ip) return undefined;
  const width = ip.version === 4 ? 32 : 128;
  let prefix = m[2] === undefined ? width : Number(m[2]);
  // "::ffff:10.0.0.0/104" is the IPv4 range 10.0.0.0/8.
  if (ip.version === 4 && m[2] !== undefined && m[1].includes(':')) prefix -= 96;
  if (prefix < 0 || prefix > width) return undefined;
  const hostBits = BigInt(width - prefix);
  return { version: ip.version, network: (ip.value >> hostBits) << hostBits, prefix };
}

function inRange(ip: Ip, range: Range): boolean {
  if (ip.version !== range.version) return false;
  const hostBits = BigInt((ip.version === 4 ? 32 : 128) - range.prefix);
  return (ip.value >> hostBits) << hostBits === range.network;
}

/** Compiled TRUSTED_PROXIES: exact addresses and CIDR ranges, IPv4 and IPv6. Bad entries are ignored here; configuration validation reports them. */
export class ProxyList {
  private readonly ranges: Range[];

  constructor(entries: readonly string[]) {
    this.ranges = entries.map(parseRange).filter((r): r is Range => r !== undefined);
  }

  /** True when the address (in any spelling) is one of the proxies. */
  has(address: string): boolean {
    const ip = parseIp(stripPort(address.trim()));
    return ip !== undefined && this.ranges.some((r) => inRange(ip, r));
  }
}

let compiled: { key: string; list: ProxyList } | undefined;

function proxyList(entries: readonly string[] | ProxyList): ProxyList {
  if (entries instanceof ProxyList) return entries;
  const key = entries.join(',');
  if (compiled?.key !== key) compiled = { key, list: new ProxyList(entries) };
  return compiled.list;
}

/**
 * The address a request really came from. X-Forwarded-For is believed only when the
 * direct peer is a trusted proxy; then the right-most address not itself trusted wins,
 * because everything to its left could have been typed by the client. An entry that is
 * no address at all cannot be believed either: the proxy that handed it over is the
 * nearest client we know. When every hop is a proxy, the answer is the direct peer.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | null,
  trustedProxies: readonly string[] | ProxyList,
): string {
  const direct = normaliseAddress(peer ?? 'unknown');
  const proxies = proxyList(trustedProxies);
  if (!forwardedFor || !proxies.has(direct)) return direct;
  const hops = forwardedFor
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  let nearest = direct;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = stripPort(hops[i] ?? '');
    if (!parseIp(hop)) return nearest;
    const address = normaliseAddress(hop);
    if (!proxies.has(address)) return address;
    nearest = address;
  }
  // Only proxies took part (a proxy's own health check, say): the one talking to us.
  return direct;
}

/** The scheme the client used: X-Forwarded-Proto counts only when the direct peer is a trusted proxy. */
export function clientUsedHttps(
  requestUrl: URL,
  peer: string | undefined,
  forwardedProto: string | null,
  trustedProxies: readonly string[] | ProxyList,
): boolean {
  if (requestUrl.protocol === 'https:') return true;
  if (!forwardedProto || !peer || !proxyList(trustedProxies).has(normaliseAddress(peer))) return false;
  // A chain of proxies may append; the first value is the scheme the client itself spoke.
  return forwardedProto.split(',')[0]?.trim().toLowerCase() === 'https';
}
