import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, configProblems, loadConfig } from '../../../src/server/config';

describe('SITE_SECRET strength', () => {
  it('refuses a guessable secret, saying why and how to make a good one, without echoing it', () => {
    for (const weak of [
      'x'.repeat(64),
      'passwordpasswordpasswordpassword',
      'my-very-secret-site-secret-for-production',
    ]) {
      expect(() => loadConfig({ SITE_SECRET: weak })).toThrow(ConfigError);
      const [problem] = configProblems({ SITE_SECRET: weak });
      expect(problem).toMatch(/^SITE_SECRET=\(hidden\): guessable: .*openssl rand -hex 32/);
      expect(problem).not.toContain(weak);
    }
    expect(configProblems({ SITE_SECRET: randomBytes(8).toString('hex') })[0]).toContain('too short');
  });

  it('accepts a random one', () => {
    const secret = randomBytes(32).toString('hex');
    expect(loadConfig({ SITE_SECRET: secret }).SITE_SECRET).toBe(secret);
  });
});

describe('TRUSTED_PROXIES', () => {
  it('takes addresses and CIDR ranges of both families', () => {
    const c = loadConfig({ TRUSTED_PROXIES: ' 127.0.0.1, 10.0.0.0/8 ,fd00::/8,::1' });
    expect(c.trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1']);
  });

  it('names an entry that is neither', () => {
    expect(configProblems({ TRUSTED_PROXIES: '10.0.0.1, proxy.internal' })[0]).toContain('"proxy.internal"');
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/40' })).toThrow(ConfigError);
  });
});
