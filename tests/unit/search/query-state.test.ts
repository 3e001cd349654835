import { describe, expect, it } from 'vitest';
import { toPagefindQuery } from '../../../src/lib/search/pagefind-options';
import {
  emptySearchState,
  isSearchable,
  maxQueryLength,
  parseSearchParams,
  sameSearch,
  toSearchParams,
} from '../../../src/lib/search/query-state';

describe('search URL state', () => {
  it('round-trips a query, several filters and a sort through the URL', () => {
    const params = new URLSearchParams(
      'q=lambskin+pochette&topic=Care+%26+repair&topic=First+bag&year=2023&sort=newest',
    );
    const state = parseSearchParams(params);
    expect(state).toEqual({
      query: 'lambskin pochette',
      filters: { topic: ['Care & repair', 'First bag'], brand: [], year: ['2023'], columnist: [] },
      sort: 'newest',
    });
    expect(parseSearchParams(toSearchParams(state))).toEqual(state);
  });

  it('leaves defaults out of the URL', () => {
    expect(toSearchParams(emptySearchState()).toString()).toBe('');
    expect(toSearchParams({ ...emptySearchState(), query: 'strap' }).toString()).toBe('q=strap');
  });

  it('drops malformed input instead of failing', () => {
    const long = 'a'.repeat(500);
    const state = parseSearchParams(
      new URLSearchParams(
        `q=${long}&sort=sideways&topic=&topic=${'b'.repeat(101)}&brand=Hermès&brand=Hermès&colour=red`,
      ),
    );
    expect(state.query).toHaveLength(maxQueryLength);
    expect(state.sort).toBe('relevance');
    expect(state.filters.topic).toEqual([]);
    expect(state.filters.brand).toEqual(['Hermès']);
    expect(toSearchParams(state).has('colour')).toBe(false);
  });

  it('collapses whitespace in the query', () => {
    expect(parseSearchParams(new URLSearchParams('q=%20%20rain%0A%20spots%20')).query).toBe('rain spots');
  });

  it('knows when there is something to search for', () => {
    expect(isSearchable(emptySearchState())).toBe(false);
    expect(isSearchable({ ...emptySearchState(), query: 'x' })).toBe(true);
    const filtered = emptySearchState();
    filtered.filters.year.push('2022');
    expect(isSearchable(filtered)).toBe(true);
    expect(sameSearch(filtered, emptySearchState())).toBe(false);
  });
});

describe('Pagefind query from the state', () => {
  it('matches any value within a facet and sorts by the date key', () => {
    const state = parseSearchParams(new URLSearchParams('q=strap&topic=A&topic=B&sort=oldest'));
    expect(toPagefindQuery(state)).toEqual({
      query: 'strap',
      options: { filters: { topic: { any: ['A', 'B'] } }, sort: { date: 'asc' } },
    });
  });

  it('asks for every filtered page when there are no words', () => {
    const state = parseSearchParams(new URLSearchParams('brand=Chanel&sort=newest'));
    expect(toPagefindQuery(state)).toEqual({
      query: null,
      options: { filters: { brand: { any: ['Chanel'] } }, sort: { date: 'desc' } },
    });
  });
});

describe('search URL state, limits', () => {
  it('trims filter values, keeps one of each, up to 100 characters and 20 values a facet', () => {
    const params = new URLSearchParams();
    params.append('brand', ' Hermès ');
    params.append('brand', 'Hermès');
    params.append('brand', 'x'.repeat(100));
    params.append('brand', 'y'.repeat(101));
    params.append('brand', '   ');
    expect(parseSearchParams(params).filters.brand).toEqual(['Hermès', 'x'.repeat(100)]);
    const many = new URLSearchParams(Array.from({ length: 25 }, (_, i) => ['topic', `t${String(i)}`]));
    expect(parseSearchParams(many).filters.topic).toEqual(Array.from({ length: 20 }, (_, i) => `t${String(i)}`));
  });

  it('knows the same search when it sees it', () => {
    const a = parseSearchParams(new URLSearchParams('q=red+bag&topic=care&sort=newest'));
    const b = parseSearchParams(new URLSearchParams('sort=newest&q=red%20%20bag&topic=care'));
    expect(sameSearch(a, b)).toBe(true);
    expect(sameSearch(a, parseSearchParams(new URLSearchParams('q=red+bag&topic=care')))).toBe(false);
  });

  it('asks Pagefind for no order of its own when sorting by relevance', () => {
    expect(toPagefindQuery(parseSearchParams(new URLSearchParams('q=bag'))).options.sort).toBeUndefined();
    expect(toPagefindQuery(parseSearchParams(new URLSearchParams('q=bag&sort=oldest'))).options.sort).toEqual({
      date: 'asc',
    });
  });
});
