/** The inputs a build was made from, as scripts/build-fingerprint.ts records them. */
export interface InputsRecord {
  /** Settings baked into the pages, by name. */
  settings: Record<string, string>;
  /** Input file path → content hash. */
  files: Record<string, string>;
}

/** What `npm run publish` should do, and why. */
export type PublishPlan =
  | { kind: 'none' }
  | { kind: 'full'; reason: string }
  /** Letter files (relative to the letters folder) added or changed; other new files there (images) come along. */
  | { kind: 'quick'; letters: string[] };

// A letter file name goes into a glob pattern: only names that can never be read as glob syntax qualify.
const SAFE_LETTER = /^[\w./-]+\.mdx$/;

/**
 * Compares the inputs of the live build with the working tree. Only letters added or edited (and new
 * files beside them, such as a new picture) can be published without a full build; anything else
 * — code, settings, columnists, topics, a removed or changed picture, a removed letter — needs one.
 */
export function planPublish(before: InputsRecord | undefined, after: InputsRecord, lettersKey: string): PublishPlan {
  if (!before) return { kind: 'full', reason: 'the live build has no record of its inputs' };
  const settings = new Set([...Object.keys(before.settings), ...Object.keys(after.settings)]);
  for (const name of settings)
    if (before.settings[name] !== after.settings[name]) return { kind: 'full', reason: `${name} changed` };
  const prefix = `${lettersKey}/`;
  const letters: string[] = [];
  let changed = false;
  for (const file of Object.keys(before.files))
    if (!(file in after.files)) return { kind: 'full', reason: `${file} was removed` };
  for (const [file, hash] of Object.entries(after.files)) {
    const old = before.files[file];
    if (old === hash) continue;
    changed = true;
    if (!file.startsWith(prefix)) return { kind: 'full', reason: `${file} is not a letter` };
    const name = file.slice(prefix.length);
    if (name.endsWith('.mdx')) {
      // A name with a part starting with a dot (`.drafts/…`) is no letter of the site: the full build's
      // `**/*.mdx` never matches it, while the quick path's literal pattern would render and publish it.
      if (!SAFE_LETTER.test(name) || name.split('/').some((part) => part.startsWith('.')))
        return { kind: 'full', reason: `${file} has a name the quick path does not take` };
      letters.push(name);
    } else if (old !== undefined) {
      // Letters not rebuilt may show this file; only a full build refreshes them all.
      return { kind: 'full', reason: `${file} changed` };
    }
  }
  if (!changed) return { kind: 'none' };
  if (letters.length === 0) return { kind: 'full', reason: 'no letter changed' };
  return { kind: 'quick', letters: letters.sort() };
}
