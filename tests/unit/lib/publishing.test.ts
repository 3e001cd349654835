import { describe, expect, it } from 'vitest';
import { isPublished } from '../../../src/lib/publishing';

const now = new Date('2026-01-10T12:00:00Z');
const prod = { dev: false, now };
const dev = { dev: true, now };

describe('isPublished', () => {
  it('shows a past, non-draft letter everywhere', () => {
    expect(isPublished({ draft: false, pubDate: new Date('2026-01-10T00:00:00Z') }, prod)).toBe(true);
  });
  it('hides drafts from production but not from dev', () => {
    const draft = { draft: true, pubDate: new Date('2025-01-01') };
    expect(isPublished(draft, prod)).toBe(false);
    expect(isPublished(draft, dev)).toBe(true);
  });
  it('holds back a future publication date in production', () => {
    const scheduled = { draft: false, pubDate: new Date('2026-01-11T00:00:00Z') };
    expect(isPublished(scheduled, prod)).toBe(false);
    expect(isPublished(scheduled, dev)).toBe(true);
  });
});

describe('isPublished at the very moment', () => {
  it('publishes a letter whose time has just come', () => {
    const now = new Date('2026-05-19T00:00:00Z');
    expect(isPublished({ draft: false, pubDate: now }, { dev: false, now })).toBe(true);
    expect(isPublished({ draft: false, pubDate: new Date(now.getTime() + 1) }, { dev: false, now })).toBe(false);
  });
});
