/**
 * What the reader's browser remembers between visits: the signed tokens of replies it
 * posted (to edit/delete them and see them while held), the signed author key that lets an
 * approved replier skip hold-first moderation, a random voter id, and the replies it
 * already found helpful. Storage can be blocked; everything degrades to memory.
 */
const TOKENS = 'pursebop:reply-tokens';
const VOTER = 'pursebop:voter-id';
const VOTED = 'pursebop:voted';
const AUTHOR = 'pursebop:author-key';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or a full quota: the session still works, it just is not remembered.
  }
}

/** Reply id → token. */
export function loadTokens(): Record<string, string> {
  // Whatever is stored may have been written by another version or by hand.
  const tokens = read<unknown>(TOKENS, {});
  if (typeof tokens !== 'object' || tokens === null || Array.isArray(tokens)) return {};
  return Object.fromEntries(Object.entries(tokens).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function saveToken(id: number, token: string): Record<string, string> {
  const tokens = { ...loadTokens(), [String(id)]: token };
  // The newest 50 are enough: older ones are long past the edit window.
  const kept = Object.fromEntries(Object.entries(tokens).slice(-50));
  write(TOKENS, kept);
  return kept;
}

export function voterId(): string {
  const existing = read<string>(VOTER, '');
  if (/^[A-Za-z0-9_-]{16,64}$/.test(existing)) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  write(VOTER, id);
  return id;
}

export function loadVoted(): number[] {
  const voted = read<unknown>(VOTED, []);
  return Array.isArray(voted) ? voted.filter((v): v is number => typeof v === 'number') : [];
}

export function saveVoted(ids: readonly number[]): void {
  write(VOTED, ids.slice(-500));
}

/** The author key the server issued with an earlier reply, or '' before the first one. */
export function loadAuthorKey(): string {
  const key = read<unknown>(AUTHOR, '');
  return typeof key === 'string' && /^[\w.-]{1,200}$/.test(key) ? key : '';
}

export function saveAuthorKey(key: string): void {
  write(AUTHOR, key);
}
