import { describe, expect, it } from 'vitest';
import {
  checkReplyToken,
  EDIT_WINDOW_MS,
  issueReplyToken,
  replyIdFromToken,
} from '../../../../src/server/replies/tokens';

const reply = { id: 42, created_at: 1_800_000_000_000 };

describe('reply tokens', () => {
  it('accepts the author within the 15-minute window and refuses them after it', () => {
    const token = issueReplyToken(reply.id, reply.created_at);
    expect(checkReplyToken(token, reply, reply.created_at + 1000)).toBe('ok');
    expect(checkReplyToken(token, reply, reply.created_at + EDIT_WINDOW_MS)).toBe('ok');
    expect(checkReplyToken(token, reply, reply.created_at + EDIT_WINDOW_MS + 1)).toBe('expired');
    expect(EDIT_WINDOW_MS).toBe(15 * 60 * 1000);
  });

  it('is bound to one reply and its creation time', () => {
    const token = issueReplyToken(reply.id, reply.created_at);
    expect(checkReplyToken(token, { id: 43, created_at: reply.created_at }, reply.created_at)).toBe('invalid');
    expect(checkReplyToken(token, { id: 42, created_at: reply.created_at + 1 }, reply.created_at)).toBe('invalid');
  });

  it('refuses forged and tampered tokens', () => {
    const token = issueReplyToken(reply.id, reply.created_at);
    const forged = `43.${String(reply.created_at)}.${token.split('.')[2] ?? ''}`;
    expect(replyIdFromToken(forged)).toBeUndefined();
    // Change the last signature character to a different one, whatever it was.
    const last = token.slice(-1);
    expect(replyIdFromToken(`${token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`)).toBeUndefined();
    expect(replyIdFromToken('')).toBeUndefined();
    expect(replyIdFromToken('42.1.<script>')).toBeUndefined();
    expect(checkReplyToken('nonsense', reply, reply.created_at)).toBe('invalid');
    expect(replyIdFromToken(token)).toBe(42);
  });

  it('reads only a whole token: a genuine one with text before or after it names no reply', () => {
    const token = issueReplyToken(reply.id, reply.created_at);
    expect(replyIdFromToken(`9${token}`)).toBeUndefined();
    expect(replyIdFromToken(`x${token}`)).toBeUndefined();
    expect(replyIdFromToken(`${token}!`)).toBeUndefined();
    expect(replyIdFromToken(`${token}.1`)).toBeUndefined();
  });
});
