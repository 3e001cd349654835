import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneBuilds } from '../../../scripts/prune-builds';

describe('removing old builds after a publish', () => {
  let builds = '';
  const dir = (name: string) => path.join(builds, name);
  beforeEach(() => {
    builds = mkdtempSync(path.join(tmpdir(), 'pursebop-prune-'));
    for (const name of ['20261201-100000-1', '20261202-100000-2', '20261203-100000-3', '20261204-100000-4'])
      mkdirSync(dir(name));
  });
  afterEach(() => {
    rmSync(builds, { recursive: true, force: true });
  });

  it('keeps the builds named and removes the rest', () => {
    symlinkSync('20261203-100000-3', dir('current'));
    pruneBuilds(builds, [dir('20261203-100000-3'), dir('20261204-100000-4')]);
    expect(existsSync(dir('20261201-100000-1'))).toBe(false);
    expect(existsSync(dir('20261202-100000-2'))).toBe(false);
    expect(existsSync(dir('20261203-100000-3'))).toBe(true);
    expect(existsSync(dir('20261204-100000-4'))).toBe(true);
  });

  it('never removes the build a rollback made current while the publish was building', () => {
    // The publish started on build 3 and built 4; meanwhile a rollback made 2 current and 3 previous.
    symlinkSync('20261202-100000-2', dir('current'));
    symlinkSync('20261203-100000-3', dir('previous'));
    pruneBuilds(builds, [dir('20261204-100000-4'), dir('20261203-100000-3')]);
    expect(existsSync(dir('20261202-100000-2'))).toBe(true);
    expect(existsSync(dir('20261201-100000-1'))).toBe(false);
  });
});
