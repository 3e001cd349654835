import { describe, expect, it } from 'vitest';
import { ConfigError, configProblems, loadConfig, validateStartupConfig } from '../../../src/server/config';
import { markdownProcessor } from '../../../markdown.config.mjs';

// Random-looking: a guessable secret is refused.
const SECRET = '9c1d0f4e7a2b5c8d3e6f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

describe('start-up configuration', () => {
  it('accepts an empty environment in development and a production one with a secret', () => {
    expect(configProblems({})).toEqual([]);
    expect(configProblems({ NODE_ENV: 'production', SITE_SECRET: SECRET })).toEqual([]);
  });

  it('lists every problem at once, each naming its setting and how to fix it', () => {
    const problems = configProblems({
      NODE_ENV: 'production',
      PG_POOL_SIZE: 'lots',
      MODERATION_POLICY: 'hold-some',
      SITE_URL: 'pursebop.example',
      NOTIFY_INTERVAL_SECONDS: '-5',
    });
    expect(problems.map((p) => p.split(/[=:]/)[0])).toEqual([
      'PG_POOL_SIZE',
      'MODERATION_POLICY',
      'NOTIFY_INTERVAL_SECONDS',
      'SITE_URL',
      'SITE_SECRET',
    ]);
    expect(problems.find((p) => p.startsWith('MODERATION_POLICY'))).toContain('one of hold-all, hold-first, publish');
    expect(problems.find((p) => p.startsWith('SITE_SECRET'))).toContain('openssl rand -hex 32');
  });

  it('never echoes a secret value back in a problem', () => {
    const problems = configProblems({
      SITE_SECRET: 'short-but-private',
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      SMTP_URL: 'http://u:mailpass@x',
    });
    expect(problems).toHaveLength(3);
    const text = problems.join('\n');
    for (const secret of ['short-but-private', 'hunter2', 'mailpass']) expect(text).not.toContain(secret);
  });

  it('refuses to start production without a secret, even when the rest is fine', () => {
    expect(() => validateStartupConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    // The same environment is fine outside production: a throwaway secret is made there.
    expect(validateStartupConfig({ NODE_ENV: 'development' }).production).toBe(false);
  });

  it('derives the folders and the blocked words from their settings', () => {
    const c = loadConfig({ CONTENT_DIR: 'site-content', BLOCKED_WORDS: ' Replica , FAKE,,', PG_POOL_SIZE: '4' });
    expect(c.contentDir).toMatch(/site-content$/);
    expect(c.lettersDir).toBe(`${c.contentDir}/letters`);
    expect(c.blockedWords).toEqual(['replica', 'fake']);
    expect(c.PG_POOL_SIZE).toBe(4);
    expect(loadConfig({ LETTERS_DIR: 'elsewhere' }).lettersDir).toMatch(/elsewhere$/);
  });
});

describe('MARKDOWN_PROCESSOR', () => {
  it('accepts the two processors and unset, and refuses a misspelt one', () => {
    expect(() => markdownProcessor(undefined)).not.toThrow();
    expect(() => markdownProcessor('unified')).not.toThrow();
    expect(() => markdownProcessor('satteri')).not.toThrow();
    expect(() => markdownProcessor('sattery')).toThrow(/MARKDOWN_PROCESSOR="sattery".*"unified".*"satteri"/);
  });
});
