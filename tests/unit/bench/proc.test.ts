import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { median, runMeasured } from '../../../bench/lib/proc.ts';

const MB = 1024 * 1024;
let dir = '';

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A parent with two children, each holding 150 MB of touched memory for 2 s: long enough for many 100 ms samples.
const family = `
const { spawn } = require('node:child_process');
const child = "const b = Buffer.alloc(150 * 1024 * 1024, 1); process.stdout.write('up'); setTimeout(() => b.length, 2000);";
for (let i = 0; i < 2; i++) spawn(process.execPath, ['-e', child], { stdio: 'inherit' });
`;

describe('runMeasured', () => {
  it('adds up the memory of a whole process tree, not just its largest process', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bench-proc-'));
    const m = await runMeasured(process.execPath, ['-e', family], {
      cwd: dir,
      env: process.env,
      logFile: path.join(dir, 'family.log'),
    });
    expect(m.code).toBe(0);
    expect(m.peakRssBytes).toBeGreaterThan(300 * MB);
    expect(m.wallMs).toBeGreaterThan(0);
  });

  it('reports a failing command through its exit code', async () => {
    dir ||= await mkdtemp(path.join(tmpdir(), 'bench-proc-'));
    const m = await runMeasured(process.execPath, ['-e', 'process.exit(3)'], {
      cwd: dir,
      env: process.env,
      logFile: path.join(dir, 'fail.log'),
    });
    expect(m.code).toBe(3);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
