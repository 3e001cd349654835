import { clientAddress } from '../../lib/client-address';
import { formObject } from '../../lib/form-object';
import { createReplyInput } from '../../schemas/reply';
import type { z } from 'astro/zod';
import { config } from '../config';
import { readSimpleMultipart } from '../form-body';
import { sameOriginPost } from '../request';
import { AUTHOR_COOKIE, authorCookieValue } from './token-cookie';
import type { ThreadAnswer } from './thread-endpoint';

/** The path the reply form's script posts to (Astro's RPC endpoint for the action). */
export const CREATE_REPLY_PATH = '/_actions/replies.create';

/** A POST as the site server holds it before Astro: the body is already read whole and bounded. */
export interface ActionPost {
  /** The request target, path and query, as sent. */
  url: string;
  /** 'https' only when the connection itself is TLS, as Astro builds the request's URL. */
  protocol: 'http' | 'https';
  /** Node's request headers (names in lower case, repeated ones already joined). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The peer's address. */
  remoteAddress: string | undefined;
  body: Uint8Array<ArrayBuffer>;
}

/** An answer the site server sends as it is, or undefined: "leave this request to Astro". */
export type ActionAnswerer = (post: ActionPost) => Promise<ThreadAnswer | undefined>;

/** Who sent a reply, as the action needs it: from Astro's context, or from the site server. */
export interface ReplyCaller {
  /** The pursebop_author cookie, when it holds a well-formed value. */
  authorCookie: string | undefined;
  /** The client address rate limits count against (X-Forwarded-For from trusted proxies only). */
  clientKey: string;
}

/** The caller from the peer address (as Astro reports it), X-Forwarded-For and the author cookie. */
export function replyCaller(
  peerAddress: string,
  forwardedFor: string | null,
  authorCookie: string | undefined,
): ReplyCaller {
  return { authorCookie, clientKey: clientAddress(peerAddress, forwardedFor, config().trustedProxies) };
}

/** Cookie names and values are trimmed of spaces and tabs only, as Astro's cookie parser trims them. */
const trimSpaces = (text: string) => text.replace(/^[ \t]+|[ \t]+$/g, '');

/**
 * One cookie's value as Astro's cookie reader gives it: the first of that name, percent-decoded
 * when that works, quotes kept. Reading it any other way would let a cookie Astro refuses count here.
 */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || trimSpaces(part.slice(0, at)) !== name) continue;
    const value = trimSpaces(part.slice(at + 1));
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

const one = (value: string | string[] | undefined): string | null =>
  value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;

export type CreateReplyInput = z.output<typeof createReplyInput>;

/**
 * A reply post the site server may answer without Astro, read exactly as the action would see
 * it; undefined for anything Astro should answer itself: another path, a body that is not a
 * form, a request the origin check would refuse, a form the schema refuses (Astro then sends
 * its own field errors). Nothing here has side effects, so leaving a request to Astro is safe.
 */
export async function readReplyPost(
  post: ActionPost,
): Promise<{ input: CreateReplyInput; caller: ReplyCaller } | undefined> {
  if (post.url !== CREATE_REPLY_PATH || post.remoteAddress === undefined) return undefined;
  const header = (name: string) => one(post.headers[name]);
  const type = header('content-type');
  const host = header('host');
  if (type === null || host === null || !FORM_TYPES.has(type.split(';')[0]?.toLowerCase() ?? '')) return undefined;
  const target = `${post.protocol}://${host}${post.url}`;
  if (!URL.canParse(target) || !sameOriginPost(header, new URL(target).origin)) return undefined;
  let form: FormData;
  const simple = readSimpleMultipart(type, post.body);
  if (simple) {
    // The island's post: read directly, without a Response and its body stream around the bytes.
    form = new FormData();
    for (const [name, value] of simple) form.append(name, value);
  } else {
    try {
      form = await new Response(post.body, { headers: { 'content-type': type } }).formData();
    } catch {
      return undefined;
    }
  }
  const fields = formObject(form, createReplyInput);
  const parsed = fields && createReplyInput.safeParse(fields);
  if (!parsed?.success) return undefined;
  return {
    input: parsed.data,
    caller: replyCaller(
      post.remoteAddress,
      header('x-forwarded-for'),
      authorCookieValue(cookieValue(header('cookie') ?? undefined, AUTHOR_COOKIE)),
    ),
  };
}
