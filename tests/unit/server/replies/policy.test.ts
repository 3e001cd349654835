import { describe, expect, it } from 'vitest';
import { decideStatus, type ModerationPolicy } from '../../../../src/server/replies/policy';

const base = { approvedReplier: false, links: 0, blockedWord: undefined };

describe('decideStatus', () => {
  it.each<[ModerationPolicy, boolean, string]>([
    ['publish', false, 'published'],
    ['publish', true, 'published'],
    ['hold-first', false, 'held'],
    ['hold-first', true, 'published'],
    ['hold-all', false, 'held'],
    ['hold-all', true, 'held'],
  ])('policy %s, approved replier %s → %s', (policy, approvedReplier, status) => {
    expect(decideStatus({ ...base, policy, approvedReplier }).status).toBe(status);
  });

  it('holds more than two links under every policy, but not two', () => {
    expect(decideStatus({ ...base, policy: 'publish', links: 2 }).status).toBe('published');
    expect(decideStatus({ ...base, policy: 'publish', links: 3 })).toEqual({ status: 'held', holdReason: '3 links' });
  });

  it('holds blocked words and says which one to the moderator', () => {
    expect(decideStatus({ ...base, policy: 'publish', approvedReplier: true, blockedWord: 'replica' })).toEqual({
      status: 'held',
      holdReason: 'blocked word: replica',
    });
  });
});

describe('hold reasons the desk shows', () => {
  it('says which policy held the reply', () => {
    expect(decideStatus({ ...base, policy: 'hold-all' })).toEqual({
      status: 'held',
      holdReason: 'policy: hold every reply',
    });
    expect(decideStatus({ ...base, policy: 'hold-first' })).toEqual({
      status: 'held',
      holdReason: 'first-time replier',
    });
  });
});
