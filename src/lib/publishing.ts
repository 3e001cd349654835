/** The two frontmatter fields that decide whether a letter is public. */
export interface PublishState {
  draft: boolean;
  pubDate: Date;
}

/** Where the site is being rendered; drafts and scheduled letters only show in development. */
export interface PublishContext {
  dev: boolean;
  now: Date;
}

/** The one rule for what readers may see: no drafts and nothing scheduled for later, except in `astro dev`. */
export function isPublished(letter: PublishState, context: PublishContext): boolean {
  if (context.dev) return true;
  return !letter.draft && letter.pubDate.getTime() <= context.now.getTime();
}
