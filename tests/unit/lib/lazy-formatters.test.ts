import { afterEach, describe, expect, it, vi } from 'vitest';

const RealDateTimeFormat = Intl.DateTimeFormat;

// A browser's first Intl formatter loads locale data: a module that made one as it loaded would
// spend that time while a page starts or the replies island hydrates, before anything needs a date.
describe('date formatters are made on first use, once', () => {
  afterEach(() => {
    Intl.DateTimeFormat = RealDateTimeFormat;
    vi.resetModules();
  });

  async function countingFormatters() {
    vi.resetModules();
    const made = { count: 0 };
    Intl.DateTimeFormat = class extends RealDateTimeFormat {
      constructor(...args: ConstructorParameters<typeof RealDateTimeFormat>) {
        super(...args);
        made.count += 1;
      }
    } as typeof Intl.DateTimeFormat;
    const dates = await import('../../../src/lib/dates');
    const replyTree = await import('../../../src/lib/reply-tree');
    return { made, dates, replyTree };
  }

  it('makes none while the modules load', async () => {
    const { made } = await countingFormatters();
    expect(made.count).toBe(0);
  });

  it('makes one for each kind of date however many are formatted', async () => {
    const { made, dates, replyTree } = await countingFormatters();
    for (const day of [1, 2, 3]) expect(dates.formatDay(new Date(Date.UTC(2025, 2, day)))).toBe(`${day} March 2025`);
    expect(made.count).toBe(1);
    for (const minute of [1, 2]) {
      expect(replyTree.formatReplyTime(Date.UTC(2025, 2, 14, 9, minute))).toBe(`14 Mar 2025, 09:0${minute} UTC`);
    }
    expect(made.count).toBe(2);
  });
});
