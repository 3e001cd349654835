// Removing old build folders (scripts/publish.ts). Plain Node runs this file (type stripping).
import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';

/** The folder builds/<name> points at now, or undefined. */
export function linkTarget(builds: string, name: 'current' | 'previous'): string | undefined {
  try {
    return path.resolve(builds, readlinkSync(path.join(builds, name)));
  } catch {
    return undefined;
  }
}

/**
 * Removes build folders other than `keep` and whatever builds/current and builds/previous name at this
 * moment: a rollback run while a publish was building has made another folder current, and the server
 * still serves it until the publish's switch is done.
 */
export function pruneBuilds(builds: string, keep: readonly (string | undefined)[]): void {
  const kept = new Set([...keep, linkTarget(builds, 'current'), linkTarget(builds, 'previous')]);
  for (const entry of readdirSync(builds, { withFileTypes: true })) {
    const dir = path.join(builds, entry.name);
    if (entry.isDirectory() && /^\d{8}-\d{6}/.test(entry.name) && !kept.has(dir))
      rmSync(dir, { recursive: true, force: true });
  }
}
