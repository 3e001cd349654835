import { describe, expect, it } from 'vitest';
import { isPagefindApi } from '../../../src/lib/search/pagefind-api';

const fn = () => Promise.resolve();
const api = { options: fn, init: fn, search: fn, filters: fn };

describe('isPagefindApi', () => {
  it('accepts a module with the four functions the search page calls', () => {
    expect(isPagefindApi(api)).toBe(true);
    expect(isPagefindApi({ ...api, debouncedSearch: fn, extra: 1 })).toBe(true);
  });

  it('refuses anything else a broken or stale pagefind.js could give', () => {
    expect(isPagefindApi(undefined)).toBe(false);
    expect(isPagefindApi(null)).toBe(false);
    expect(isPagefindApi('pagefind')).toBe(false);
    expect(isPagefindApi(fn)).toBe(false);
    for (const name of ['options', 'init', 'search', 'filters'] as const) {
      expect(isPagefindApi({ ...api, [name]: undefined }), name).toBe(false);
      expect(isPagefindApi({ ...api, [name]: 'not a function' }), name).toBe(false);
    }
  });
});
