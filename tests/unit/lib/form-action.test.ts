import { describe, expect, it } from 'vitest';
import { pageAddress, postTo } from '../../../src/lib/form-action';

describe('postTo', () => {
  it('posts to the same page, its query kept, with the action named', () => {
    const url = new URL('https://example.com/desk/replies?status=held&page=2');
    expect(postTo(url, '?_action=moderate')).toBe('/desk/replies?status=held&page=2&_action=moderate');
  });

  it('reads the action name from anything that prints as an action attribute', () => {
    const action = { toString: () => '/_actions/x?_action=replies.create' };
    expect(postTo(new URL('https://example.com/letters/a/replies'), action)).toBe(
      '/letters/a/replies?_action=replies.create',
    );
  });

  it('replaces an action already in the address instead of adding a second', () => {
    expect(postTo(new URL('https://example.com/desk?_action=old&x=1'), '?_action=new')).toBe('/desk?_action=new&x=1');
  });

  it('names no action when it is given none', () => {
    expect(postTo(new URL('https://example.com/desk'), 'nothing here')).toBe('/desk?_action=');
  });

  it('never leaves the site: only path and query are kept', () => {
    expect(postTo(new URL('https://example.com/a#top'), '?_action=b')).toBe('/a?_action=b');
  });
});

describe('pageAddress', () => {
  it('drops only the action parameter', () => {
    expect(pageAddress(new URL('https://example.com/desk/replies?status=held&_action=moderate&page=2'))).toBe(
      '/desk/replies?status=held&page=2',
    );
    expect(pageAddress(new URL('https://example.com/desk?_action=x'))).toBe('/desk');
  });
});
