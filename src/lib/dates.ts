// Frontmatter dates are calendar days parsed as UTC midnight, so every formatter pins UTC
// to keep a reader west of Greenwich from seeing the day before.

/** `2025-03-14` for machine-readable attributes and search metadata. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// One formatter for the process (one per call cost seconds per thousand pages in the build profile), made on
// first use: a browser's first Intl formatter loads locale data, which must not delay a page's start.
let dayFormat: Intl.DateTimeFormat | undefined;

/** `14 March 2025` for readers. */
export function formatDay(date: Date): string {
  dayFormat ??= new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return dayFormat.format(date);
}

/** The calendar year a letter is filed under in the archive. */
export function yearOf(date: Date): number {
  return date.getUTCFullYear();
}

/** `2026-11-30 10:42 UTC`: unambiguous for editors in any time zone. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
