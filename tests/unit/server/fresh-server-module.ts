import { vi } from 'vitest';
import * as secret from '../../../src/server/secret';

/**
 * A copy of a server module loaded inside the test, so that the values it computes as it loads are
 * computed there too (the mutation run only sees code a test runs). The secret module stays the one
 * already loaded: in development it draws its secret when it loads, and the copy must sign and verify
 * with the same secret as the rest of the test.
 */
export async function freshServerModule<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  vi.doMock('../../../src/server/secret', () => secret);
  try {
    return await load();
  } finally {
    vi.doUnmock('../../../src/server/secret');
  }
}
