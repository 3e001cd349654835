import { describe, expect, it, vi } from 'vitest';
import { siteSecret } from '../../../src/server/secret';

// The configuration already refuses to start production without a secret; this proves the
// second line holds on its own, should a configuration ever reach it without one.
vi.mock('../../../src/server/config', () => ({
  config: () => ({ production: true, SITE_SECRET: undefined }),
}));

describe('siteSecret in production', () => {
  it('refuses to make up a secret, and says how to set one', () => {
    expect(() => siteSecret()).toThrow(/^SITE_SECRET is not set\. .*openssl rand -hex 32/);
  });
});
