import { createHash, randomBytes } from 'node:crypto';

/** 24 random bytes = 192 bits, comfortably above the 128 the status link needs. */
const TOKEN_BYTES = 24;
/** base64url of TOKEN_BYTES bytes, without padding. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** A fresh private status token for the visitor's link; never stored as is. */
export function generateStatusToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** What the database keeps instead of the token: its SHA-256, hex. */
export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** True when the text has the exact shape of a token we issue, so junk never reaches the database. */
export function isWellFormedStatusToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
