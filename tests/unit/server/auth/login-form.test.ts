import { describe, expect, it } from 'vitest';
import { isHeaderSafeNext, loginFormSchema, safeNext } from '../../../../src/server/auth/login-form';

describe('the sign-in return path', () => {
  it('returns to a page inside the desk', () => {
    expect(safeNext('/desk/replies?status=held')).toBe('/desk/replies?status=held');
    expect(safeNext('/desk')).toBe('/desk');
  });

  it('never bounces elsewhere: other sites, other paths, backslashes and missing values all go to /desk', () => {
    for (const next of [
      undefined,
      null,
      '',
      'https://evil.example/desk',
      '//evil.example/desk',
      '/\\evil.example',
      '/desk\\..\\evil',
      '/letters/rain-spots/',
      'desk/replies',
    ]) {
      expect(safeNext(next)).toBe('/desk');
    }
  });

  it('does not send a signed-in editor back to the sign-in page', () => {
    expect(safeNext('/desk/login')).toBe('/desk');
    expect(safeNext('/desk/login?next=/desk/replies')).toBe('/desk');
  });

  it('refuses a return path that would split or break the Location header', () => {
    expect(isHeaderSafeNext('/desk/replies')).toBe(true);
    expect(isHeaderSafeNext(undefined)).toBe(true);
    for (const bad of ['/desk\r\nSet-Cookie: x=1', '/desk\nx', '/desk\u0000', '/desk\u2028', '/desk page', '/désk']) {
      expect(isHeaderSafeNext(bad)).toBe(false);
      expect(safeNext(bad)).toBe('/desk');
    }
  });

  it('bounds the sign-in form fields', () => {
    const ok = { email: ' ed@example.com ', password: 'p' };
    expect(loginFormSchema.parse(ok).email).toBe('ed@example.com');
    expect(loginFormSchema.safeParse({ ...ok, email: '   ' }).success).toBe(false);
    expect(loginFormSchema.safeParse({ ...ok, email: `${'a'.repeat(243)}@example.com` }).success).toBe(false);
    expect(loginFormSchema.safeParse({ ...ok, email: `${'a'.repeat(242)}@example.com` }).success).toBe(true);
    expect(loginFormSchema.safeParse({ ...ok, password: '' }).success).toBe(false);
    expect(loginFormSchema.safeParse({ ...ok, password: 'p'.repeat(200) }).success).toBe(true);
    expect(loginFormSchema.safeParse({ ...ok, password: 'p'.repeat(201) }).success).toBe(false);
    expect(loginFormSchema.safeParse({ ...ok, next: '/'.repeat(500) }).success).toBe(true);
    expect(loginFormSchema.safeParse({ ...ok, next: '/'.repeat(501) }).success).toBe(false);
  });
});
