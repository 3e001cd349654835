import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/server/config';
import { createLogger, errorFields } from '../../../src/server/log';

function capture(level: string): { lines: () => Record<string, unknown>[]; logger: ReturnType<typeof createLogger> } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger(level, sink);
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, logger };
}

describe('server log', () => {
  it('writes one JSON object per line with the level by name', () => {
    const { lines, logger } = capture('info');
    logger.info({ route: '/ask' }, 'served');
    expect(lines()).toEqual([expect.objectContaining({ level: 'info', route: '/ask', msg: 'served' })]);
  });

  it('never writes emails, secrets, tokens or bodies, at the top level or one level down', () => {
    const { lines, logger } = capture('info');
    logger.info(
      {
        email: 'reader@example.com',
        body: 'the reply text',
        password: 'hunter2hunter2',
        request: { token: 'abc', cookie: 'desk_session=1', authorization: 'Basic x' },
      },
      'event',
    );
    const text = JSON.stringify(lines());
    for (const secret of ['reader@example.com', 'the reply text', 'hunter2hunter2', 'abc', 'desk_session=1', 'Basic x'])
      expect(text).not.toContain(secret);
  });

  it('drops lines below LOG_LEVEL', () => {
    const { lines, logger } = capture('warn');
    logger.info('quiet');
    logger.warn('loud');
    expect(lines().map((l) => l.msg)).toEqual(['loud']);
  });

  it('logs an error by message and stack only', () => {
    const err = Object.assign(new Error('boom'), { detail: 'Key (email)=(a@b.example) already exists' });
    expect(errorFields(err)).toEqual({ error: { message: 'boom', stack: err.stack } });
  });

  it('LOG_LEVEL takes pino level names and refuses anything else', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
    expect(loadConfig({}).LOG_LEVEL).toBe('info');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
